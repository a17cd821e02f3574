import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import request from 'supertest';
import { Client } from 'pg';
import { loadConfig } from '@accord/config';
import { ManualClock } from '@accord/identity';
import { Role } from '@accord/policy';
import { createApiApp } from '../apps/api/src/create-api-app';
import { startProcess, stopProcess, waitForHealth } from './processes';
import {
  clockModule,
  createTestDatabase,
  freePort,
  invite,
  login,
  partnership,
  privateRedis,
  sampleIncident,
  smtpSink,
} from '@accord/testing';

/**
 * The fault drill (issue 18): the API and the worker as their own processes (the built
 * `dist/apps/*`), on a database of their own and a private Redis without persistence (loopback
 * only), sharing incidents at DRILL_RATE per second for DRILL_SECONDS per phase while one fault is
 * injected; then every effect is counted in SQL and at a local SMTP server and webhook receiver.
 *
 * "Lost" is an effect the database says is owed and never happened; a "repeat" is the one allowed
 * duplicate, the same Message-ID / X-Accord-Delivery sent again after a run died between send and
 * mark (docs/notifications.md). A phase is drained when nothing due is left owed in the outbox
 * (escalation timers hours away do not count); each drain is bounded by DRILL_DRAIN_SECONDS.
 * Not part of `npm test`: `npm run drill`.
 */
const RATE = Number(process.env.DRILL_RATE ?? 8);
const SECONDS = Number(process.env.DRILL_SECONDS ?? 15);
const DRAIN_SECONDS = Number(process.env.DRILL_DRAIN_SECONDS ?? 240);
const WORKERS = 4;

interface Phase {
  name: string;
  fault: (ctx: Drill) => Promise<void>;
}

interface Drill {
  db: { ownerUrl: string };
  restartWorker(): Promise<void>;
  killWorker(): void;
  startWorker(): void;
  killApi(): void;
  startApi(): Promise<void>;
  redis: Awaited<ReturnType<typeof privateRedis>>;
  terminateConnections(): Promise<number>;
  running: () => boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const PHASES: Phase[] = [
  { name: 'none', fault: async () => undefined },
  {
    name: 'worker `kill -9` every 1.5 s',
    fault: async (ctx) => {
      while (ctx.running()) {
        await sleep(1_500);
        ctx.killWorker();
        await sleep(200);
        ctx.startWorker();
      }
    },
  },
  {
    name: 'Redis restarted empty (no persistence) mid-run',
    fault: async (ctx) => {
      await sleep((SECONDS * 1000) / 2);
      await ctx.redis.restart();
    },
  },
  {
    name: 'Redis frozen 10 s (SIGSTOP)',
    fault: async (ctx) => {
      await sleep((SECONDS * 1000) / 4);
      ctx.redis.freeze();
      await sleep(10_000);
      ctx.redis.thaw();
    },
  },
  {
    name: 'database connections terminated during shares (4×)',
    fault: async (ctx) => {
      for (let i = 0; i < 4 && ctx.running(); i++) {
        await sleep((SECONDS * 1000) / 5);
        await ctx.terminateConnections();
      }
    },
  },
  {
    name: 'API `kill -9` mid-share',
    fault: async (ctx) => {
      await sleep((SECONDS * 1000) / 2);
      ctx.killApi();
      await sleep(300);
      await ctx.startApi();
    },
  },
];

interface Row {
  fault: string;
  shares: number;
  ok: number;
  failed5xx: number;
  failed500: number;
  refused: number;
  halfWritten: number;
  deliveriesLost: number;
  emailsLost: number;
  emailRepeats: number;
  webhooksLost: number;
  webhookRepeats: number;
  timersLost: number;
  drained: string;
}

export async function runDrill(): Promise<void> {
  const db = await createTestDatabase('drill');
  const redis = await privateRedis();
  const smtp = await smtpSink();
  const hookCalls: string[] = [];
  const hook: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hookCalls.push(String(req.headers['x-accord-delivery']));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const prefix = 'accord_drill';
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: db.appUrl,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: prefix,
    RUN_WORKER_IN_PROCESS: 'false',
    LOGIN_THROTTLE_MAX_ATTEMPTS: '100000',
    SMTP_URL: smtp.url,
    LOG_LEVEL: 'error',
  };
  let api: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  const rows: Row[] = [];
  const load0 = loadavg()[0]!;
  try {
    // Setup in-process (a manual clock makes the TOTP codes); no jobs run here.
    const clock = new ManualClock(new Date());
    const setupApp = await createApiApp(loadConfig(env), false, [clockModule(clock)]);
    await setupApp.init();
    const p = await partnership(setupApp, clock);
    const partnerToken = await login(setupApp, clock, p.partnerAdmin);
    for (let i = 1; i < WORKERS; i++)
      await invite(setupApp, clock, partnerToken, `worker${i}@safestreets.test`, [Role.OutreachWorker]);
    await invite(setupApp, clock, partnerToken, 'manager@safestreets.test', [Role.ProgramManager]);
    const created = await request(setupApp.getHttpServer())
      .post('/api/v1/webhooks')
      .set('Authorization', `Bearer ${partnerToken}`)
      .send({ url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook` });
    if (created.status !== 201) throw new Error(`webhook refused: ${created.status}`);
    const liaison = await login(setupApp, clock, p.liaison);
    await setupApp.close();

    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const base = `${origin}/api/v1`;
    const startApi = async () => {
      api = startProcess('api', { ...env, HOST: '127.0.0.1', PORT: String(port) });
      await waitForHealth(origin);
    };
    const startWorker = () => {
      worker = startProcess('worker', env);
    };
    await startApi();
    startWorker();

    const post = async (path: string, body: unknown): Promise<{ status: number; body: unknown }> => {
      try {
        const res = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${liaison}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        return { status: res.status, body: await res.json().catch(() => null) };
      } catch {
        return { status: 0, body: null };
      }
    };

    for (const phase of PHASES) {
      const incidents: string[] = [];
      for (let i = 0; i < RATE * SECONDS; i++) {
        const res = await post('/incidents', sampleIncident(`Dispute near the park, ${phase.name}, round ${i}.`));
        if (res.status !== 201) throw new Error(`incident refused: ${res.status}`);
        incidents.push((res.body as { id: string }).id);
      }
      let running = true;
      const ctx: Drill = {
        db,
        redis,
        running: () => running,
        killWorker: () => worker?.kill('SIGKILL'),
        startWorker,
        restartWorker: async () => {
          await stopProcess(worker, 'SIGKILL');
          startWorker();
        },
        killApi: () => api?.kill('SIGKILL'),
        startApi,
        terminateConnections: async () =>
          (
            await owner.query(
              `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()
                AND application_name = 'accord' AND pid <> pg_backend_pid()`,
            )
          ).rowCount ?? 0,
      };
      const statuses: number[] = [];
      const t0 = Date.now() + 50;
      const fault = phase.fault(ctx);
      await Promise.all(
        incidents.map(async (id, n) => {
          const wait = t0 + (n * 1000) / RATE - Date.now();
          if (wait > 0) await sleep(wait);
          statuses.push((await post(`/incidents/${id}/share`, { redact: false })).status);
        }),
      );
      running = false;
      await fault;
      if (!worker || worker.exitCode !== null || worker.signalCode !== null) startWorker();

      // Drained: nothing due is left owed (escalation timers hours away are not due).
      const drainStart = Date.now();
      let drained = false;
      while (Date.now() - drainStart < DRAIN_SECONDS * 1000) {
        const open = await owner.query(
          `SELECT count(*)::int AS n FROM outbox_jobs WHERE status IN ('pending', 'running') OR (status = 'dispatched'
            AND available_at <= now())`,
        );
        if (open.rows[0].n === 0) {
          drained = true;
          break;
        }
        await sleep(250);
      }
      const drainSeconds = (Date.now() - drainStart) / 1000;
      // The last e-mail / webhook accepted is counted before its job is marked done.
      await sleep(500);
      rows.push({
        fault: phase.name,
        ...(await count(owner, incidents, statuses, smtp.mails, hookCalls)),
        drained: drained ? `${drainSeconds.toFixed(0)} s` : `NOT after ${DRAIN_SECONDS} s`,
      });
      console.error(`phase done: ${phase.name}`);
    }
  } finally {
    await stopProcess(api);
    await stopProcess(worker);
    await owner.end();
    await smtp.close();
    await new Promise<void>((resolve) => hook.close(() => resolve()));
    await redis.stop();
    await db.drop();
  }

  console.log(
    `\nFault drill: ${RATE} shares/s, ${SECONDS} s per phase, ${WORKERS} outreach workers + 1 program manager, 1 ` +
      `webhook; load ${load0.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}\n`,
  );
  console.log(
    '| fault | shares | 2xx | 5xx (of which 500) | refused | half-written | deliveries lost | e-mails lost | ' +
      'e-mail repeats (same id) | webhooks lost | webhook repeats (same id) | escalation timers lost | drained |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    console.log(
      `| ${r.fault} | ${r.shares} | ${r.ok} | ${r.failed5xx} (${r.failed500}) | ${r.refused} | ${r.halfWritten} | ` +
        `${r.deliveriesLost} | ${r.emailsLost} | ${r.emailRepeats} | ${r.webhooksLost} | ${r.webhookRepeats} | ` +
        `${r.timersLost} | ${r.drained} |`,
    );
  }
}

async function count(
  owner: Client,
  incidents: string[],
  statuses: number[],
  mails: { messageId: string }[],
  hookCalls: string[],
): Promise<Omit<Row, 'fault' | 'drained'>> {
  const one = async (sql: string, params: unknown[] = []) => Number((await owner.query(sql, params)).rows[0].n);
  const ids = [incidents];
  // A share writes all its disclosures or none: per incident, the count is 0 or the agreement's audience count.
  const perIncident = (
    await owner.query(
      `SELECT i.id, count(d.id)::int AS n FROM unnest($1::uuid[]) AS i(id) LEFT JOIN disclosures d
        ON d.source_id = i.id GROUP BY i.id`,
      ids,
    )
  ).rows as { n: number }[];
  const full = Math.max(0, ...perIncident.map((r) => r.n));
  const halfWritten = perIncident.filter((r) => r.n !== 0 && r.n !== full).length;
  const disclosures = `SELECT id FROM disclosures WHERE source_id = ANY($1::uuid[])`;
  const deliveriesLost = await one(
    `SELECT count(*)::int AS n FROM disclosures WHERE source_id = ANY($1::uuid[]) AND (status <> 'delivered'
      OR NOT EXISTS (SELECT 1 FROM inbox_entries e WHERE e.disclosure_id = disclosures.id))`,
    ids,
  );
  // Owed e-mails: each audience member with an address, per delivered disclosure (docs/notifications.md).
  const emailsOwed = await one(
    `SELECT count(*)::int AS n FROM inbox_entries e JOIN users u ON u.id = e.user_id JOIN disclosures d
      ON d.id = e.disclosure_id
      WHERE d.source_id = ANY($1::uuid[]) AND d.status = 'delivered' AND u.status = 'active' AND u.email <> ''
        AND NOT EXISTS (SELECT 1 FROM inbox_assignments a WHERE a.disclosure_id = e.disclosure_id
        AND a.user_id = e.user_id)`,
    ids,
  );
  const sends = (
    await owner.query(`SELECT id, channel FROM notification_sends WHERE disclosure_id IN (${disclosures})`, ids)
  ).rows as { id: string; channel: string }[];
  const emailIds = new Set(sends.filter((s) => s.channel === 'email').map((s) => `<${s.id}@notifications.accord>`));
  const phaseMails = mails.filter((m) => emailIds.has(m.messageId));
  const distinctMails = new Set(phaseMails.map((m) => m.messageId)).size;
  const webhookIds = new Set(sends.filter((s) => s.channel === 'webhook').map((s) => s.id));
  const phaseCalls = hookCalls.filter((id) => webhookIds.has(id));
  const distinctCalls = new Set(phaseCalls).size;
  const delivered = await one(
    `SELECT count(*)::int AS n FROM disclosures WHERE source_id = ANY($1::uuid[]) AND status = 'delivered'`,
    ids,
  );
  // Every delivered, unacknowledged disclosure owes an escalation at its deadline: its row must still be in the outbox.
  const timersLost = await one(
    `SELECT count(*)::int AS n FROM disclosures d WHERE d.source_id = ANY($1::uuid[]) AND d.status = 'delivered'
      AND d.ack_due_at IS NOT NULL AND d.acknowledged_at IS NULL AND d.escalated_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM outbox_jobs o WHERE o.name = 'escalation.unacknowledged'
        AND o.payload->>'disclosureId' = d.id::text AND o.status IN ('pending', 'dispatched'))`,
    ids,
  );
  return {
    shares: statuses.length,
    ok: statuses.filter((s) => s >= 200 && s < 300).length,
    failed5xx: statuses.filter((s) => s >= 500).length,
    failed500: statuses.filter((s) => s === 500).length,
    refused: statuses.filter((s) => s === 0).length,
    halfWritten,
    deliveriesLost,
    emailsLost: Math.max(0, emailsOwed - distinctMails),
    emailRepeats: phaseMails.length - distinctMails,
    webhooksLost: Math.max(0, delivered - distinctCalls),
    webhookRepeats: phaseCalls.length - distinctCalls,
    timersLost,
  };
}

if (require.main === module) {
  runDrill().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
