import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { type AppConfig, ConfigError, loadConfig } from '@accord/config';
import {
  clusterDirOf,
  EmbeddedPostgresError,
  runningEmbeddedPostgresUrl,
  startEmbeddedPostgres,
} from '@accord/database';
import {
  type AuditBundle,
  AuditBundleError,
  parseAuditBundle,
  parseCheckpoints,
  verifyAuditBundle,
} from './audit-bundle';
import {
  type AuditCheckpoint,
  AuditKeyError,
  findAuditSigningKey,
  parseVerificationKey,
  publicKeySet,
  type AuditPublicKeys,
} from './audit-signing-key';
import { AuditHashPool, defaultHashThreads } from './audit-hash-pool';
import { DEFAULT_BATCH_SIZE, listStreams, streamHeadSeq, verifyStoredStream, type AuditQuery } from './audit-store';
import type { ChainReport } from './audit-verifier';

/**
 * `npm run audit:verify` — verifies the audit trail against its entries and signed checkpoints.
 *
 *   npm run audit:verify                          every stream in the database
 *   npm run audit:verify -- --stream system       one stream
 *   npm run audit:verify -- --public-key key.pem  trust this public key (repeatable)
 *   npm run audit:verify -- --bundle export.json  an exported stream, offline, no database
 *   npm run audit:verify -- --bundle new.json --previous old.json
 *                                                 …and it extends the bundle kept from before
 *   npm run audit:verify -- --checkpoints FILE    checkpoints kept elsewhere (webhook copies; repeatable)
 *   npm run audit:verify -- --threads 0           hash on the main thread only (default: a worker thread per
 *                                                 core, at most 4, for streams of two batches or more)
 *
 * Exit status: 0 intact, 1 tampering found (the first bad entry and the kind are printed),
 * 2 usage, key or connection error. Connects with DATABASE_MIGRATION_URL, else DATABASE_URL.
 * In the database, an entry that has waited more than two checkpoint intervals
 * (AUDIT_CHECKPOINT_INTERVAL_SECONDS) for a signature fails the stream.
 */
export const EXIT_INTACT = 0;
export const EXIT_TAMPERED = 1;
export const EXIT_ERROR = 2;

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
  /** Progress bar target (stderr); omitted in tests. */
  progress?: { write(text: string): unknown; isTTY?: boolean };
}

const USAGE =
  'usage: npm run audit:verify -- [--stream STREAM] [--public-key FILE]... [--checkpoints FILE]... [--batch-size N] ' +
  '[--threads N] [--progress | --no-progress]\n' +
  '       npm run audit:verify -- --bundle FILE [--previous OLD_BUNDLE] [--public-key FILE]... [--checkpoints FILE]...';

class UsageError extends Error {}

const PROGRESS_AFTER_ENTRIES = 50_000;
const PROGRESS_EVERY_MS = 100;
const BAR_WIDTH = 30;

/** A progress bar on stderr for long streams; silent on short ones and when not a terminal. */
class ProgressBar {
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly target: NonNullable<CliOutput['progress']>,
    private readonly stream: string,
    private readonly total: number,
  ) {}

  update(done: number): void {
    const now = Date.now();
    if (this.total < PROGRESS_AFTER_ENTRIES || now - this.lastDraw < PROGRESS_EVERY_MS) return;
    this.lastDraw = now;
    const ratio = Math.min(1, done / this.total);
    const filled = Math.round(ratio * BAR_WIDTH);
    this.target.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}%  ` +
        `${done}/${this.total} entries  ${this.stream}`,
    );
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.target.write('\r\u001b[2K');
  }
}

function describe(report: ChainReport, elapsedMs?: number): string[] {
  const time = elapsedMs === undefined ? '' : `  ${(elapsedMs / 1000).toFixed(1)} s`;
  const signed =
    report.latestCheckpointSeq === null
      ? 'no valid checkpoint'
      : `signed up to seq ${report.latestCheckpointSeq} (${report.checkpointsVerified} checkpoints)`;
  if (report.ok) {
    const unsigned = report.latestCheckpointSeq === null ? report.headSeq : report.headSeq - report.latestCheckpointSeq;
    const tail = unsigned > 0 ? `; ${unsigned} newest entries protected by the chain only, not yet by a signature` : '';
    return [`  ok    ${report.stream}  ${report.entries} entries, head seq ${report.headSeq}, ${signed}${tail}${time}`];
  }
  const problem = report.problem!;
  const lines = [
    `  FAIL  ${report.stream}  ${report.entries} entries read, ${signed}${time}`,
    `        first bad entry — ${problem.message}`,
  ];
  if (problem.entryId !== null) lines.push(`        entry id ${problem.entryId}`);
  return lines;
}

function readPublicKeys(files: string[]): AuditPublicKeys {
  return publicKeySet(
    files.map((file) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new UsageError(`cannot read the public key file ${file}`);
      }
      return parseVerificationKey(text);
    }),
  );
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read the ${what} file ${file}`);
  }
}

/** Checkpoints kept outside the database (e.g. what a party's webhook received), from files. */
function readWitnessed(files: string[]): AuditCheckpoint[] {
  return files.flatMap((file) => parseCheckpoints(readText(file, 'checkpoints')));
}

async function verifyBundleFile(
  file: string,
  options: { keyFiles: string[]; previousFile?: string; checkpointFiles: string[] },
  io: CliOutput,
): Promise<number> {
  const bundle = parseAuditBundle(readText(file, 'bundle'));
  const previous: AuditBundle | undefined =
    options.previousFile === undefined
      ? undefined
      : parseAuditBundle(readText(options.previousFile, 'previous bundle'));
  const trusted = options.keyFiles.length > 0 ? readPublicKeys(options.keyFiles) : undefined;
  const result = await verifyAuditBundle(bundle, trusted, {
    previous,
    witnessed: readWitnessed(options.checkpointFiles),
  });
  const { report, keyIds, keysFromBundle } = result;
  io.out(
    `Audit bundle ${file} — stream ${bundle.stream}, exported ${bundle.exportedAt || '(unknown time)'}` +
      (bundle.audience ? ` for organization ${bundle.audience.orgId}` : ''),
  );
  if (keysFromBundle) {
    io.out(`  checkpoints checked against the key(s) INSIDE the bundle: ${keyIds.join(', ') || '(none)'}`);
    io.out('  compare that key id with the one your partnership published, or pass it with --public-key');
  } else io.out(`  checkpoints checked against trusted key(s) ${keyIds.join(', ')}`);
  let ok = report.ok;
  if (result.previous !== undefined) {
    const before = result.previous.report;
    if (!before.ok) {
      ok = false;
      io.out(`  FAIL  the previous bundle ${options.previousFile} does not verify on its own:`);
      for (const line of describe(before)) io.out(`  ${line}`);
    } else if (report.ok) {
      io.out(
        `  extends the previous bundle ${options.previousFile}: its ${before.entries} entries (to seq ` +
          `${before.headSeq}) and ${before.checkpointsVerified} checkpoints are unchanged in this one`,
      );
    } else io.out(`  does NOT extend the previous bundle ${options.previousFile} (head seq ${before.headSeq}):`);
  }
  for (const line of describe(report)) io.out(line);
  io.out(ok ? 'Result: intact' : 'Result: TAMPERED');
  return ok ? EXIT_INTACT : EXIT_TAMPERED;
}

interface DatabaseOptions {
  stream?: string;
  keyFiles: string[];
  checkpointFiles: string[];
  batchSize?: number;
  /** Worker threads hashing entries (0: the main thread hashes). */
  threads: number;
  progress: boolean;
}

async function verifyDatabase(options: DatabaseOptions, env: NodeJS.ProcessEnv, io: CliOutput): Promise<number> {
  const config = loadConfig(env);
  const database = await databaseToVerify(config);
  try {
    return await verifyStreams(database.url, config, options, io);
  } finally {
    await database.stop();
  }
}

/**
 * DATABASE_MIGRATION_URL or DATABASE_URL when set; otherwise the embedded database that `npm start`
 * made: the running server when there is one, else the cluster started for the time of the check.
 */
async function databaseToVerify(config: AppConfig): Promise<{ url: string; stop(): Promise<void> }> {
  const url = config.databaseMigrationUrl ?? config.databaseUrl;
  if (url !== undefined) return { url, stop: async () => undefined };
  const dataDir = resolve(config.embeddedDataDir);
  const running = runningEmbeddedPostgresUrl(dataDir, config.embeddedPostgresPort);
  if (running !== undefined) return { url: running, stop: async () => undefined };
  if (!existsSync(join(clusterDirOf(dataDir), 'PG_VERSION'))) {
    throw new UsageError(
      `no database configured and no embedded database under ${dataDir}: run npm start once, set DATABASE_URL (or ` +
        `DATABASE_MIGRATION_URL), or verify an export with --bundle FILE`,
    );
  }
  try {
    const embedded = await startEmbeddedPostgres({
      dataDir,
      port: config.embeddedPostgresPort,
      onLog: () => undefined,
    });
    return { url: embedded.ownerUrl, stop: () => embedded.stop() };
  } catch (error) {
    if (error instanceof EmbeddedPostgresError)
      throw new UsageError(`cannot start the embedded database: ${error.message}`);
    throw error;
  }
}

async function verifyStreams(url: string, config: AppConfig, options: DatabaseOptions, io: CliOutput): Promise<number> {
  let keys: AuditPublicKeys;
  if (options.keyFiles.length > 0) keys = readPublicKeys(options.keyFiles);
  else {
    const key = findAuditSigningKey(config);
    if (key === undefined)
      throw new UsageError('no public key to check checkpoints with: set AUDIT_SIGNING_KEY or pass --public-key FILE');
    keys = key.publicKeys();
  }
  const witnessed = readWitnessed(options.checkpointFiles);
  // Checkpoints come every interval while there is activity: an entry older than two intervals and still unsigned had
  // its checkpoints deleted, or none were made.
  const freshness = { nowMs: Date.now(), maxUnsignedMs: 2 * config.auditCheckpointIntervalSeconds * 1000 };

  // Two connections: the next batch is read while the current one is hashed.
  const pool = new Pool({
    connectionString: url,
    max: 2,
    connectionTimeoutMillis: config.databaseConnectTimeoutMs,
    application_name: 'accord-audit-verify',
  });
  pool.on('error', () => undefined);
  const query: AuditQuery = async (sql, params) =>
    (await pool.query(sql, params)).rows as Array<Record<string, unknown>>;
  let hashPool: AuditHashPool | undefined;
  try {
    let streams: string[];
    try {
      streams = options.stream !== undefined ? [options.stream] : await listStreams(query);
    } catch (error) {
      throw new ConnectionError(error);
    }
    io.out(
      `Audit verification — ${streams.length} stream${streams.length === 1 ? '' : 's'}, ` +
        `checkpoints checked with key ${[...keys.keys()].join(', ')}`,
    );
    let failed = 0;
    // Streams of two batches or more are hashed in worker threads; starting them costs more than short streams take.
    const poolFrom = 2 * (options.batchSize ?? DEFAULT_BATCH_SIZE);
    for (const stream of streams) {
      const started = Date.now();
      let report: ChainReport;
      try {
        const total = await streamHeadSeq(query, stream);
        const bar = options.progress && io.progress ? new ProgressBar(io.progress, stream, total) : null;
        if (hashPool === undefined && options.threads > 0 && total >= poolFrom)
          hashPool = new AuditHashPool(options.threads);
        report = await verifyStoredStream(query, stream, {
          hashPool: total >= poolFrom ? hashPool : undefined,
          publicKeys: keys,
          batchSize: options.batchSize,
          onProgress: (done) => bar?.update(done),
          witnessed,
          freshness,
        });
        bar?.clear();
      } catch (error) {
        throw new ConnectionError(error);
      }
      if (!report.ok) failed++;
      for (const line of describe(report, Date.now() - started)) io.out(line);
    }
    io.out(
      failed === 0
        ? `Result: intact (${streams.length} stream${streams.length === 1 ? '' : 's'})`
        : `Result: ${failed} of ${streams.length} streams TAMPERED`,
    );
    return failed === 0 ? EXIT_INTACT : EXIT_TAMPERED;
  } finally {
    await Promise.all([pool.end(), hashPool?.close()]);
  }
}

class ConnectionError extends Error {
  constructor(cause: unknown) {
    // Not `instanceof Error`: driver errors may come from another realm (e.g. under a test runner).
    const message =
      typeof (cause as { message?: unknown })?.message === 'string'
        ? (cause as { message: string }).message
        : String(cause);
    super(`database error: ${message}`);
  }
}

/** The whole command; returns the exit status instead of exiting, for tests. */
export async function runVerifyCli(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliOutput = defaultOutput(),
): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        options: {
          stream: { type: 'string' },
          'public-key': { type: 'string', multiple: true },
          bundle: { type: 'string' },
          previous: { type: 'string' },
          checkpoints: { type: 'string', multiple: true },
          'batch-size': { type: 'string' },
          threads: { type: 'string' },
          progress: { type: 'boolean' },
          'no-progress': { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: false,
      });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const values = parsed.values;
    if (values.help) {
      io.out(USAGE);
      return EXIT_INTACT;
    }
    const keyFiles = values['public-key'] ?? [];
    const checkpointFiles = values.checkpoints ?? [];
    if (values.bundle !== undefined) {
      if (values.stream !== undefined)
        throw new UsageError('--stream does not apply to a bundle (a bundle holds one stream)');
      return await verifyBundleFile(values.bundle, { keyFiles, previousFile: values.previous, checkpointFiles }, io);
    }
    if (values.previous !== undefined)
      throw new UsageError('--previous compares two bundles: give the new one with --bundle');
    let batchSize: number | undefined;
    if (values['batch-size'] !== undefined) {
      batchSize = Number(values['batch-size']);
      if (!Number.isInteger(batchSize) || batchSize < 2 || batchSize > 1_000_000)
        throw new UsageError('--batch-size must be a whole number from 2 to 1000000');
    }
    let threads = defaultHashThreads();
    if (values.threads !== undefined) {
      threads = Number(values.threads);
      if (!Number.isInteger(threads) || threads < 0 || threads > 64)
        throw new UsageError('--threads must be a whole number from 0 to 64');
    }
    const progress = values['no-progress'] ? false : (values.progress ?? io.progress?.isTTY === true);
    return await verifyDatabase(
      { stream: values.stream, keyFiles, checkpointFiles, batchSize, threads, progress },
      env,
      io,
    );
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`audit:verify: ${error.message}`);
      io.err(USAGE);
      return EXIT_ERROR;
    }
    if (
      error instanceof ConfigError ||
      error instanceof AuditKeyError ||
      error instanceof AuditBundleError ||
      error instanceof ConnectionError
    ) {
      io.err(`audit:verify: ${error.message}`);
      return EXIT_ERROR;
    }
    throw error;
  }
}

function defaultOutput(): CliOutput {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    progress: process.stderr,
  };
}

if (require.main === module) {
  runVerifyCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = EXIT_ERROR;
    },
  );
}
