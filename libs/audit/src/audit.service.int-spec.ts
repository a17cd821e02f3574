import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { inTransaction } from '@accord/database';
import { accordDataSourceOptions } from '@accord/schema';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { agreementStream, SYSTEM_STREAM, type AuditEntryInput } from './audit-entry.input';
import { AuditSigningKey } from './audit-signing-key';
import { readEntryBatches, verifyStoredStream, type AuditQuery } from './audit-store';
import { AuditService } from './audit.service';

const input = (overrides: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
  stream: SYSTEM_STREAM,
  actor: {
    userId: '6f1b7c2e-9d3a-4c5b-8e7f-0a1b2c3d4e5f',
    orgId: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
    roles: ['liaison'],
  },
  action: 'disclosure.read',
  subjectType: 'disclosure',
  subjectId: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  outcome: 'allowed',
  fieldsReleased: ['incident_type'],
  fieldsWithheld: ['narrative'],
  requestId: 'req-1',
  sourceIp: '203.0.113.9',
  details: { count: 1 },
  ...overrides,
});

describe('AuditService.record (PostgreSQL)', () => {
  let db: TestDatabase;
  let app: DataSource;
  let owner: Client;
  const audit = new AuditService();
  const keys = AuditSigningKey.generate().publicKeys();
  let ownerQuery: AuditQuery;

  beforeAll(async () => {
    db = await createTestDatabase('auditservice');
    app = await db.connectApp(32);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    ownerQuery = async (sql, params) => (await owner.query(sql, params)).rows;
  });
  afterAll(async () => {
    await owner.end();
    await db.drop();
  });

  it(
    'keeps 64 concurrent appends to one stream linear and gap-free ' + '(each in its own transaction, as the app role)',
    async () => {
      const stream = agreementStream('a0000000-0000-4000-8000-000000000064');
      const recorded = await Promise.all(
        Array.from({ length: 64 }, (_, i) =>
          inTransaction(app, (tx) => audit.record(tx, input({ stream, requestId: `req-${i}` }))),
        ),
      );
      const { rows } = await owner.query<{ id: string; seq: string; prev_hash: string; hash: string }>(
        'SELECT id, seq, prev_hash, hash FROM audit_entries WHERE stream = $1 ORDER BY seq',
        [stream],
      );
      expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 64 }, (_, i) => i + 1));
      expect(rows.map((r) => r.id).sort()).toEqual(recorded.map((r) => r.id).sort());
      for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
      const report = await verifyStoredStream(ownerQuery, stream, { publicKeys: keys });
      expect(report).toMatchObject({ ok: true, entries: 64, headSeq: 64, headHash: rows[63]!.hash });
    },
  );

  it(
    'recordAll takes streams in one order whatever the callers collected, so two transactions crossing the same ' +
      'streams queue instead of deadlocking',
    async () => {
      const [x, y] = [
        agreementStream('a0000000-0000-4000-8000-0000000000a1'),
        agreementStream('a0000000-0000-4000-8000-0000000000b2'),
      ];
      const collected = (i: number) =>
        i % 2 === 0
          ? [
              input({ stream: y, requestId: `y-${i}` }),
              input({ stream: x, requestId: `x-${i}` }),
              input({ stream: y, requestId: `y2-${i}` }),
            ]
          : [input({ stream: x, requestId: `x-${i}` }), input({ stream: y, requestId: `y-${i}` })];
      // One attempt each: a deadlock would fail the test here rather than be retried away.
      const runs = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          inTransaction(app, (tx) => audit.recordAll(tx, collected(i)), { attempts: 1 }),
        ),
      );
      expect(runs).toHaveLength(16);
      for (const recorded of runs) {
        const streams = recorded.map((r) => r.stream);
        expect(streams).toEqual([...streams].sort());
      }
      // Within a stream, a caller's entries keep their order.
      const evenRun = runs[0]!.filter((r) => r.stream === y);
      const { rows: sealed } = await owner.query<{ id: string; seq: string }>(
        'SELECT id, seq FROM audit_entries WHERE id = ANY($1::uuid[])',
        [evenRun.map((r) => r.id)],
      );
      const seqOf = (id: string) => Number(sealed.find((row) => row.id === id)!.seq);
      expect(sealed).toHaveLength(2);
      expect(seqOf(evenRun[0]!.id)).toBeLessThan(seqOf(evenRun[1]!.id));
      for (const stream of [x, y])
        expect((await verifyStoredStream(ownerQuery, stream, { publicKeys: keys })).ok).toBe(true);
    },
  );

  it('computes in the database exactly the hash the verifier computes in Node, for every field', async () => {
    const stream = agreementStream('a0000000-0000-4000-8000-000000000001');
    const entry = await inTransaction(app, (tx) =>
      audit.record(
        tx,
        input({
          stream,
          agreementId: 'A0000000-0000-4000-8000-000000000001',
          agreementVersion: 7,
          reason: 'OK',
          details: { b: 'x', a: 2.5, c: true, d: null, e: -0, f: 1e21 },
        }),
      ),
    );
    const [stored] = (await readEntryBatches(ownerQuery, stream).next()).value!;
    expect(stored!.id).toBe(entry.id);
    expect(stored!.agreementId).toBe('a0000000-0000-4000-8000-000000000001');
    expect((await verifyStoredStream(ownerQuery, stream, { publicKeys: keys })).ok).toBe(true);
  });

  it('seals an entry when its transaction commits: not in the chain before, nothing left over after', async () => {
    const stream = agreementStream('a0000000-0000-4000-8000-0000000000d1');
    const chain = async () =>
      (await owner.query('SELECT count(*)::int AS n FROM audit_entries WHERE stream = $1', [stream])).rows[0].n;
    await inTransaction(app, async (tx) => {
      await audit.record(tx, input({ stream }));
      expect(await chain()).toBe(0);
    });
    expect(await chain()).toBe(1);
    // Rolled back: nothing sealed, nothing pending.
    await expect(
      inTransaction(app, async (tx) => {
        await audit.record(tx, input({ stream }));
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect(await chain()).toBe(1);
    expect((await owner.query('SELECT count(*)::int AS n FROM audit_pending')).rows[0].n).toBe(0);
  });

  it(
    'holds the stream lock inside COMMIT only: a transaction that appended and is still open does not hold up ' +
      'another append to the stream, and entries take their place in commit order',
    async () => {
      const stream = agreementStream('a0000000-0000-4000-8000-0000000000d2');
      let finishFirst!: () => void;
      const firstMayCommit = new Promise<void>((resolve) => (finishFirst = resolve));
      let firstAppended!: () => void;
      const appended = new Promise<void>((resolve) => (firstAppended = resolve));
      const first = inTransaction(app, async (tx) => {
        const entry = await audit.record(tx, input({ stream, requestId: 'first' }));
        firstAppended();
        await firstMayCommit;
        return entry;
      });
      await appended;
      // Under a lock held to commit this would wait for `first`, which waits for this: the test would time out.
      const second = await inTransaction(app, (tx) => audit.record(tx, input({ stream, requestId: 'second' })), {
        attempts: 1,
      });
      finishFirst();
      const firstEntry = await first;
      const { rows } = await owner.query<{ id: string }>(
        'SELECT id FROM audit_entries WHERE stream = $1 ORDER BY seq',
        [stream],
      );
      expect(rows.map((r) => r.id)).toEqual([second.id, firstEntry.id]);
      expect((await verifyStoredStream(ownerQuery, stream, { publicKeys: keys })).ok).toBe(true);
    },
  );

  it('gives the application role no access to the entries set aside for the seal', async () => {
    await expect(app.query('SELECT * FROM audit_pending')).rejects.toThrow(/permission denied/);
    await expect(
      app.query(`INSERT INTO audit_pending (id, stream, occurred_at, actor_roles, action, subject_type, outcome,
        fields_released, fields_withheld, commit_key, tail) VALUES (gen_random_uuid(), 'system', now(), '{}', 'x', 'y',
        'allowed', '{}', '{}', repeat('a', 64), ']')`),
    ).rejects.toThrow(/permission denied/);
  });

  it('refuses to record outside a transaction', async () => {
    await expect(audit.record(app.manager, input())).rejects.toThrow(
      'AuditService.record must be called with the EntityManager of an open transaction',
    );
  });

  it('refuses a REPEATABLE READ transaction, whose snapshot would predate the stream lock', async () => {
    await expect(app.transaction('REPEATABLE READ', (tx) => audit.record(tx, input()))).rejects.toThrow(
      /READ COMMITTED transactions only/,
    );
  });

  it('stores CR, LF, ANSI escapes, NUL, DEL and lone surrogates escaped, and the chain still verifies', async () => {
    const stream = agreementStream('a0000000-0000-4000-8000-0000000000cc');
    await inTransaction(app, async (tx) => {
      await audit.record(
        tx,
        input({
          stream,
          action: 'auth.login\r\n2026-11-23 INFO auth.login outcome=success',
          reason: '\u001b[31mRED\u001b[0m\u0000\u007f',
          subjectId: 'x\ud800y',
          actor: { roles: ['a\tb'] },
          details: { 'k\n': 'v\u2028\u202e' },
        }),
      );
      await audit.record(tx, input({ stream }));
    });
    const { rows } = await owner.query(
      'SELECT action, reason, subject_id, actor_roles, details FROM audit_entries WHERE stream = $1 ORDER BY ' +
        'seq LIMIT 1',
      [stream],
    );
    expect(rows[0]).toEqual({
      action: 'auth.login\\u000d\\u000a2026-11-23 INFO auth.login outcome=success',
      reason: '\\u001b[31mRED\\u001b[0m\\u0000\\u007f',
      subject_id: 'x\\ud800y',
      actor_roles: ['a\\u0009b'],
      details: { 'k\\u000a': 'v\\u2028\\u202e' },
    });
    expect(await verifyStoredStream(ownerQuery, stream, { publicKeys: keys })).toMatchObject({ ok: true, entries: 2 });
  });

  describe('an action whose audit write fails leaves no trace', () => {
    beforeAll(async () => {
      await owner.query('CREATE TABLE test_shares (id serial PRIMARY KEY, note text NOT NULL)');
      await owner.query('GRANT SELECT, INSERT ON test_shares TO accord_app');
      await owner.query('GRANT USAGE ON SEQUENCE test_shares_id_seq TO accord_app');
    });
    const counts = async () => {
      const shares = await owner.query('SELECT count(*)::int AS n FROM test_shares');
      const entries = await owner.query('SELECT count(*)::int AS n FROM audit_entries');
      return { shares: shares.rows[0].n as number, entries: entries.rows[0].n as number };
    };

    it('rolls the action back when the entry is refused', async () => {
      const before = await counts();
      await expect(
        inTransaction(app, async (tx) => {
          await tx.query(`INSERT INTO test_shares (note) VALUES ('shared')`);
          await audit.record(tx, input({ actor: { userId: 'not-a-uuid' } }));
        }),
      ).rejects.toThrow('Audit entry refused: actor.userId must be a UUID');
      expect(await counts()).toEqual(before);
    });

    it('rolls the action back when the database fails the audit write (stream lock not obtained in time)', async () => {
      const stream = agreementStream('a0000000-0000-4000-8000-0000000000ff');
      const before = await counts();
      const holder = new Client({ connectionString: db.appUrl });
      await holder.connect();
      try {
        // Another transaction is appending to the same stream and has not committed yet.
        await holder.query('BEGIN');
        await holder.query(`SELECT pg_advisory_xact_lock(1096107092, hashtext($1))`, [stream]);
        await expect(
          inTransaction(app, async (tx) => {
            await tx.query(`INSERT INTO test_shares (note) VALUES ('shared')`);
            await tx.query(`SET LOCAL lock_timeout = '100ms'`);
            await audit.record(tx, input({ stream }));
          }),
        ).rejects.toThrow(/lock timeout/);
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
      expect(await counts()).toEqual(before);
    });

    it('commits action and entry together when both succeed', async () => {
      const before = await counts();
      await inTransaction(app, async (tx) => {
        await tx.query(`INSERT INTO test_shares (note) VALUES ('shared')`);
        await audit.record(tx, input());
      });
      expect(await counts()).toEqual({ shares: before.shares + 1, entries: before.entries + 1 });
    });
  });

  describe('append-only tables', () => {
    beforeAll(async () => {
      await inTransaction(app, (tx) => audit.record(tx, input()));
      await owner.query(
        `INSERT INTO audit_checkpoints (stream, seq, hash, signed_at, key_id, signature) VALUES ('system', 1, 'h',
          now(), 'k', 's') ON CONFLICT DO NOTHING`,
      );
    });

    it.each(['audit_entries', 'audit_checkpoints'])(
      'refuses UPDATE, DELETE and TRUNCATE of %s to the application role (privileges)',
      async (table) => {
        await expect(app.query(`UPDATE ${table} SET hash = hash`)).rejects.toThrow(
          `permission denied for table ${table}`,
        );
        await expect(app.query(`DELETE FROM ${table}`)).rejects.toThrow(`permission denied for table ${table}`);
        await expect(app.query(`TRUNCATE ${table}`)).rejects.toThrow(`permission denied for table ${table}`);
      },
    );

    it.each(['audit_entries', 'audit_checkpoints'])(
      'refuses UPDATE, DELETE and TRUNCATE of %s even to the owner (triggers)',
      async (table) => {
        const before = (await owner.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
        expect(before).toBeGreaterThan(0);
        await expect(owner.query(`UPDATE ${table} SET hash = 'x'`)).rejects.toThrow(
          new RegExp(`audit trail is append-only: UPDATE on ${table}`),
        );
        await expect(owner.query(`DELETE FROM ${table}`)).rejects.toThrow(
          new RegExp(`audit trail is append-only: DELETE on ${table}`),
        );
        await expect(owner.query(`TRUNCATE ${table}`)).rejects.toThrow(
          new RegExp(`audit trail is append-only: TRUNCATE on ${table}`),
        );
        expect((await owner.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBe(before);
      },
    );

    it.each(['audit_entries', 'audit_checkpoints'])(
      'refuses the application role any INSERT into %s: it appends through the functions only (issue 13)',
      async (table) => {
        // A correctly linked forged row after the head would be undetectable until the next checkpoint; the role cannot
        // write one.
        const [head] = await app.query(
          `SELECT seq::int AS seq, hash FROM audit_entries WHERE stream = 'system' ORDER BY seq DESC LIMIT 1`,
        );
        const forged =
          table === 'audit_entries'
            ? `INSERT INTO audit_entries (stream, seq, prev_hash, hash, occurred_at, actor_roles, action, subject_type,
              outcome, fields_released, fields_withheld)
             VALUES ('system', ${head.seq + 1}, '${head.hash}', repeat('0', 64), now(), '{}', 'forged', 'user',
             'success', '{}', '{}')`
            : `INSERT INTO audit_checkpoints (stream, seq, hash, signed_at, key_id, signature) VALUES ('system',
              ${head.seq}, '${head.hash}', now(), 'k', 's')`;
        await expect(app.query(forged)).rejects.toThrow(`permission denied for table ${table}`);
        const privileges = await owner.query(
          `SELECT has_table_privilege('accord_app', $1, 'INSERT') AS insert, has_table_privilege('accord_app', $1,
            'SELECT') AS select`,
          [table],
        );
        expect(privileges.rows[0]).toEqual({ insert: false, select: true });
      },
    );

    it(
      'gives the application role EXECUTE on the two append ' + 'functions, which run with the owner’s rights',
      async () => {
        const { rows } = await owner.query(
          `SELECT p.proname, p.prosecdef, has_function_privilege('accord_app', p.oid, 'EXECUTE') AS execute,
          has_function_privilege('public', p.oid, 'EXECUTE') AS public
         FROM pg_proc p WHERE p.proname IN ('audit_append', 'audit_checkpoint_append') ORDER BY p.proname`,
        );
        expect(rows).toEqual([
          { proname: 'audit_append', prosecdef: true, execute: true, public: false },
          { proname: 'audit_checkpoint_append', prosecdef: true, execute: true, public: false },
        ]);
        // And the checkpoint function signs only what the table holds.
        const [head] = await app.query(
          `SELECT seq::int AS seq, hash FROM audit_entries WHERE stream = 'system' ORDER BY seq DESC LIMIT 1`,
        );
        await expect(
          app.query(`SELECT audit_checkpoint_append('system', $1, $2, now(), 'k', 's', $1, ARRAY[repeat('0', 64)])`, [
            head.seq,
            head.hash,
          ]),
        ).rejects.toThrow('a checkpoint must sign the entries the trail holds');
      },
    );
  });

  it('matches its entities exactly (no drift for the audit tables)', async () => {
    const dataSource = new DataSource(accordDataSourceOptions({ url: db.ownerUrl }));
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query).filter((q) => /audit_/.test(q))).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
