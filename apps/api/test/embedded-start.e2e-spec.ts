import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@accord/testing';

const root = resolve(__dirname, '../../..');

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
 * The data dir sits inside a private folder (mode 700, like `mktemp -d` or /root), which is where
 * a root user's checkout usually is: the `postgres` OS user that runs the server cannot enter it.
 */
describe('embedded start (no DATABASE_URL, no REDIS_URL)', () => {
  const privateDir = mkdtempSync(join(tmpdir(), 'accord-embedded-'));
  const dataDir = join(privateDir, 'checkout', 'var');
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(() => {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'ignore' });
  }, 120_000);

  afterAll(() => {
    child?.kill('SIGKILL');
    // As root the cluster may live outside the private folder; the data dir says where.
    const pointer = join(dataDir, 'postgres-cluster-location');
    if (existsSync(pointer)) rmSync(readFileSync(pointer, 'utf8').trim(), { recursive: true, force: true });
    rmSync(privateDir, { recursive: true, force: true });
  });

  let pgPort = 0;
  const envFor = (port: number): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    PORT: String(port),
    EMBEDDED_DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
  });

  /** `npm run audit:verify` as a user runs it: no DATABASE_URL, the embedded data dir. */
  function verifyAudit(): { status: number | null; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, [join(root, 'dist/libs/audit/src/verify.cli.js')], {
      cwd: root,
      env: envFor(0),
      encoding: 'utf8',
      timeout: 90_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  async function start(): Promise<{ port: number; stopped: Promise<number | null> }> {
    const port = await freePort();
    pgPort ||= await freePort();
    const env = envFor(port);
    output = '';
    child = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
        return res.status === 200
          ? ((await res.json()) as { status: string; checks: Record<string, { status: string }> })
          : undefined;
      }, 90_000).catch((error: unknown) => {
        throw new Error(`no healthy answer; the process said:\n${output}\n${String(error)}`);
      });
      expect(health.checks.database!.status).toBe('up');
      expect(health.checks.redis!.status).toBe('not_configured');
      expect(output).toContain('embedded PostgreSQL');
      // The banner names where the cluster really is (outside the private folder, for root).
      const pointer = join(dataDir, 'postgres-cluster-location');
      expect(output).toContain(
        `data in ${existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() : join(dataDir, 'postgres')},`,
      );
      expect(output).toContain('not for production');
      expect(output).toContain('npm run accord -- demo-code');
      expect(output).toMatch(round === 1 ? /Migrations applied now: \d+/ : /Migrations applied now: none/);
      if (round === 1) {
        // While the portal runs, the audit check reads its database with nothing configured.
        const verified = verifyAudit();
        expect({ status: verified.status, stderr: verified.stderr }).toEqual({ status: 0, stderr: '' });
        expect(verified.stdout).toContain('Result: intact');
      }
      child!.kill('SIGTERM');
      expect(await stopped).toBe(0);
    }
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    // With the portal stopped, the check starts the embedded cluster itself for its run.
    const verified = verifyAudit();
    expect(verified.stdout).toContain('Result: intact');
    expect(verified.status).toBe(0);
  }, 240_000);

  it('says in one line, without a stack trace, that the database port is taken', async () => {
    const holder = createServer();
    const taken = await new Promise<number>((done) =>
      holder.listen(0, '127.0.0.1', () => done((holder.address() as { port: number }).port)),
    );
    try {
      const port = await freePort();
      const run = spawnSync(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
        cwd: root,
        env: { ...envFor(port), EMBEDDED_POSTGRES_PORT: String(taken) },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).not.toBe(0);
      const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
      expect(lines).toEqual([expect.stringContaining(`port ${taken} on 127.0.0.1 is already in use`)]);
      expect(lines[0]).toContain('EMBEDDED_POSTGRES_PORT');
    } finally {
      holder.close();
    }
  }, 90_000);
});
