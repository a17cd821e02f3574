import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { NestExpressApplication } from '@nestjs/platform-express';
import autocannon from 'autocannon';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { agreementStream } from '@accord/audit';
import { loadConfig } from '@accord/config';
import { ManualClock } from '@accord/identity';
import { OrgKind, Role } from '@accord/policy';
import {
  clearRedisPrefix,
  clockModule,
  createTestDatabase,
  type EnrolledUser,
  freePort,
  invite,
  login,
  organizationWithAdmin,
  recordAndShare,
  sampleIncident,
  testMailbox,
  testRedisPrefix,
  waitForDeliveries,
} from '@accord/testing';
import { createApiApp } from '../apps/api/src/create-api-app';
import type { BareParam, CapturedStatement } from './bare-inbox-server';
import {
  type BenchKeys,
  benchKeys,
  machineLine,
  ms,
  numberOption,
  percentiles,
  printTable,
  productionEnv,
  signInOverHttp,
} from './bench-kit';
import { startProcess, stopProcess, waitForHealth } from './processes';

/**
 * Reads at scale (issue 17 item 4). One police department, one outreach program, one active agreement
 * with a board member, set up through the API; a few incidents shared, read, acknowledged and searched
 * for real. Then the tables are grown in bulk (SQL `generate_series` as the schema owner, not through the
 * API) to SMALL and then ROWS disclosures — each with an entry in the one outreach worker's inbox (the
 * worst case: every row is hers) — and as many audit entries on the agreement's stream.
 *
 * The bulk rows are synthetic but shaped like real ones: each disclosure copies the real, delivered
 * disclosure the setup made (payload, fields released and withheld, agreement, organizations, expiry)
 * with its own id, source id and times; 80 % acknowledged, 90 % of the inbox entries read; each audit
 * entry copies one of the stream's real `disclosure.*` entries (create, deliver, read, acknowledge in
 * turn) with its own id, seq and time, and a placeholder hash (the chain does not verify; nothing here
 * verifies it). Times run forward at PER_DAY rows a day, so the last ROWS span ROWS / PER_DAY days and
 * the SMALL rows are the oldest; the report asks for the last 7 days of the rows present, the same
 * number of rows at each size.
 *
 * At each size, through the built API in its own production-mode process, one request at a time:
 * the inbox's first page, a page from a cursor in the middle of the inbox, the board's audit search
 * (first page, newest first, one action, a rare action, a week) and the agreement report; p50 of
 * ITERATIONS requests, and the ratio of the sizes (target ≤ 2×). Then EXPLAIN (ANALYZE, BUFFERS) of
 * every statement those requests ran against disclosures, inbox entries and audit entries, captured
 * from an in-process instance of the same API: the plan's scans, time and buffers.
 *
 * At the larger size, autocannon: an authorized, audited `GET /inbox/:id` served by the API against a
 * bare Node HTTP server (bench/bare-inbox-server.ts, its own process) running the statements the API
 * ran for that request; requests per second, same connections and duration, in the same run (target:
 * API ≥ 0.5 × bare).
 *
 * Options: `--rows N` (1,000,000), `--small N` (10,000), `--per-day N` (1,000), `--iterations N`
 * (20), `--seconds N` (10, each autocannon run), `--connections N` (10).
 */
const STEP_CHUNK = 100_000;

interface Setup {
  agreementId: string;
  workerId: string;
  worker: EnrolledUser;
  board: EnrolledUser;
  templateDisclosureId: string;
  /** The head seq of the stream's real entries (the setup's), the templates of the synthetic ones. */
  templateHead: number;
}

interface Measure {
  name: string;
  path: (size: Size) => string;
  token: 'worker' | 'board';
}

interface Size {
  rows: number;
  cursor: string;
  from: Date;
  to: Date;
}

async function setUp(app: NestExpressApplication, clock: ManualClock): Promise<Setup> {
  const http = () => request(app.getHttpServer());
  const police = await organizationWithAdmin(app, clock, 'Police Department', OrgKind.Police, 'admin@pd.test');
  const partner = await organizationWithAdmin(app, clock, 'Outreach Program', OrgKind.Community, 'admin@op.test');
  const policeToken = await login(app, clock, police.admin);
  const partnerToken = await login(app, clock, partner.admin);
  const liaison = await invite(app, clock, policeToken, 'liaison@pd.test', [Role.PoliceLiaison]);
  const worker = await invite(app, clock, partnerToken, 'worker@op.test', [Role.OutreachWorker]);
  const board = await invite(app, clock, partnerToken, 'board@op.test', [Role.BoardMember]);
  const created = await http()
    .post('/api/v1/agreements')
    .set('Authorization', `Bearer ${policeToken}`)
    .send({
      counterpartOrgId: partner.orgId,
      title: 'Alerts',
      templateKey: 'one-way-shooting-notifications',
      boardMemberIds: [board.id],
    });
  if (created.status !== 201) throw new Error(`agreement refused: ${created.status} ${created.text}`);
  const versionId = created.body.versions[0].id as string;
  await http().post(`/api/v1/agreement-versions/${versionId}/propose`).set('Authorization', `Bearer ${policeToken}`);
  await http().post(`/api/v1/agreement-versions/${versionId}/approve`).set('Authorization', `Bearer ${policeToken}`);
  const approved = await http()
    .post(`/api/v1/agreement-versions/${versionId}/approve`)
    .set('Authorization', `Bearer ${await login(app, clock, partner.admin)}`);
  if (approved.body.status !== 'active') throw new Error(`agreement not active: ${approved.status}`);
  const agreementId = created.body.id as string;

  const liaisonToken = await login(app, clock, liaison);
  const shared: string[] = [];
  for (let i = 0; i < 4; i++)
    shared.push(
      ...(await recordAndShare(app, liaisonToken, sampleIncident(`Dispute near the park, ${i}.`))).disclosureIds,
    );
  await waitForDeliveries(app.get(DataSource));
  const workerToken = await login(app, clock, worker);
  for (const [i, id] of shared.entries()) {
    const read = await http().get(`/api/v1/inbox/${id}`).set('Authorization', `Bearer ${workerToken}`);
    if (read.status !== 200) throw new Error(`read refused: ${read.status}`);
    if (i % 2 === 0) await http().post(`/api/v1/inbox/${id}/acknowledge`).set('Authorization', `Bearer ${workerToken}`);
  }
  const search = await http()
    .get(`/api/v1/agreements/${agreementId}/audit`)
    .set('Authorization', `Bearer ${await login(app, clock, board)}`);
  if (search.status !== 200) throw new Error(`audit search refused: ${search.status}`);
  const [{ head }] = (await app
    .get(DataSource)
    .query(`SELECT max(seq) AS head FROM audit_entries WHERE stream = $1`, [agreementStream(agreementId)])) as {
    head: string;
  }[];
  return {
    agreementId,
    workerId: worker.id,
    worker,
    board,
    templateDisclosureId: shared[0]!,
    templateHead: Number(head),
  };
}

async function columnsOf(owner: Client, table: string): Promise<string[]> {
  const { rows } = await owner.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1
     ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

/**
 * Grows disclosures (with the worker's inbox entries) and the agreement's audit stream from row `from`
 * to row `to` (exclusive) of the plan: row i happens at start + i × step seconds.
 */
async function seed(
  owner: Client,
  setup: Setup,
  range: { from: number; to: number },
  time: { start: Date; stepSeconds: number },
): Promise<void> {
  const disclosureColumns = await columnsOf(owner, 'disclosures');
  const at = `($4::timestamptz + g * $5::double precision * interval '1 second')`;
  const acked = `g % 5 <> 0`;
  const disclosureOverrides: Record<string, string> = {
    id: 'gen_random_uuid()',
    source_id: 'gen_random_uuid()',
    created_at: at,
    delivered_at: `${at} + interval '2 seconds'`,
    status: `'delivered'`,
    ack_due_at: `CASE WHEN t.ack_due_at IS NOT NULL THEN ${at} + (t.ack_due_at - t.created_at) END`,
    acknowledged_at: `CASE WHEN ${acked} THEN ${at} + (g % 97) * interval '1 minute' END`,
    acknowledged_by: `CASE WHEN ${acked} THEN $6::uuid END`,
    sla_met: `CASE WHEN ${acked} THEN g % 97 < 60 END`,
  };
  const disclosureSelect = disclosureColumns.map((c) => disclosureOverrides[c] ?? `t.${c}`).join(', ');
  const auditColumns = await columnsOf(owner, 'audit_entries');
  const fakeHash = (n: string) => `md5((${n})::text) || md5(((${n}) + 1)::text)`;
  const auditOverrides: Record<string, string> = {
    id: 'gen_random_uuid()',
    seq: '$6::bigint + g',
    occurred_at: at,
    prev_hash: fakeHash('$6::bigint + g - 1'),
    hash: fakeHash('$6::bigint + g'),
  };
  const auditSelect = auditColumns.map((c) => auditOverrides[c] ?? `t.${c}`).join(', ');
  const stream = agreementStream(setup.agreementId);
  for (let from = range.from; from < range.to; from += STEP_CHUNK) {
    const to = Math.min(range.to, from + STEP_CHUNK) - 1;
    await owner.query(
      `WITH t AS (SELECT * FROM disclosures WHERE id = $1),
       d AS (
         INSERT INTO disclosures (${disclosureColumns.join(', ')})
         SELECT ${disclosureSelect} FROM t, generate_series($2::int, $3::int) AS g
         RETURNING id, delivered_at)
       INSERT INTO inbox_entries (id, disclosure_id, user_id, created_at, read_at)
       SELECT gen_random_uuid(), d.id, $6::uuid, d.delivered_at,
              CASE WHEN random() < 0.9 THEN d.delivered_at + interval '5 minutes' END
         FROM d`,
      [setup.templateDisclosureId, from, to, time.start, time.stepSeconds, setup.workerId],
    );
    const { rows } = await owner.query<{ head: string }>(
      `SELECT max(seq) AS head FROM audit_entries WHERE stream = $1`,
      [stream],
    );
    await owner.query(
      `WITH t0 AS (
         SELECT *, row_number() OVER (ORDER BY seq) - 1 AS k FROM audit_entries
          WHERE stream = $1 AND action LIKE 'disclosure.%' AND seq <= $7),
       n AS (SELECT count(*) AS c FROM t0)
       INSERT INTO audit_entries (${auditColumns.join(', ')})
       SELECT ${auditSelect} FROM generate_series($2::int, $3::int) AS g, n, t0 AS t
        WHERE t.k = g % n.c`,
      [stream, from, to, time.start, time.stepSeconds, Number(rows[0]!.head) - from + 1, setup.templateHead],
    );
  }
  await owner.query('VACUUM (ANALYZE) disclosures, inbox_entries, audit_entries');
}

/** Every statement `fn` makes the in-process API run, with its parameters. */
function queryRecorder(dataSource: DataSource) {
  const recorded: { sql: string; params: unknown[] }[] = [];
  let on = false;
  const logger = dataSource.logger;
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, runner) => {
    if (on) recorded.push({ sql: query, params: Array.isArray(parameters) ? [...(parameters as unknown[])] : [] });
    return original(query, parameters, runner);
  };
  return async (fn: () => Promise<unknown>) => {
    recorded.length = 0;
    on = true;
    try {
      await fn();
    } finally {
      on = false;
    }
    return [...recorded];
  };
}

const BIG_TABLES = ['disclosures', 'inbox_entries', 'audit_entries'];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/** EXPLAIN (ANALYZE, BUFFERS) of one captured statement, as one line: time, buffers and every scan of a table. */
async function explain(owner: Client, sql: string, params: unknown[]): Promise<{ line: string; seqScan: boolean }> {
  const { rows } = await owner.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`,
    params,
  );
  const { Plan: plan, 'Execution Time': time } = rows[0]!['QUERY PLAN'][0];
  const scans: string[] = [];
  let seqScan = false;
  const walk = (node: PlanNode) => {
    if (node['Relation Name']) {
      const rowsRead = (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1);
      scans.push(
        `${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''} on ${node['Relation Name']} ` +
          `(${rowsRead} rows)`,
      );
      if (node['Node Type'] === 'Seq Scan' && BIG_TABLES.includes(node['Relation Name'])) seqScan = true;
    }
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan);
  const buffers = (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0);
  return {
    line: `${time.toFixed(2)} ms, ${buffers} buffers: ${scans.join('; ')}${seqScan ? '  ← SEQ SCAN' : ''}`,
    seqScan,
  };
}

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();

function relevant(sql: string): boolean {
  const text = oneLine(sql).toLowerCase();
  // Reads only: a SELECT, or a WITH whose statement is one (the audit search by period).
  if (!/^(select|with\b)/.test(text) || text.includes('audit_append(')) return false;
  return BIG_TABLES.some((t) => text.includes(t));
}

/** Turns a captured GET /inbox/:id into the bare server's statements: the id, the time and the entry id vary. */
function bareStatements(recorded: { sql: string; params: unknown[] }[], disclosureId: string): CapturedStatement[] {
  return recorded.map(({ sql, params }) => {
    const append = sql.includes('audit_append(');
    const mapped: BareParam[] = params.map((value, i) => {
      if (append && i === 1) return { kind: 'uuid' };
      if (append && i === 2) return { kind: 'nowIso' };
      if (value === disclosureId) return { kind: 'disclosure' };
      if (value instanceof Date) return { kind: 'now' };
      return { kind: 'value', value };
    });
    const respond = /from "disclosures"/i.test(sql) && params.includes(disclosureId) && /^select/i.test(sql.trim());
    return { sql, params: mapped, ...(respond ? { respond: true } : {}) };
  });
}

async function timed(origin: string, path: string, token: string, iterations: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < iterations + 3; i++) {
    const started = performance.now();
    const res = await fetch(`${origin}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    if (i >= 3) samples.push(performance.now() - started);
  }
  return samples;
}

async function requestsPerSecond(
  origin: string,
  token: string,
  ids: string[],
  seconds: number,
  connections: number,
): Promise<{ rps: number; p50: number; p99: number; non2xx: number; errors: number }> {
  let next = 0;
  const run = (duration: number) =>
    autocannon({
      url: origin,
      connections,
      duration,
      headers: { Authorization: `Bearer ${token}` },
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => ({ ...req, path: `/api/v1/inbox/${ids[next++ % ids.length]!}` }),
        },
      ],
    });
  await run(2); // warm-up
  const result = await run(seconds);
  return {
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export async function runReadsBench(): Promise<void> {
  const rows = Math.round(numberOption('rows', 1_000_000));
  const small = Math.min(rows, Math.round(numberOption('small', 10_000)));
  const perDay = numberOption('per-day', 1_000);
  const iterations = Math.round(numberOption('iterations', 20));
  const seconds = numberOption('seconds', 10);
  const connections = Math.round(numberOption('connections', 10));
  const sizes = small < rows ? [small, rows] : [rows];
  console.log(machineLine());
  console.log(
    `sizes: ${sizes.map((s) => s.toLocaleString('en-US')).join(' → ')} disclosures (and as many inbox entries and ` +
      `audit entries), ${perDay} a day; ${iterations} requests per measurement`,
  );
  const db = await createTestDatabase('readsbench');
  const prefix = testRedisPrefix('readsbench');
  const keys: BenchKeys = benchKeys();
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const workDir = mkdtempSync(join(tmpdir(), 'accord-reads-bench-'));
  let setupApp: NestExpressApplication | undefined;
  let captureApp: NestExpressApplication | undefined;
  let api: ChildProcess | undefined;
  let bare: ChildProcess | undefined;
  try {
    const clock = new ManualClock(new Date(Date.now() - 2 * 3600_000));
    const setupEnv = {
      NODE_ENV: 'test',
      DATABASE_URL: db.appUrl,
      SMTP_URL: (await testMailbox()).url,
      AUDIT_SIGNING_KEY: keys.auditSigningKey,
      DATA_ENCRYPTION_KEY: keys.dataEncryptionKey,
      LOGIN_THROTTLE_MAX_ATTEMPTS: '100000',
      LOG_LEVEL: 'error',
    };
    // Jobs run in this app (no Redis): the shares are delivered before it closes.
    setupApp = await createApiApp(loadConfig(setupEnv), false, [clockModule(clock)]);
    await setupApp.init();
    const setup = await setUp(setupApp, clock);
    await setupApp.close();
    setupApp = undefined;

    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const env = { ...productionEnv(db.appUrl, prefix, keys), HOST: '127.0.0.1', PORT: String(port) };
    api = startProcess('api', env);
    await waitForHealth(origin);
    const signIn = (user: EnrolledUser) => signInOverHttp(origin, user);
    const tokens = { worker: await signIn(setup.worker), board: await signIn(setup.board) };
    // The same API in this process, only to capture the statements each request runs (for EXPLAIN and the bare server).
    captureApp = await createApiApp(loadConfig({ ...env, LOG_LEVEL: 'error' }), false);
    await captureApp.init();
    const record = queryRecorder(captureApp.get(DataSource));

    const stepSeconds = 86_400 / perDay;
    const start = new Date(Date.now() - 3600_000 - (rows - 1) * stepSeconds * 1000);
    const atRow = (i: number) => new Date(start.getTime() + i * stepSeconds * 1000);
    const a = setup.agreementId;
    const measures: Measure[] = [
      { name: 'inbox, first page', path: () => '/api/v1/inbox', token: 'worker' },
      { name: 'inbox, page from a cursor mid-inbox', path: (s) => `/api/v1/inbox?cursor=${s.cursor}`, token: 'worker' },
      { name: 'audit search, first page', path: () => `/api/v1/agreements/${a}/audit`, token: 'board' },
      { name: 'audit search, newest first', path: () => `/api/v1/agreements/${a}/audit?sort=-seq`, token: 'board' },
      {
        name: 'audit search, one action, newest first',
        path: () => `/api/v1/agreements/${a}/audit?sort=-seq&action=disclosure.acknowledge`,
        token: 'board',
      },
      {
        name: 'audit search, a rare action, newest first',
        path: () => `/api/v1/agreements/${a}/audit?sort=-seq&action=agreement.version.activate`,
        token: 'board',
      },
      {
        name: 'audit search, the last week',
        path: (s) => `/api/v1/agreements/${a}/audit?from=${s.from.toISOString()}&to=${s.to.toISOString()}`,
        token: 'board',
      },
      {
        name: 'agreement report, the last week',
        path: (s) => `/api/v1/agreements/${a}/report?from=${s.from.toISOString()}&to=${s.to.toISOString()}`,
        token: 'board',
      },
    ];

    const timings = new Map<string, number[]>(); // name → p50 per size
    const plans: string[] = [];
    let seeded = 0;
    for (const size of sizes) {
      const seedStarted = performance.now();
      await seed(owner, setup, { from: seeded, to: size }, { start, stepSeconds });
      seeded = size;
      const seedSeconds = ((performance.now() - seedStarted) / 1000).toFixed(1);
      console.log(
        `seeded ${size.toLocaleString('en-US')} rows in total ` +
          `(${seedSeconds} s for this step, VACUUM ANALYZE included)`,
      );
      const { rows: cursorRows } = await owner.query<{ id: string }>(
        `SELECT id FROM inbox_entries WHERE user_id = $1 ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1`,
        [setup.workerId, Math.floor(size / 2)],
      );
      const to = new Date(atRow(size - 1).getTime() + 1000);
      const at: Size = { rows: size, cursor: cursorRows[0]!.id, from: new Date(to.getTime() - 7 * 86_400_000), to };
      for (const m of measures) {
        const p = percentiles(await timed(origin, m.path(at), tokens[m.token], iterations));
        timings.set(m.name, [...(timings.get(m.name) ?? []), p.p50]);
      }
      plans.push(`\nEXPLAIN (ANALYZE, BUFFERS) at ${size.toLocaleString('en-US')} rows:`);
      for (const m of measures) {
        const statements = await record(() =>
          request(captureApp!.getHttpServer())
            .get(m.path(at))
            .set('Authorization', `Bearer ${tokens[m.token]}`)
            .expect(200),
        );
        plans.push(`  ${m.name}:`);
        for (const s of statements.filter((st) => relevant(st.sql))) {
          const { line } = await explain(owner, s.sql, s.params);
          plans.push(`    ${oneLine(s.sql).slice(0, 90)}…\n      ${line}`);
        }
      }
    }

    // GET /inbox/:id: the API against the bare server running its statements, at the larger size.
    const { rows: readable } = await owner.query<{ disclosure_id: string }>(
      `SELECT disclosure_id FROM inbox_entries WHERE user_id = $1 AND read_at IS NOT NULL ORDER BY random() LIMIT 500`,
      [setup.workerId],
    );
    const ids = readable.map((r) => r.disclosure_id);
    const probe = ids[0]!;
    const readPath = `/api/v1/inbox/${probe}`;
    const read = () =>
      request(captureApp!.getHttpServer()).get(readPath).set('Authorization', `Bearer ${tokens.worker}`).expect(200);
    await read();
    const captured = await record(read);
    plans.push(`\nGET /inbox/:id at ${rows.toLocaleString('en-US')} rows runs ${captured.length} statements:`);
    for (const s of captured) {
      const { line } = relevant(s.sql) ? await explain(owner, s.sql, s.params) : { line: '' };
      plans.push(`    ${oneLine(s.sql).slice(0, 90)}${line ? `…\n      ${line}` : ''}`);
    }
    await captureApp.close();
    captureApp = undefined;
    const statementsFile = join(workDir, 'statements.json');
    writeFileSync(statementsFile, JSON.stringify(bareStatements(captured, probe)));
    const barePort = await freePort();
    bare = spawn(process.execPath, [join(__dirname, 'bare-inbox-server.js')], {
      env: {
        ...process.env,
        BARE_STATEMENTS: statementsFile,
        DATABASE_URL: db.appUrl,
        BARE_POOL_SIZE: String(loadConfig(env).databasePoolSize),
        PORT: String(barePort),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const bareOrigin = `http://127.0.0.1:${barePort}`;
    const until = Date.now() + 10_000;
    while ((await fetch(`${bareOrigin}${readPath}`).catch(() => null))?.status !== 200) {
      if (Date.now() > until) throw new Error('the bare server did not answer');
      await new Promise((r) => setTimeout(r, 100));
    }
    const viaApi = await requestsPerSecond(origin, tokens.worker, ids, seconds, connections);
    const viaBare = await requestsPerSecond(bareOrigin, tokens.worker, ids, seconds, connections);

    console.log('');
    const [first, last] = [sizes[0]!, sizes[sizes.length - 1]!];
    printTable(
      [
        'request (p50 of one at a time)',
        `${first.toLocaleString('en-US')} rows ms`,
        ...(sizes.length > 1 ? [`${last.toLocaleString('en-US')} rows ms`, 'ratio', 'target ≤ 2×'] : []),
      ],
      measures.map((m) => {
        const [p0, p1] = timings.get(m.name)!;
        return [
          m.name,
          ms(p0!),
          ...(p1 === undefined ? [] : [ms(p1), `${(p1 / p0!).toFixed(2)}×`, p1 / p0! <= 2 ? 'met' : 'MISSED']),
        ];
      }),
      [1, 2, 3],
    );
    console.log('');
    printTable(
      ['GET /inbox/:id, autocannon', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'note'],
      [
        [
          'real API (production process)',
          viaApi.rps.toFixed(0),
          ms(viaApi.p50),
          ms(viaApi.p99),
          String(viaApi.non2xx),
          String(viaApi.errors),
          `${(viaApi.rps / viaBare.rps).toFixed(2)} × bare; target ≥ 0.5× ${
            viaApi.rps / viaBare.rps >= 0.5 ? 'met' : 'MISSED'
          }`,
        ],
        [
          'bare Node server, same statements',
          viaBare.rps.toFixed(0),
          ms(viaBare.p50),
          ms(viaBare.p99),
          String(viaBare.non2xx),
          String(viaBare.errors),
          'ceiling',
        ],
      ],
      [1, 2, 3, 4, 5],
    );
    console.log(
      `(${connections} connections, ${seconds} s each after 2 s of warm-up, ${ids.length} different disclosures ` +
        `in turn, at ${last.toLocaleString('en-US')} rows; every read appends to the agreement's audit chain in both)`,
    );
    for (const line of plans) console.log(line);
  } finally {
    await setupApp?.close();
    await captureApp?.close();
    await stopProcess(api);
    if (bare && bare.exitCode === null) {
      const exited = new Promise((resolve) => bare!.once('exit', resolve));
      bare.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (bare.exitCode === null) bare.kill('SIGKILL');
    }
    await owner.end();
    await db.drop();
    await clearRedisPrefix(prefix);
    rmSync(workDir, { recursive: true, force: true });
  }
}
