import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  clearRedisPrefix,
  createTestDatabase,
  ENROLLMENT_SUBJECT,
  eventually,
  login,
  type Partnership,
  partnership,
  sampleIncident,
  type SmtpSink,
  smtpSink,
  TEST_REDIS_URL,
  type TestDatabase,
  testRedisPrefix,
} from '@accord/testing';
// The API's own start-up helper: the worker suite drives the real API that enqueues its jobs.
import { startApiWithClock } from '../../api/test/test-api';

const ROOT = resolve(__dirname, '../../..');

/**
 * The "worker killed in the middle of delivery": a real worker process (in-process job mode,
 * the outbox table is its queue) is killed with SIGKILL while the receiver holds its webhook call
 * open — after the call reached the receiver, before the worker learned the answer. A new worker
 * process then finishes the work. Time is moved on in the database instead of waited for: the dead
 * worker's job lease and send claim are made to lapse.
 */
describe('worker killed in the middle of delivery', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let p: Partnership;
  let owner: DataSource;
  let smtpServer: SmtpSink;
  let hookServer: Server;
  let child: ChildProcess | null = null;
  // The alert e-mails; the partnership's people got their enrollment links by e-mail too (issue 12).
  const mails = () => smtpServer.mails.filter((m) => m.subject !== ENROLLMENT_SUBJECT);
  const calls: { headers: IncomingHttpHeaders; body: string }[] = [];
  const prefix = testRedisPrefix('killed');
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-killed-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    EMBEDDED_DATA_DIR: dataDir,
  };
  let killOnFirstCall = true;

  const startWorker = () => {
    const proc = spawn(
      process.execPath,
      ['-r', join(ROOT, 'apps/worker/test/swc-register.cjs'), join(ROOT, 'apps/worker/src/main.ts')],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    child = proc;
    return proc;
  };
  const exited = (proc: ChildProcess) =>
    new Promise<void>((done) =>
      proc.exitCode !== null || proc.signalCode !== null ? done() : proc.once('exit', () => done()),
    );

  beforeAll(async () => {
    db = await createTestDatabase('killed');
    smtpServer = await smtpSink();
    hookServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        // Signed audit checkpoints reach the same webhook (witnessing); this test is about the alert.
        if (req.headers['x-accord-event'] !== 'disclosure.delivered') {
          res.writeHead(204).end();
          return;
        }
        calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (killOnFirstCall) {
          // The call arrived; the worker dies before it hears back.
          killOnFirstCall = false;
          child?.kill('SIGKILL');
          req.socket.destroy();
          return;
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => hookServer.listen(0, '127.0.0.1', done));
    env.DATABASE_URL = db.appUrl;
    env.SMTP_URL = smtpServer.url;

    // The API only writes (jobs wait in the outbox); the worker processes run them.
    const started = await startApiWithClock(db, {
      ...env,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      RUN_WORKER_IN_PROCESS: 'false',
      LOGIN_THROTTLE_MAX_ATTEMPTS: '1000',
    });
    app = started.app;
    const { clock } = started;
    p = await partnership(app, clock);
    const hook = await request(app.getHttpServer())
      .post('/api/v1/webhooks')
      .set('Authorization', `Bearer ${await login(app, clock, p.partnerAdmin)}`)
      .send({ url: `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook` });
    expect(hook.status).toBe(201);
    owner = new DataSource({ type: 'postgres', url: db.ownerUrl });
    await owner.initialize();
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited(child);
    }
    await app?.close();
    await owner?.destroy();
    await smtpServer.close();
    await new Promise<void>((done) => hookServer.close(() => done()));
    await db?.drop();
    await clearRedisPrefix(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'after a restart: exactly one inbox entry per user, one e-mail per user and one webhook delivery (its repeat ' +
      'carries the same id)',
    async () => {
      const liaison = await login(p.app, p.clock, p.liaison);
      const incident = await request(app.getHttpServer())
        .post('/api/v1/incidents')
        .set('Authorization', `Bearer ${liaison}`)
        .send(sampleIncident('Dispute near the park.'));
      const shared = await request(app.getHttpServer())
        .post(`/api/v1/incidents/${incident.body.id}/share`)
        .set('Authorization', `Bearer ${liaison}`)
        .send({ redact: false });
      const disclosureId = shared.body[0].disclosureId as string;

      const first = startWorker();
      await exited(first);
      expect(first.signalCode).toBe('SIGKILL');
      expect(calls).toHaveLength(1);

      // Time passes: the dead worker's job lease and its send claim lapse.
      await owner.query(`UPDATE outbox_jobs SET locked_until = now() - interval '1 second' WHERE status = 'running'`);
      await owner.query(
        `UPDATE notification_sends SET claimed_until = now() - interval '1 second' WHERE status = 'sending'`,
      );

      startWorker();
      const openJobs = async () =>
        Number(
          (
            await owner.query(
              `SELECT count(*) AS n FROM outbox_jobs WHERE payload->>'disclosureId' = $1
              AND name <> 'escalation.unacknowledged' AND status <> 'completed'`,
              [disclosureId],
            )
          )[0].n,
        );
      await eventually(async () => ((await openJobs()) === 0 && calls.length >= 2 ? true : undefined), 60_000);

      const entries: { user_id: string }[] = await owner.query(
        `SELECT user_id FROM inbox_entries WHERE disclosure_id = $1`,
        [disclosureId],
      );
      expect(entries.map((e) => e.user_id)).toEqual([p.worker.id]);
      const sends: { id: string; channel: string; status: string }[] = await owner.query(
        `SELECT id, channel, status FROM notification_sends WHERE disclosure_id = $1`,
        [disclosureId],
      );
      expect(sends.map((s) => [s.channel, s.status]).sort()).toEqual([
        ['email', 'sent'],
        ['webhook', 'sent'],
      ]);

      // One e-mail: every message that reached the server carries the one send's Message-ID.
      const emailSend = sends.find((s) => s.channel === 'email')!;
      expect(mails().length).toBeGreaterThanOrEqual(1);
      expect(new Set(mails().map((m) => m.messageId))).toEqual(new Set([`<${emailSend.id}@notifications.accord>`]));
      expect(mails().every((m) => m.to.includes(p.worker.email))).toBe(true);

      // The webhook was called again after the kill, with the same delivery id: the receiver keeps one.
      expect(calls).toHaveLength(2);
      expect(new Set(calls.map((c) => c.headers['x-accord-delivery']))).toEqual(
        new Set([sends.find((s) => s.channel === 'webhook')!.id]),
      );
      expect(calls.every((c) => (JSON.parse(c.body) as { disclosureId: string }).disclosureId === disclosureId)).toBe(
        true,
      );
    },
    120_000,
  );
});
