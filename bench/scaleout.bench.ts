import type { ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@accord/config';
import { ManualClock } from '@accord/identity';
import { QueueName } from '@accord/jobs';
import { OrgKind, Role } from '@accord/policy';
import {
  clearRedisPrefix,
  clockModule,
  createTestDatabase,
  type EnrolledUser,
  freePort,
  invite,
  login,
  openEventStream,
  organizationWithAdmin,
  sampleIncident,
  type SseStream,
  TEST_REDIS_URL,
  testMailbox,
  testRedisPrefix,
} from '@accord/testing';
import { createApiApp } from '../apps/api/src/create-api-app';
import { benchKeys, machineLine, numberOption, printTable, productionEnv, signInOverHttp } from './bench-kit';
import { startProcess, stopProcess, waitForHealth } from './processes';

/**
 * Scale-out (issue 17 item 7): two API processes and two worker processes — the built apps,
 * production mode, default logging — on one PostgreSQL database and one Redis prefix, as a city that
 * outgrows one machine runs them behind a load balancer (docs/deployment.md).
 *
 * One police department and one outreach program with WORKERS outreach workers and an active one-way
 * agreement (set up in this process through the API). STREAMS inbox streams are opened, spread over
 * both APIs so that every worker holds streams on both; the liaison then shares SHARES incidents at
 * RATE a second, the POSTs alternating between the two APIs. Every share reaches every worker, so
 * every stream must receive every disclosure's `disclosure` event exactly once, whichever API holds
 * the stream and whichever API took the share and whichever worker process ran its jobs.
 *
 * Prints, per API: streams held, events delivered, missing and duplicated; per worker process: the
 * jobs it ran (BullMQ's processedBy, by queue); and the verdict. Options: `--streams N` (100),
 * `--workers N` (10), `--shares N` (50), `--rate N` (10 a second).
 */
export async function runScaleoutBench(): Promise<void> {
  const streamCount = Math.round(numberOption('streams', 100));
  const workerCount = Math.round(numberOption('workers', 10));
  const shares = Math.round(numberOption('shares', 50));
  const rate = numberOption('rate', 10);
  console.log(machineLine());
  const db = await createTestDatabase('scaleout');
  const prefix = testRedisPrefix('scaleout');
  const keys = benchKeys();
  const env = productionEnv(db.appUrl, prefix, keys);
  let setup: NestExpressApplication | undefined;
  const apis: ChildProcess[] = [];
  const workers: ChildProcess[] = [];
  const streams: { stream: SseStream; api: number; received: Map<string, number> }[] = [];
  try {
    // Accounts in this process (test mode; a clock two hours back makes the enrollment codes). No jobs run here.
    const clock = new ManualClock(new Date(Date.now() - 2 * 3600_000));
    setup = await createApiApp(
      loadConfig({ ...env, NODE_ENV: 'test', SMTP_URL: (await testMailbox()).url, LOG_LEVEL: 'error' }),
      false,
      [clockModule(clock)],
    );
    await setup.init();
    const police = await organizationWithAdmin(setup, clock, 'Police Department', OrgKind.Police, 'admin@pd.test');
    const partner = await organizationWithAdmin(setup, clock, 'Outreach Program', OrgKind.Community, 'admin@op.test');
    const policeToken = await login(setup, clock, police.admin);
    const partnerToken = await login(setup, clock, partner.admin);
    const liaison = await invite(setup, clock, policeToken, 'liaison@pd.test', [Role.PoliceLiaison]);
    const people: EnrolledUser[] = [];
    for (let i = 0; i < workerCount; i++)
      people.push(await invite(setup, clock, partnerToken, `worker${i}@op.test`, [Role.OutreachWorker]));
    const http = () => request(setup!.getHttpServer());
    const created = await http()
      .post('/api/v1/agreements')
      .set('Authorization', `Bearer ${policeToken}`)
      .send({ counterpartOrgId: partner.orgId, title: 'Alerts', templateKey: 'one-way-shooting-notifications' });
    const versionId = created.body.versions[0].id as string;
    await http().post(`/api/v1/agreement-versions/${versionId}/propose`).set('Authorization', `Bearer ${policeToken}`);
    await http().post(`/api/v1/agreement-versions/${versionId}/approve`).set('Authorization', `Bearer ${policeToken}`);
    const approved = await http()
      .post(`/api/v1/agreement-versions/${versionId}/approve`)
      .set('Authorization', `Bearer ${await login(setup, clock, partner.admin)}`);
    if (approved.body.status !== 'active') throw new Error(`agreement not active: ${approved.status}`);
    await setup.close();
    setup = undefined;

    const origins: string[] = [];
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      apis.push(startProcess('api', { ...env, HOST: '127.0.0.1', PORT: String(port) }));
      origins.push(`http://127.0.0.1:${port}`);
    }
    for (let i = 0; i < 2; i++) workers.push(startProcess('worker', env));
    for (const origin of origins) await waitForHealth(origin);

    const tokens = await Promise.all(people.map((p, i) => signInOverHttp(origins[i % 2]!, p)));
    const liaisonToken = await signInOverHttp(origins[0]!, liaison);

    // Stream i: worker i mod WORKERS, on API ⌊i / WORKERS⌋ mod 2 — each worker holds streams on both APIs.
    for (let i = 0; i < streamCount; i++) {
      const api = Math.floor(i / workerCount) % 2;
      const stream = await openEventStream(`${origins[api]}/api/v1/inbox/stream`, tokens[i % workerCount]!);
      if (stream.status !== 200) throw new Error(`stream refused: ${stream.status}`);
      const received = new Map<string, number>();
      stream.onMessage = (message) => {
        if (message.event !== 'disclosure') return;
        const { disclosureId } = JSON.parse(message.data) as { disclosureId: string };
        received.set(disclosureId, (received.get(disclosureId) ?? 0) + 1);
      };
      streams.push({ stream, api, received });
    }

    // Incidents first; the shares are the measured traffic, alternating between the APIs.
    const incidents: string[] = [];
    for (let i = 0; i < shares; i++) {
      const res = await fetch(`${origins[i % 2]}/api/v1/incidents`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${liaisonToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(sampleIncident(`Dispute near the park, round ${i}.`)),
      });
      if (res.status !== 201) throw new Error(`incident refused: ${res.status}`);
      incidents.push(((await res.json()) as { id: string }).id);
    }
    const disclosures: string[] = [];
    const failed: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      incidents.map(async (id, n) => {
        const wait = t0 + (n * 1000) / rate - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const res = await fetch(`${origins[n % 2]}/api/v1/incidents/${id}/share`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${liaisonToken}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ redact: false }),
        });
        if (res.status !== 200) {
          failed.push(res.status);
          return;
        }
        for (const d of (await res.json()) as { disclosureId: string }[]) disclosures.push(d.disclosureId);
      }),
    );
    const complete = () => streams.every((s) => disclosures.every((id) => s.received.has(id)));
    const until = Date.now() + 60_000;
    while (!complete() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const settled = ((performance.now() - t0) / 1000).toFixed(1);
    // Late duplicates would arrive now.
    await new Promise((r) => setTimeout(r, 3_000));

    const refused = failed.length ? `: ${[...new Set(failed)].join(', ')}` : '';
    console.log(
      `\n${shares} shares at ${rate}/s (${failed.length} refused${refused}), ` +
        `${disclosures.length} disclosures; ${streamCount} streams of ${workerCount} outreach workers; ` +
        `all delivered ${complete() ? `${settled} s after the first share` : 'NOT within 60 s'}\n`,
    );
    const rows = origins.map((origin, api) => {
      const held = streams.filter((s) => s.api === api);
      let delivered = 0;
      let missing = 0;
      let duplicated = 0;
      for (const s of held)
        for (const id of disclosures) {
          const n = s.received.get(id) ?? 0;
          delivered += n;
          if (n === 0) missing += 1;
          if (n > 1) duplicated += n - 1;
        }
      return { api, origin, held: held.length, delivered, missing, duplicated };
    });
    printTable(
      ['API process', 'streams held', 'events expected', 'events delivered', 'missing', 'duplicated'],
      rows.map((r) => [
        `API ${r.api + 1} (pid ${apis[r.api]!.pid})`,
        String(r.held),
        String(r.held * disclosures.length),
        String(r.delivered),
        String(r.missing),
        String(r.duplicated),
      ]),
      [1, 2, 3, 4, 5],
    );

    // Jobs by the process that ran them: BullMQ keeps completed jobs (24 h) with processedBy = hostname:pid.
    const ran = new Map<string, Map<string, number>>();
    for (const name of Object.values(QueueName)) {
      const queue = new Queue(name, { connection: { url: TEST_REDIS_URL }, prefix });
      try {
        for (const job of await queue.getJobs(['completed'], 0, -1)) {
          const by = job.processedBy ?? '(unnamed)';
          const counts = ran.get(by) ?? new Map<string, number>();
          counts.set(job.name, (counts.get(job.name) ?? 0) + 1);
          ran.set(by, counts);
        }
      } finally {
        await queue.close();
      }
    }
    const jobNames = [...new Set([...ran.values()].flatMap((m) => [...m.keys()]))].sort();
    console.log('');
    printTable(
      ['worker process', 'jobs run', ...jobNames],
      workers.map((w, i) => {
        const counts = ran.get(`${hostname()}:${w.pid}`) ?? new Map<string, number>();
        const total = [...counts.values()].reduce((a, b) => a + b, 0);
        return [`worker ${i + 1} (pid ${w.pid})`, String(total), ...jobNames.map((n) => String(counts.get(n) ?? 0))];
      }),
      [1, ...jobNames.map((_, i) => i + 2)],
    );
    const strays = [...ran.keys()].filter((by) => !workers.some((w) => by === `${hostname()}:${w.pid}`));
    if (strays.length > 0) console.log(`jobs run by other processes: ${strays.join(', ')}`);

    const missing = rows.reduce((a, r) => a + r.missing, 0);
    const duplicated = rows.reduce((a, r) => a + r.duplicated, 0);
    const exactlyOnce = missing === 0 && duplicated === 0 && failed.length === 0;
    console.log(
      `\nevery event on every stream exactly once, whichever API holds it: ${exactlyOnce ? 'YES' : 'NO'} ` +
        `(${missing} missing, ${duplicated} duplicated, ${failed.length} shares refused)`,
    );
  } finally {
    for (const s of streams) s.stream.close();
    await setup?.close();
    await Promise.all([...apis, ...workers].map((p) => stopProcess(p)));
    await db.drop();
    await clearRedisPrefix(prefix);
  }
}
