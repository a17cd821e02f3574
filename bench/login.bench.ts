import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@accord/config';
import { ManualClock } from '@accord/identity';
import { OrgKind, Role } from '@accord/policy';
import {
  clearRedisPrefix,
  clockModule,
  createTestDatabase,
  type EnrolledUser,
  freePort,
  invite,
  login,
  organizationWithAdmin,
  testMailbox,
  testRedisPrefix,
} from '@accord/testing';
import { createApiApp } from '../apps/api/src/create-api-app';
import {
  benchKeys,
  cpuSecondsOf,
  machineLine,
  ms,
  numberOption,
  percentiles,
  printTable,
  productionEnv,
  resetPeakRss,
  rssOf,
  signInOverHttp,
} from './bench-kit';
import { startProcess, stopProcess, waitForHealth } from './processes';

/**
 * Logins (issue 17 item 5): CONCURRENT people sign in at the same moment — e-mail, password and the
 * authenticator's current code, `POST /api/v1/auth/login` as the real flow does it — against the
 * built API in its own production-mode process (NODE_ENV=production, default logging, Redis for the
 * throttle), at the configured argon2id cost and hashing semaphore (PASSWORD_HASH_* from the
 * environment, as the API reads them). ROUNDS bursts, each by CONCURRENT accounts that have not
 * signed in yet (a TOTP code is accepted once, so every login is a different account), then the
 * ceiling: one login alone, several times, one after the other.
 *
 * Prints p50 / p95 / max of the response time, the API process's resident memory before the bursts
 * and its peak during them (the semaphore bounds how many 19 MiB argon2 buffers exist at once), and
 * its CPU seconds per login. Target: p95 ≤ 1 s for 20 at once. Options: `--concurrent N` (20),
 * `--rounds N` (5), `--alone N` (5).
 */
export async function runLoginBench(): Promise<void> {
  const concurrent = numberOption('concurrent', 20);
  const rounds = numberOption('rounds', 5);
  const alone = numberOption('alone', 5);
  console.log(machineLine());
  const db = await createTestDatabase('loginbench');
  const prefix = testRedisPrefix('loginbench');
  const keys = benchKeys();
  const mailbox = await testMailbox();
  let setup: NestExpressApplication | undefined;
  let api: ChildProcess | undefined;
  try {
    // Accounts are made in-process (test mode, a manual clock two hours back makes the enrollment codes, so
    // the real clock's codes are newer than any code used).
    const clock = new ManualClock(new Date(Date.now() - 2 * 3600_000));
    const setupEnv = {
      ...productionEnv(db.appUrl, prefix, keys),
      NODE_ENV: 'test',
      SMTP_URL: mailbox.url,
      LOG_LEVEL: 'error',
    };
    setup = await createApiApp(loadConfig(setupEnv), false, [clockModule(clock)]);
    await setup.init();
    const org = await organizationWithAdmin(setup, clock, 'Outreach Program', OrgKind.Community, 'admin@op.test');
    const adminToken = await login(setup, clock, org.admin);
    const people: EnrolledUser[] = [];
    for (let i = 0; i < concurrent * rounds + alone; i++)
      people.push(await invite(setup, clock, adminToken, `worker${i}@op.test`, [Role.OutreachWorker]));
    await setup.close();
    setup = undefined;

    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const env = { ...productionEnv(db.appUrl, prefix, keys), HOST: '127.0.0.1', PORT: String(port) };
    const config = loadConfig({ ...process.env, ...env });
    api = startProcess('api', env);
    await waitForHealth(origin);
    const pid = api.pid!;

    /** Milliseconds from sending the login to having read its answer. */
    const signIn = async (user: EnrolledUser): Promise<number> => {
      const started = performance.now();
      await signInOverHttp(origin, user);
      return performance.now() - started;
    };

    // One login first, so the process has loaded what a login needs (argon2's binding, the dummy hash).
    const queue = [...people];
    await signIn(queue.shift()!);
    const before = rssOf(pid);
    const peakReset = resetPeakRss(pid);
    let sampledPeak = before.rssMb;
    const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, rssOf(pid).rssMb)), 5);
    const cpu0 = cpuSecondsOf(pid);
    const burst: number[] = [];
    const burstWall: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      burst.push(...(await Promise.all(queue.splice(0, concurrent).map(signIn))));
      burstWall.push(performance.now() - started);
    }
    const burstCpu = cpuSecondsOf(pid) - cpu0;
    clearInterval(sampler);
    const after = rssOf(pid);
    const single: number[] = [];
    for (let i = 0; i < alone - 1 && queue.length > 0; i++) single.push(await signIn(queue.shift()!));

    const b = percentiles(burst);
    const s = percentiles(single);
    console.log('');
    printTable(
      ['measurement', 'logins', 'p50 ms', 'p95 ms', 'max ms', 'note'],
      [
        [
          `${concurrent} at once (${rounds} burst${rounds === 1 ? '' : 's'})`,
          String(b.n),
          ms(b.p50),
          ms(b.p95),
          ms(b.max),
          `target p95 ≤ 1000 ms ${b.p95 <= 1000 ? 'met' : 'MISSED'}; ` +
            `a burst takes ${ms(percentiles(burstWall).p50)} ms`,
        ],
        ['ceiling: one login alone', String(s.n), ms(s.p50), ms(s.p95), ms(s.max), 'one after the other'],
      ],
      [1, 2, 3, 4],
    );
    const peak = peakReset ? after.peakMb : sampledPeak;
    console.log(
      `\nargon2id m=${config.passwordHashMemoryKib} KiB, t=${config.passwordHashIterations}, ` +
        `p=${config.passwordHashParallelism}; semaphore PASSWORD_HASH_CONCURRENCY=${config.passwordHashConcurrency} ` +
        `(at most that many hashes at once per process).`,
    );
    console.log(
      `API process RSS: ${before.rssMb.toFixed(0)} MB before the bursts, peak ${peak.toFixed(0)} MB during them ` +
        `(${peakReset ? 'kernel peak mark, reset before the bursts' : 'sampled every 5 ms'}); ` +
        `CPU ${((burstCpu / burst.length) * 1000).toFixed(1)} ms per login in the bursts.`,
    );
  } finally {
    await setup?.close();
    await stopProcess(api);
    await db.drop();
    await clearRedisPrefix(prefix);
  }
}
