import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  AuditService,
  AuditSigningKey,
  agreementStream,
  buildChain,
  bulkInsertEntries,
  defaultHashThreads,
  insertCheckpointRow,
  sampleContent,
  type AuditChainEntry,
  type AuditEntryInput,
  type AuditQuery,
} from '@accord/audit';
import { inTransaction } from '@accord/database';
import { createTestDatabase } from '@accord/testing';

/**
 * The audit core's benchmark (issue 2, "How it is measured"):
 *  - chain appends/s on ONE stream with 1, 8 and 32 concurrent writers, each append its own
 *    transaction through the application role (BEGIN; audit_append; COMMIT);
 *  - the ceiling: the same row inserted without chaining (no lock, no head read, no hash) by the
 *    same writers into an identical table, in the same run;
 *  - verification of 1,000,000 format-2 entries by `npm run audit:verify` (the built command in a
 *    process of its own, as the owner, checkpoints included), hashing on the main thread only and
 *    in worker threads: wall time, Node CPU (all threads) and peak RSS of that process.
 * Targets (issue 17): verify 1 M in ≤ 4 s with flat memory; appends ≥ 0.5 × the plain insert rate.
 *
 * AUDIT_BENCH_SECONDS (default 5) sets each append measurement's duration,
 * AUDIT_BENCH_ENTRIES (default 1000000) the size of the verified chain; AUDIT_BENCH_KEEP=1 keeps the
 * database and prints how to verify it again (for profiling the verifier without rebuilding the chain).
 */
const SECONDS = Number(process.env.AUDIT_BENCH_SECONDS ?? 5);
const VERIFY_ENTRIES = Number(process.env.AUDIT_BENCH_ENTRIES ?? 1_000_000);
const WRITERS = [1, 8, 32];
const GENERATE_CHUNK = 50_000;
const KEEP = process.env.AUDIT_BENCH_KEEP === '1';

const input = (stream: AuditEntryInput['stream'], n: number): AuditEntryInput => ({
  stream,
  actor: {
    userId: '6f1b7c2e-9d3a-4c5b-8e7f-0a1b2c3d4e5f',
    orgId: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
    roles: ['outreach_worker'],
  },
  action: 'disclosure.read',
  subjectType: 'disclosure',
  subjectId: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  agreementId: '7f1d2c3b-0a4e-4b5c-8d6e-9f0a1b2c3d4e',
  agreementVersion: 3,
  outcome: 'allowed',
  fieldsReleased: ['incident_type', 'time', 'location'],
  fieldsWithheld: ['narrative'],
  requestId: `req-${n}`,
  sourceIp: '203.0.113.7',
  details: { victims: 1, precision: 'block' },
});

/** Runs `writers` loops for SECONDS, each calling `once`; returns operations completed. */
async function measure(
  writers: number,
  once: (n: number) => Promise<unknown>,
): Promise<{ ops: number; seconds: number }> {
  const deadline = Date.now() + SECONDS * 1000;
  let ops = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (Date.now() < deadline) await once(ops++);
    }),
  );
  return { ops, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

const PLAIN_INSERT = `INSERT INTO bench_plain_entries (id, stream, seq, prev_hash, hash, occurred_at, actor_user_id,
  actor_org_id, actor_roles, action, subject_type,
  subject_id, agreement_id, agreement_version, outcome, reason, fields_released, fields_withheld, request_id,
  source_ip, details)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`;

function plainRow(stream: string, seq: number): unknown[] {
  const i = input(stream as AuditEntryInput['stream'], seq);
  const hash = 'a'.repeat(64);
  return [
    randomUUID(),
    stream,
    seq,
    hash,
    hash,
    new Date().toISOString(),
    i.actor.userId,
    i.actor.orgId,
    i.actor.roles,
    i.action,
    i.subjectType,
    i.subjectId,
    i.agreementId,
    i.agreementVersion,
    i.outcome,
    null,
    i.fieldsReleased,
    i.fieldsWithheld,
    i.requestId,
    i.sourceIp,
    JSON.stringify(i.details),
  ];
}

interface Row {
  measurement: string;
  writers: string;
  count: number;
  seconds: number;
  rate: number;
  note: string;
}

function printTable(rows: Row[]): void {
  const header = ['measurement', 'writers', 'count', 'seconds', 'per second', 'note'];
  const cells = rows.map((r) => [
    r.measurement,
    r.writers,
    String(r.count),
    r.seconds.toFixed(2),
    Math.round(r.rate).toLocaleString('en-US'),
    r.note,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    `| ${c.map((v, i) => (i >= 2 && i <= 4 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i >= 2 && i <= 4 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
  for (const c of cells) console.log(line(c));
}

/** The built `audit:verify` in a child process: its exit code, wall time, CPU (every thread) and peak RSS. */
async function verifyInChild(
  argv: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string; seconds: number; cpuSeconds: number; peakRssMb: number }> {
  const cli = join(__dirname, '../libs/audit/src/verify.cli.js');
  const script =
    `require(${JSON.stringify(cli)}).runVerifyCli(${JSON.stringify(argv)}).then((code) => {` +
    `const u = process.resourceUsage(); process.stderr.write('\\nUSAGE ' + JSON.stringify(u) + '\\n');` +
    `process.exitCode = code; });`;
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const usage = /USAGE (\{.*\})/.exec(output);
  if (usage === null) throw new Error(`no resource usage from the verify process:\n${output}`);
  const u = JSON.parse(usage[1]!) as { userCPUTime: number; systemCPUTime: number; maxRSS: number };
  return {
    code,
    output,
    seconds,
    cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6,
    peakRssMb: Math.round(u.maxRSS / 1024),
  };
}

export async function runAuditBench(): Promise<void> {
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; ${SECONDS} s per append ` +
      `measurement, ${VERIFY_ENTRIES} entries verified`,
  );
  console.log(
    `load average (1 min) at start: ${loadavg()[0]!.toFixed(2)} — other work on the machine slows every figure below`,
  );
  const db = await createTestDatabase('bench');
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const ownerQuery: AuditQuery = async (sql, params) => (await owner.query(sql, params)).rows;
  const rows: Row[] = [];
  try {
    const server = await owner.query<{ version: string }>('SELECT version()');
    console.log(`postgres: ${server.rows[0]!.version.split(' on ')[0]}`);
    await owner.query(`CREATE TABLE bench_plain_entries (LIKE audit_entries INCLUDING ALL)`);
    await owner.query(`GRANT INSERT ON bench_plain_entries TO accord_app`);

    const app: DataSource = await db.connectApp(Math.max(...WRITERS));
    const audit = new AuditService();
    // AUDIT_BENCH_SECONDS=0 skips the append measurements (verification only).
    for (const writers of SECONDS > 0 ? WRITERS : []) {
      const load = loadavg()[0]!.toFixed(1);
      const plainStream = agreementStream(randomUUID());
      const plain = await measure(writers, (n) =>
        inTransaction(app, (tx) => tx.query(PLAIN_INSERT, plainRow(plainStream, n + 1))),
      );
      const chainStream = agreementStream(randomUUID());
      const chain = await measure(writers, (n) => inTransaction(app, (tx) => audit.record(tx, input(chainStream, n))));
      const plainRate = plain.ops / plain.seconds;
      const chainRate = chain.ops / chain.seconds;
      rows.push({
        measurement: 'plain INSERT (ceiling)',
        writers: String(writers),
        count: plain.ops,
        seconds: plain.seconds,
        rate: plainRate,
        note: `load ${load}`,
      });
      rows.push({
        measurement: 'chained append, one stream',
        writers: String(writers),
        count: chain.ops,
        seconds: chain.seconds,
        rate: chainRate,
        note: `${(chainRate / plainRate).toFixed(2)} × plain`,
      });
      const { rows: seqs } = await owner.query<{ n: string; max: string }>(
        'SELECT count(*) AS n, max(seq) AS max FROM audit_entries WHERE stream = $1',
        [chainStream],
      );
      if (seqs[0]!.n !== seqs[0]!.max) throw new Error(`chain of ${writers} writers is not gap-free`);
    }

    // Build the 1 M chain in Node and load it as the owner, chunk by chunk.
    const stream = agreementStream(randomUUID());
    const key = AuditSigningKey.generate();
    let head: AuditChainEntry | null = null;
    const generated = Date.now();
    for (let from = 0; from < VERIFY_ENTRIES; from += GENERATE_CHUNK) {
      // Format 2 (issue 13): private fields committed with per-entry salts, as every entry appended today.
      const contents = Array.from({ length: Math.min(GENERATE_CHUNK, VERIFY_ENTRIES - from) }, (_, i) => ({
        ...sampleContent(from + i),
        format: 2 as const,
        commitKey: createHash('sha256')
          .update(`bench-commit-key:${from + i}`)
          .digest('hex'),
      }));
      const chunk = buildChain(stream, contents, head === null ? null : { seq: head.seq, hash: head.hash });
      await bulkInsertEntries(ownerQuery, chunk);
      head = chunk[chunk.length - 1]!;
      if ((from / GENERATE_CHUNK) % 4 === 0) await insertCheckpointRow(ownerQuery, key.sign(head, Date.now()));
    }
    await insertCheckpointRow(ownerQuery, key.sign(head!, Date.now()));
    // What autovacuum would have done to a table of that age (hint bits, statistics).
    await owner.query('VACUUM (ANALYZE) audit_entries');
    console.log(`generated and loaded ${VERIFY_ENTRIES} entries in ${((Date.now() - generated) / 1000).toFixed(1)} s`);

    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: db.appUrl,
      DATABASE_MIGRATION_URL: db.ownerUrl,
      AUDIT_SIGNING_KEY: key.privateKeyPem(),
    };
    if (KEEP) {
      const keyFile = join(tmpdir(), 'audit-bench-signing-key.pem');
      writeFileSync(keyFile, key.privateKeyPem(), { mode: 0o600 });
      console.log(
        `kept: NODE_ENV=test AUDIT_SIGNING_KEY="$(cat ${keyFile})" DATABASE_URL=${db.appUrl} ` +
          `DATABASE_MIGRATION_URL=${db.ownerUrl} node -e "require('./dist/libs/audit/src/verify.cli.js')` +
          `.runVerifyCli(['--stream','${stream}','--no-progress']).then(process.exit)"`,
      );
    }
    // Hashed on the main thread only (as before issue 17), then in worker threads (the default).
    for (const threads of [0, defaultHashThreads()]) {
      const load = loadavg()[0]!.toFixed(1);
      const run = await verifyInChild(['--stream', stream, '--no-progress', '--threads', String(threads)], env);
      if (run.code !== 0) throw new Error(`verification failed:\n${run.output}`);
      rows.push({
        measurement: `audit:verify, ${threads === 0 ? 'main thread only' : `${threads} hash threads`}`,
        writers: '-',
        count: VERIFY_ENTRIES,
        seconds: run.seconds,
        rate: VERIFY_ENTRIES / run.seconds,
        note:
          `${run.seconds <= 4 ? 'target ≤ 4 s met' : 'target ≤ 4 s MISSED'}; ` +
          `Node CPU ${run.cpuSeconds.toFixed(1)} s; peak RSS ${run.peakRssMb} MB; load ${load}`,
      });
    }
  } finally {
    await owner.end();
    if (!KEEP) await db.drop();
  }
  console.log('');
  printTable(rows);
  const one = rows.find((r) => r.measurement.startsWith('chained') && r.writers === '1');
  if (one === undefined) return;
  const worst = rows.filter((r) => r.measurement.startsWith('chained')).reduce((a, b) => (a.rate < b.rate ? a : b));
  console.log(
    `\nappends on one stream: ${Math.round(worst.rate)}/s at worst (${worst.writers} writers), ` +
      `${Math.round(one.rate)}/s with one writer`,
  );
}
