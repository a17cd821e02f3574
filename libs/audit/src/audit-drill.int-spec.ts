import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@accord/config';
import { inTransaction } from '@accord/database';
import { OutboxService } from '@accord/jobs';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { type AuditChainEntry, entryHash } from './audit-chain';
import { bulkInsertEntries, insertCheckpointRow } from './audit-bulk.factory';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { agreementStream, type AuditEntryInput } from './audit-entry.input';
import { type AuditCheckpoint, AuditSigningKey } from './audit-signing-key';
import { loadCheckpoints, readEntryBatches, verifyStoredStream, type AuditQuery } from './audit-store';
import type { TamperKind } from './audit-verifier';
import { AuditService, prepareAuditEntry } from './audit.service';

/**
 * The tampering drill (issue 13): 22 tamperings of a stream in the database, by someone with the
 * schema owner's rights (triggers switched off), each detected with the first bad entry named.
 *
 * Every stream: 12 entries appended through the application role, signed by the checkpoint job
 * after entries 4, 8 and 12 (format-2 checkpoints: each signs its span). The verifier runs as the
 * nightly job or `audit:verify` would, ten minutes after the tampering (two checkpoint intervals
 * are 60 s). "Witnessed" cases also get the checkpoints as the parties' webhooks received them
 * (`--checkpoints FILE`): the only record of a head left once the tail and its checkpoints are gone.
 */
const INTERVAL_SECONDS = 30;
const LATER_MS = 10 * 60_000;

interface Drill {
  stream: string;
  entries: AuditChainEntry[];
  checkpoints: AuditCheckpoint[];
}

interface Case {
  name: string;
  tamper(d: Drill): Promise<void>;
  /**
   * `entry`: the entry named is the one now found at that seq (`named`), another (`index` into the original entries),
   * or none (a missing seq, a checkpoint).
   */
  expected: { kind: TamperKind; seq: number; entry: 'named' | 'none' | { index: number } };
  witnessed?: boolean;
}

describe('the 22-case tampering drill', () => {
  let db: TestDatabase;
  let app: DataSource;
  let owner: Client;
  let ownerQuery: AuditQuery;
  const audit = new AuditService();
  const key = AuditSigningKey.generate();
  const forger = AuditSigningKey.generate();
  let checkpoints: AuditCheckpointService;
  const detected: string[] = [];

  const input = (stream: string, n: number): AuditEntryInput => ({
    stream: stream as AuditEntryInput['stream'],
    actor: { userId: randomUUID(), orgId: randomUUID(), roles: ['outreach_worker'] },
    action: 'disclosure.read',
    subjectType: 'Disclosure',
    subjectId: randomUUID(),
    outcome: 'allowed',
    requestId: `req-${n}`,
    sourceIp: '203.0.113.9',
    details: { n, category: 'incident_notification' },
  });

  async function drillStream(): Promise<Drill> {
    const stream = agreementStream(randomUUID());
    for (let n = 1; n <= 12; n++) {
      await inTransaction(app, (tx) => audit.record(tx, input(stream, n)));
      if (n % 4 === 0) expect('checkpoint' in (await checkpoints.signHead(stream))).toBe(true);
    }
    const entries: AuditChainEntry[] = [];
    for await (const batch of readEntryBatches(ownerQuery, stream)) entries.push(...batch);
    return { stream, entries, checkpoints: await loadCheckpoints(ownerQuery, stream) };
  }

  /** As the schema owner with the triggers off: what it takes to change the trail at all. */
  async function asOwner(statements: Array<[string, unknown[]]>): Promise<void> {
    await owner.query('BEGIN');
    try {
      await owner.query('SET LOCAL session_replication_role = replica');
      for (const [sql, params] of statements) await owner.query(sql, params);
      await owner.query('COMMIT');
    } catch (error) {
      await owner.query('ROLLBACK');
      throw error;
    }
  }

  const update = (e: AuditChainEntry, columns: Record<string, unknown>): [string, unknown[]] => {
    const names = Object.keys(columns);
    return [
      `UPDATE audit_entries SET ${names.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [e.id, ...Object.values(columns)],
    ];
  };
  const deleteSeqs = (d: Drill, from: number, to: number): [string, unknown[]] => [
    `DELETE FROM audit_entries WHERE stream = $1 AND seq BETWEEN $2 AND $3`,
    [d.stream, from, to],
  ];
  const deleteCheckpoints = (d: Drill, ...seqs: number[]): [string, unknown[]] => [
    `DELETE FROM audit_checkpoints WHERE stream = $1 AND seq = ANY($2)`,
    [d.stream, seqs],
  ];

  /**
   * Rewrites the rows of `chain` (the stream's new content from its first entry on), re-linking and
   * recomputing every hash as an attacker with write access would: seqs first moved out of the way.
   */
  function rewrite(chain: AuditChainEntry[]): Array<[string, unknown[]]> {
    const out: Array<[string, unknown[]]> = [];
    let prev = chain[0]!.prevHash;
    const relinked = chain.map((entry, i) => {
      const e = { ...entry, seq: chain[0]!.seq + i, prevHash: prev };
      e.hash = entryHash(e);
      prev = e.hash;
      return e;
    });
    for (const e of relinked) out.push(update(e, { seq: e.seq + 1_000_000 }));
    for (const e of relinked)
      out.push(update(e, { seq: e.seq, prev_hash: e.prevHash, hash: e.hash, outcome: e.outcome }));
    return out;
  }

  const cases: Case[] = [
    // Field changes
    {
      name: 'an outcome changed',
      tamper: (d) => asOwner([update(d.entries[5]!, { outcome: 'denied' })]),
      expected: { kind: 'modified', seq: 6, entry: 'named' },
    },
    {
      name: 'the actor user id changed (a committed private field)',
      tamper: (d) => asOwner([update(d.entries[5]!, { actor_user_id: randomUUID() })]),
      expected: { kind: 'modified', seq: 6, entry: 'named' },
    },
    {
      name: 'a detail value changed',
      tamper: (d) => asOwner([update(d.entries[5]!, { details: { n: 66, category: 'incident_notification' } })]),
      expected: { kind: 'modified', seq: 6, entry: 'named' },
    },
    {
      name: 'the commit key changed',
      tamper: (d) => asOwner([update(d.entries[5]!, { commit_key: 'f'.repeat(64) })]),
      expected: { kind: 'modified', seq: 6, entry: 'named' },
    },
    {
      name: 'a field changed and that entry’s hash recomputed',
      tamper: (d) =>
        asOwner([
          update(d.entries[5]!, { outcome: 'denied', hash: entryHash({ ...d.entries[5]!, outcome: 'denied' }) }),
        ]),
      expected: { kind: 'modified', seq: 6, entry: 'named' },
    },
    {
      name: 'a field changed and every later hash recomputed (a rewrite)',
      tamper: (d) => asOwner(rewrite([{ ...d.entries[5]!, outcome: 'denied' }, ...d.entries.slice(6)])),
      expected: { kind: 'modified', seq: 6, entry: 'named' },
    },
    // Deletions
    {
      name: 'one entry deleted',
      tamper: (d) => asOwner([deleteSeqs(d, 6, 6)]),
      expected: { kind: 'deleted', seq: 6, entry: 'none' },
    },
    {
      name: 'three entries deleted',
      tamper: (d) => asOwner([deleteSeqs(d, 5, 7)]),
      expected: { kind: 'deleted', seq: 5, entry: 'none' },
    },
    {
      name: 'one entry deleted and the rest renumbered and re-linked',
      tamper: (d) =>
        asOwner([
          deleteSeqs(d, 6, 6),
          ...rewrite([{ ...d.entries[6]!, seq: 6, prevHash: d.entries[4]!.hash }, ...d.entries.slice(7)]),
        ]),
      // The row now at seq 6 is the former seventh entry.
      expected: { kind: 'modified', seq: 6, entry: { index: 6 } },
    },
    // Reorderings
    {
      name: 'two rows traded their seq values',
      tamper: (d) =>
        asOwner([
          update(d.entries[4]!, { seq: 1_000_005 }),
          update(d.entries[6]!, { seq: 5 }),
          update(d.entries[4]!, { seq: 7 }),
        ]),
      expected: { kind: 'reordered', seq: 7, entry: 'named' },
    },
    {
      name: 'two entries swapped and the chain re-linked',
      tamper: (d) =>
        asOwner(
          rewrite([{ ...d.entries[5]!, seq: 5, prevHash: d.entries[3]!.hash }, d.entries[4]!, ...d.entries.slice(6)]),
        ),
      expected: { kind: 'modified', seq: 5, entry: { index: 5 } },
    },
    // Truncations
    {
      name: 'the tail deleted, its checkpoint kept',
      tamper: (d) => asOwner([deleteSeqs(d, 11, 12)]),
      expected: { kind: 'truncated', seq: 11, entry: 'none' },
    },
    {
      name: 'the tail deleted with its checkpoint',
      tamper: (d) => asOwner([deleteSeqs(d, 11, 12), deleteCheckpoints(d, 12)]),
      expected: { kind: 'unsigned', seq: 9, entry: 'named' },
    },
    {
      name: 'the tail deleted back to a checkpoint, with the later checkpoint (seen by the parties’ webhooks)',
      tamper: (d) => asOwner([deleteSeqs(d, 9, 12), deleteCheckpoints(d, 12)]),
      expected: { kind: 'truncated', seq: 9, entry: 'none' },
      witnessed: true,
    },
    {
      name: 'the tail deleted with every checkpoint that covered it',
      tamper: (d) => asOwner([deleteSeqs(d, 7, 12), deleteCheckpoints(d, 8, 12)]),
      expected: { kind: 'unsigned', seq: 5, entry: 'named' },
    },
    // Rewrites that took checkpoints with them
    {
      name: 'a rewrite with every checkpoint after it deleted',
      tamper: (d) =>
        asOwner([
          ...rewrite([{ ...d.entries[5]!, outcome: 'denied' }, ...d.entries.slice(6)]),
          deleteCheckpoints(d, 8, 12),
        ]),
      expected: { kind: 'unsigned', seq: 5, entry: 'named' },
    },
    {
      name: 'a rewrite with the checkpoint covering it deleted',
      tamper: (d) =>
        asOwner([
          ...rewrite([{ ...d.entries[5]!, outcome: 'denied' }, ...d.entries.slice(6)]),
          deleteCheckpoints(d, 8),
        ]),
      expected: { kind: 'checkpoint_missing', seq: 5, entry: 'named' },
    },
    {
      name: 'a checkpoint deleted',
      tamper: (d) => asOwner([deleteCheckpoints(d, 8)]),
      expected: { kind: 'checkpoint_missing', seq: 5, entry: 'named' },
    },
    // Forged appends
    {
      name: 'a forged entry appended after the head, correctly linked, never signed',
      tamper: async (d) => {
        const head = d.entries[11]!;
        const content = prepareAuditEntry(input(d.stream, 13), randomUUID(), Date.now());
        const forged = { ...content, seq: 13, prevHash: head.hash };
        await bulkInsertEntries(ownerQuery, [{ ...forged, hash: entryHash(forged) }]);
      },
      expected: { kind: 'unsigned', seq: 13, entry: 'named' },
    },
    // Forged checkpoints
    {
      name: 'a checkpoint forged with another key under ours, over a rewritten tail',
      tamper: async (d) => {
        const tail = [{ ...d.entries[9]!, outcome: 'denied' }, ...d.entries.slice(10)];
        await asOwner([...rewrite(tail), deleteCheckpoints(d, 12)]);
        const rewritten: AuditChainEntry[] = [];
        for await (const batch of readEntryBatches(ownerQuery, d.stream)) rewritten.push(...batch);
        const head = rewritten[11]!;
        const forged = forger.sign({ stream: d.stream, seq: 12, hash: head.hash }, Date.now(), {
          fromSeq: 9,
          hashes: rewritten.slice(8).map((e) => e.hash),
        });
        await insertCheckpointRow(ownerQuery, { ...forged, keyId: key.keyId });
      },
      expected: { kind: 'bad_signature', seq: 12, entry: 'none' },
    },
    {
      name: 'a genuine checkpoint signature moved to another head',
      tamper: async (d) => {
        const genuine = d.checkpoints.find((c) => c.seq === 12)!;
        await asOwner([deleteSeqs(d, 12, 12), deleteCheckpoints(d, 12)]);
        await insertCheckpointRow(ownerQuery, {
          ...genuine,
          seq: 11,
          hash: d.entries[10]!.hash,
          fromSeq: 9,
          spanHashes: d.entries.slice(8, 11).map((e) => e.hash),
        });
      },
      expected: { kind: 'bad_signature', seq: 11, entry: 'none' },
    },
    // Last: it drops the (stream, seq) backstop for the whole table.
    {
      name: 'a forged entry inserted mid-chain, linking correctly and claiming an existing seq',
      tamper: async (d) => {
        await asOwner([[`ALTER TABLE audit_entries DROP CONSTRAINT IF EXISTS audit_entries_stream_seq_key`, []]]);
        const content = prepareAuditEntry(
          input(d.stream, 6),
          '00000000-0000-4000-8000-000000000000',
          d.entries[5]!.occurredAtMs,
        );
        const forged = { ...content, seq: 6, prevHash: d.entries[4]!.hash };
        await bulkInsertEntries(ownerQuery, [{ ...forged, hash: entryHash(forged) }]);
      },
      expected: { kind: 'inserted', seq: 6, entry: 'named' },
    },
  ];

  beforeAll(async () => {
    db = await createTestDatabase('auditdrill');
    app = await db.connectApp(2);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    ownerQuery = async (sql, params) => (await owner.query(sql, params)).rows;
    checkpoints = new AuditCheckpointService(
      app,
      key,
      { auditCheckpointIntervalSeconds: INTERVAL_SECONDS } as AppConfig,
      new OutboxService(),
    );
  });
  afterAll(async () => {
    await owner?.end();
    await db?.drop();
  });

  const verify = async (d: Drill, witnessed: boolean) =>
    verifyStoredStream(ownerQuery, d.stream, {
      publicKeys: key.publicKeys(),
      freshness: { nowMs: Date.now() + LATER_MS, maxUnsignedMs: 2 * INTERVAL_SECONDS * 1000 },
      // As the webhooks delivered them: the signed digest of each span, not the span itself.
      witnessed: witnessed ? d.checkpoints.map(({ spanHashes: _span, ...copy }) => copy) : [],
    });

  it('finds nothing wrong with an untouched stream, ten minutes on, with or without the witnessed copies', async () => {
    const d = await drillStream();
    expect(await verify(d, false)).toMatchObject({
      ok: true,
      entries: 12,
      checkpointsVerified: 3,
      latestCheckpointSeq: 12,
    });
    expect(await verify(d, true)).toMatchObject({ ok: true, entries: 12 });
  });

  it('has 22 cases', () => {
    expect(cases).toHaveLength(22);
  });

  it.each(cases.map((c, i) => [`${i + 1}. ${c.name}`, c] as const))('%s', async (_label, c) => {
    const d = await drillStream();
    await c.tamper(d);
    const report = await verify(d, c.witnessed ?? false);
    expect(report.ok).toBe(false);
    const { entry } = c.expected;
    const named =
      entry === 'none'
        ? null
        : entry === 'named'
          ? (d.entries[c.expected.seq - 1]?.id ?? expect.any(String))
          : d.entries[entry.index]!.id;
    expect(report.problem).toMatchObject({
      kind: c.expected.kind,
      seq: c.expected.seq,
      entryId: c.expected.kind === 'inserted' ? '00000000-0000-4000-8000-000000000000' : named,
    });
    detected.push(c.name);
  });

  it('detected all 22, each with the first bad entry named', () => {
    expect(detected).toHaveLength(22);
  });
});
