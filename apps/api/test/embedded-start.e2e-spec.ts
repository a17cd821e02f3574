import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The newcomer's path: `npm start` with no DATABASE_URL and no REDIS_URL. The built launcher
 * starts the bundled PostgreSQL, migrates it and answers /health; a second start reuses the data.
 */
describe('embedded start (no DATABASE_URL, no REDIS_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'accord-embedded-'));
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(() => {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'ignore' });
  }, 120_000);

  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<{ port: number; stopped: Promise<number | null> }> {
    const port = await freePort();
    const pgPort = await freePort();
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', PORT: String(port), EMBEDDED_DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(pgPort), LOG_LEVEL: 'warn' };
    output = '';
    child = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const stopped = new Promise<number | null>((done) => child!.once('exit', (code) => done(code)));
    return { port, stopped };
  }

  it('boots, migrates, answers /health and stops cleanly; a second start reuses the data', async () => {
    for (const round of [1, 2]) {
      const { port, stopped } = await start();
      const health = await waitFor(async () => {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        return res.status === 200 ? ((await res.json()) as { status: string; checks: Record<string, { status: string }> }) : undefined;
      }, 90_000).catch((error: unknown) => {
        throw new Error(`no healthy answer; the process said:\n${output}\n${String(error)}`);
      });
      expect(health.checks.database!.status).toBe('up');
      expect(health.checks.redis!.status).toBe('not_configured');
      expect(output).toContain('embedded PostgreSQL');
      expect(output).toContain('not for production');
      expect(output).toContain('npm run accord -- demo-code');
      expect(output).toMatch(round === 1 ? /Migrations applied now: \d+/ : /Migrations applied now: none/);
      child!.kill('SIGTERM');
      expect(await stopped).toBe(0);
    }
  }, 180_000);
});
