import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type * as Testing from '../../../libs/testing/src';
import { E2E_ENV } from './support/servers';

const ROOT = resolve(__dirname, '../../..');

interface Started {
  url: string;
  stop(): Promise<void>;
}

/** `node dist/apps/api/src/main.js` — exactly what `npm start` runs — with the given environment. */
async function startApi(name: string, env: Record<string, string>): Promise<Started> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = `http://127.0.0.1:${env.PORT}`;
  const until = Date.now() + 120_000;
  // Started means the banner is out: the server listens and the demo city (if any) is seeded.
  while (!output.includes('Accord is running')) {
    if (child.exitCode !== null) throw new Error(`The ${name} API did not start (exit ${child.exitCode}):\n${output}`);
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`The ${name} API did not start within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Builds the API and the web app, then starts two real APIs from the build:
 * - the production-like one (NODE_ENV=production, a fresh test database, the machine's Redis),
 *   which every test uses;
 * - the embedded demo city (what `npm start` gives a newcomer: bundled PostgreSQL, demo data),
 *   for the demo-only parts of the sign-in page.
 * Their addresses reach the tests through the environment (support/servers.ts).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.ACCORD_E2E_SKIP_BUILD !== '1')
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  process.env.ACCORD_TEST_RUN ??= `pw${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  // The compiled test kit (decorator metadata needs swc's build, not Playwright's transform).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(ROOT, 'node_modules/reflect-metadata'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const testing = require(join(ROOT, 'dist/libs/testing/src/index.js')) as typeof Testing;

  const db = await testing.createTestDatabase('browser');
  const redisPrefix = testing.testRedisPrefix('browser');
  const demoDir = mkdtempSync(join(tmpdir(), 'accord-e2e-demo-'));
  // Enrollment links reach people only by e-mail (issue 12): a real SMTP sink whose messages the
  // tests (other processes) read from files.
  const mailDir = mkdtempSync(join(tmpdir(), 'accord-e2e-mail-'));
  const mailbox = await testing.smtpSink({ dir: mailDir });
  const started: Started[] = [];
  const cleanUp = async () => {
    await Promise.all(started.map((s) => s.stop()));
    await mailbox.close();
    rmSync(mailDir, { recursive: true, force: true });
    await db.drop();
    await testing.clearRedisPrefix(redisPrefix);
    rmSync(demoDir, { recursive: true, force: true });
  };
  try {
    const port = await testing.freePort();
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: db.appUrl,
      REDIS_URL: testing.TEST_REDIS_URL,
      REDIS_KEY_PREFIX: redisPrefix,
      RUN_WORKER_IN_PROCESS: 'true',
      AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      SMTP_URL: mailbox.url,
      // Every test signs several people in from 127.0.0.1, two files at a time: 30 tests made over 100 sign-ins in
      // one 5-minute window and a test was refused with 429. The throttle itself is shown by login-throttle.e2e-spec
      // (Jest); here it would only count the suite's size.
      LOGIN_THROTTLE_MAX_ATTEMPTS: '100000',
    };
    const demoPort = await testing.freePort();
    const demoEnv = {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(demoPort),
      EMBEDDED_DATA_DIR: demoDir,
      EMBEDDED_POSTGRES_PORT: String(await testing.freePort()),
      LOG_LEVEL: 'warn',
    };
    const tracked = async (name: string, vars: Record<string, string>) => {
      const server = await startApi(name, vars);
      started.push(server);
      return server;
    };
    const [main, demo] = await Promise.all([tracked('test', env), tracked('demo', demoEnv)]);
    process.env[E2E_ENV.url] = main.url;
    process.env[E2E_ENV.demoUrl] = demo.url;
    process.env[E2E_ENV.apiEnv] = JSON.stringify(env);
    process.env[E2E_ENV.mailDir] = mailDir;
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return cleanUp;
}
