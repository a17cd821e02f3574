import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ConfigModule, loadConfig, type AppConfig } from '@accord/config';
import { inTransaction } from '@accord/database';
import { JOB_HANDLER_METADATA, JobName, OutboxService } from '@accord/jobs';
import { accordDataSourceOptions } from '@accord/schema';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { entryHash, type AuditChainEntry } from './audit-chain';
import { buildChain, sampleContent } from './audit-chain.factory';
import { buildAuditBundle, parseAuditBundle, verifyAuditBundle } from './audit-bundle';
import { bulkInsertEntries, insertCheckpointRow } from './audit-bulk.factory';
import { type SealedChainEntry, verifiableHash } from './audit-sealing';
import { AuditCheckpointHealthIndicator } from './audit-checkpoint.health';
import { AuditCheckpointProcessor } from './audit-checkpoint.processor';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { agreementStream, type AuditEntryInput } from './audit-entry.input';
import { AuditSigningKey } from './audit-signing-key';
import { readEntryBatches, verifyStoredStream, type AuditQuery } from './audit-store';
import { AuditVerifyProcessor } from './audit-verify.processor';
import { AuditModule } from './audit.module';
import { AuditService } from './audit.service';

const entry = (stream: AuditEntryInput['stream'], n: number): AuditEntryInput => ({
  stream,
  actor: { userId: randomUUID(), orgId: randomUUID(), roles: ['outreach_worker'] },
  action: 'disclosure.read',
  subjectType: 'disclosure',
  subjectId: randomUUID(),
  outcome: 'allowed',
  fieldsReleased: ['incident_type', 'time'],
  fieldsWithheld: ['narrative'],
  requestId: `req-${n}`,
  details: { n },
});

describe('audit tampering in the database, checkpoints and bundles', () => {
  let db: TestDatabase;
  let app: DataSource;
  let owner: Client;
  let ownerQuery: AuditQuery;
  const audit = new AuditService();
  const key = AuditSigningKey.generate();
  const config = { auditCheckpointIntervalSeconds: 30 } as AppConfig;
  let checkpoints: AuditCheckpointService;

  beforeAll(async () => {
    db = await createTestDatabase('audittamper');
    app = await db.connectApp(4);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    ownerQuery = async (sql, params) => (await owner.query(sql, params)).rows;
    checkpoints = new AuditCheckpointService(app, key, config, new OutboxService());
  });
  afterAll(async () => {
    await owner.end();
    await db.drop();
  });

  /** A fresh stream of `count` entries, its head signed. */
  async function signedStream(
    count: number,
  ): Promise<{ stream: AuditEntryInput['stream']; entries: AuditChainEntry[] }> {
    const stream = agreementStream(randomUUID());
    for (let n = 1; n <= count; n++) await inTransaction(app, (tx) => audit.record(tx, entry(stream, n)));
    await checkpoints.checkpointActiveStreams();
    return { stream, entries: await stored(stream) };
  }
  async function stored(stream: string): Promise<AuditChainEntry[]> {
    const all: AuditChainEntry[] = [];
    for await (const batch of readEntryBatches(ownerQuery, stream, { batchSize: 3 })) all.push(...batch);
    return all;
  }
  /** What an attacker with the owner's rights does: switch the triggers off for the session. */
  async function asOwnerBypassingTriggers(sql: string, params: unknown[] = []): Promise<void> {
    await owner.query('BEGIN');
    try {
      await owner.query('SET LOCAL session_replication_role = replica');
      await owner.query(sql, params);
      await owner.query('COMMIT');
    } catch (error) {
      await owner.query('ROLLBACK');
      throw error;
    }
  }
  const verify = (stream: string) =>
    verifyStoredStream(ownerQuery, stream, { publicKeys: key.publicKeys(), batchSize: 4 });

  it('verifies an untouched stream with its checkpoint', async () => {
    const { stream } = await signedStream(6);
    expect(await verify(stream)).toMatchObject({
      ok: true,
      entries: 6,
      headSeq: 6,
      latestCheckpointSeq: 6,
      checkpointsVerified: 1,
    });
  });

  it('names a modified column of an entry', async () => {
    const { stream, entries } = await signedStream(10);
    await asOwnerBypassingTriggers(`UPDATE audit_entries SET outcome = 'denied' WHERE stream = $1 AND seq = 5`, [
      stream,
    ]);
    expect((await verify(stream)).problem).toMatchObject({
      kind: 'modified',
      seq: 5,
      position: 5,
      entryId: entries[4]!.id,
    });
  });

  it('names a modified entry whose hash the attacker recomputed', async () => {
    const { stream, entries } = await signedStream(10);
    const forged = { ...entries[4]!, fieldsReleased: ['incident_type', 'time', 'narrative'] };
    await asOwnerBypassingTriggers(
      `UPDATE audit_entries SET fields_released = $2, hash = $3 WHERE stream = $1 AND seq = 5`,
      [stream, forged.fieldsReleased, entryHash(forged)],
    );
    expect((await verify(stream)).problem).toMatchObject({
      kind: 'modified',
      seq: 5,
      position: 5,
      entryId: entries[4]!.id,
      explained: true,
    });
  });

  it('names an entry changed to values that no longer read back as an entry (a time of infinity)', async () => {
    const { stream, entries } = await signedStream(6);
    await asOwnerBypassingTriggers(`UPDATE audit_entries SET occurred_at = 'infinity' WHERE stream = $1 AND seq = 3`, [
      stream,
    ]);
    expect((await verify(stream)).problem).toMatchObject({
      kind: 'modified',
      seq: 3,
      position: 3,
      entryId: entries[2]!.id,
    });
  });

  it('names a deleted entry', async () => {
    const { stream } = await signedStream(10);
    await asOwnerBypassingTriggers(`DELETE FROM audit_entries WHERE stream = $1 AND seq = 5`, [stream]);
    expect((await verify(stream)).problem).toMatchObject({ kind: 'deleted', seq: 5, position: 5, entryId: null });
  });

  it('names entries reordered by swapping their seq values', async () => {
    const { stream, entries } = await signedStream(10);
    await asOwnerBypassingTriggers(
      // One row at a time: a single UPDATE swapping both would hit the unique (stream, seq) key or not depending
      // on the order the plan visits the rows, which the stream's indexes decide.
      `UPDATE audit_entries SET seq = 1000004 WHERE stream = $1 AND seq = 4;
       UPDATE audit_entries SET seq = 4 WHERE stream = $1 AND seq = 7;
       UPDATE audit_entries SET seq = 7 WHERE stream = $1 AND seq = 1000004`.replace(/\$1/g, `'${stream}'`),
    );
    expect((await verify(stream)).problem).toMatchObject({
      kind: 'reordered',
      position: 4,
      seq: 7,
      entryId: entries[6]!.id,
    });
  });

  it('detects a truncated tail against the signed head', async () => {
    const { stream } = await signedStream(10);
    await asOwnerBypassingTriggers(`DELETE FROM audit_entries WHERE stream = $1 AND seq > 7`, [stream]);
    expect((await verify(stream)).problem).toMatchObject({ kind: 'truncated', seq: 8, position: 8 });
  });

  it(
    'names the first rewritten entry of a chain whose hashes were ' + 'all recomputed (the checkpoint signs its span)',
    async () => {
      const { stream, entries } = await signedStream(8);
      let prev = entries[1]!.hash;
      for (const original of entries.slice(2)) {
        const rewritten = { ...original, prevHash: prev, outcome: original.seq === 3 ? 'denied' : original.outcome };
        const hash = entryHash(rewritten);
        await asOwnerBypassingTriggers(
          `UPDATE audit_entries SET outcome = $3, prev_hash = $4, hash = $5 WHERE stream = $1 AND seq = $2`,
          [stream, original.seq, rewritten.outcome, prev, hash],
        );
        prev = hash;
      }
      expect((await verify(stream)).problem).toMatchObject({
        kind: 'modified',
        seq: 3,
        position: 3,
        entryId: entries[2]!.id,
        explained: true,
      });
    },
  );

  it('refuses a forged checkpoint (another key claiming ours) and one with a changed hash', async () => {
    const { stream, entries } = await signedStream(4);
    const forger = AuditSigningKey.generate();
    await insertCheckpointRow(ownerQuery, {
      ...forger.sign({ stream, seq: 2, hash: entries[1]!.hash }, Date.now()),
      keyId: key.keyId,
    });
    expect((await verify(stream)).problem).toMatchObject({ kind: 'bad_signature', seq: 2, position: null });

    const other = await signedStream(4);
    const genuine = key.sign({ stream: other.stream, seq: 3, hash: other.entries[2]!.hash }, Date.now());
    await insertCheckpointRow(ownerQuery, { ...genuine, hash: other.entries[1]!.hash });
    expect((await verify(other.stream)).problem).toMatchObject({ kind: 'bad_signature', seq: 3 });
  });

  it(
    'keeps a format-1 chain verifying when format-2 entries ' + 'follow it (existing streams are not migrated)',
    async () => {
      const stream = agreementStream(randomUUID());
      const legacy = buildChain(stream, [sampleContent(1), sampleContent(2), sampleContent(3)]);
      await bulkInsertEntries(ownerQuery, legacy);
      for (let n = 4; n <= 5; n++) await inTransaction(app, (tx) => audit.record(tx, entry(stream, n)));
      const rows = await stored(stream);
      expect(rows.map((e) => e.format ?? 1)).toEqual([1, 1, 1, 2, 2]);
      await checkpoints.checkpointActiveStreams();
      expect(await verify(stream)).toMatchObject({ ok: true, entries: 5, latestCheckpointSeq: 5 });
      // A party reading another's format-1 entries gets their links only, and the bundle still verifies.
      const bundle = parseAuditBundle(
        JSON.stringify(
          await buildAuditBundle(ownerQuery, stream, [key.publicKey], {
            audience: { orgId: randomUUID(), releasedDetails: () => [] },
          }),
        ),
      );
      expect(bundle.entries.map((e) => ('withheld' in e ? 'withheld' : e.format))).toEqual([
        'withheld',
        'withheld',
        'withheld',
        2,
        2,
      ]);
      expect((await verifyAuditBundle(bundle, key.publicKeys())).report).toMatchObject({ ok: true, entries: 5 });
    },
  );

  describe('checkpoint job', () => {
    it('signs only heads that moved since their last checkpoint', async () => {
      const { stream } = await signedStream(3);
      expect((await checkpoints.checkpointActiveStreams()).signed).toBe(0);
      await inTransaction(app, (tx) => audit.record(tx, entry(stream, 4)));
      expect(await checkpoints.checkpointActiveStreams()).toEqual({ signed: 1, refused: [] });
      const { rows } = await owner.query(
        'SELECT seq::int AS seq, key_id FROM audit_checkpoints WHERE stream = $1 ORDER BY seq',
        [stream],
      );
      expect(rows).toEqual([
        { seq: 3, key_id: key.keyId },
        { seq: 4, key_id: key.keyId },
      ]);
      expect(await verify(stream)).toMatchObject({ ok: true, latestCheckpointSeq: 4, checkpointsVerified: 2 });
    });

    it('refuses to sign over entries changed since the last checkpoint', async () => {
      const { stream } = await signedStream(3);
      await inTransaction(app, (tx) => audit.record(tx, entry(stream, 4)));
      await inTransaction(app, (tx) => audit.record(tx, entry(stream, 5)));
      await asOwnerBypassingTriggers(`UPDATE audit_entries SET action = 'auth.login' WHERE stream = $1 AND seq = 4`, [
        stream,
      ]);
      const run = await checkpoints.checkpointActiveStreams();
      expect(run.refused).toEqual([{ stream, problem: expect.objectContaining({ kind: 'modified', seq: 4 }) }]);
      const { rows } = await owner.query('SELECT max(seq)::int AS seq FROM audit_checkpoints WHERE stream = $1', [
        stream,
      ]);
      expect(rows[0].seq).toBe(3);
    });

    it('reports the age of the oldest unsigned entry, stale after two intervals', async () => {
      // The stream refused above keeps waiting for a signature, but only for a few seconds yet.
      const now = await checkpoints.status();
      expect(now.oldestUnsignedEntryAgeSeconds).toEqual(expect.any(Number));
      expect(now.lastCheckpointAgeSeconds).toEqual(expect.any(Number));
      expect(checkpoints.isStale(now)).toBe(false);
      expect(checkpoints.isStale(await checkpoints.status(Date.now() + 61_000))).toBe(true);
      expect(checkpoints.isStale({ lastCheckpointAgeSeconds: 1, oldestUnsignedEntryAgeSeconds: 60 })).toBe(false);
      expect(checkpoints.isStale({ lastCheckpointAgeSeconds: 1, oldestUnsignedEntryAgeSeconds: 61 })).toBe(true);
      expect(checkpoints.isStale({ lastCheckpointAgeSeconds: 1, oldestUnsignedEntryAgeSeconds: null })).toBe(false);
    });
  });

  describe('bundles', () => {
    it('round-trips: an exported stream verifies offline, against the trusted key', async () => {
      const { stream } = await signedStream(5);
      const bundle = parseAuditBundle(JSON.stringify(await buildAuditBundle(ownerQuery, stream, [key.publicKey])));
      expect(bundle.entries).toHaveLength(5);
      const result = await verifyAuditBundle(bundle, key.publicKeys());
      expect(result).toMatchObject({
        report: { ok: true, entries: 5, latestCheckpointSeq: 5 },
        keysFromBundle: false,
        keyIds: [key.keyId],
      });
    });

    it('fails a tampered bundle, naming the entry', async () => {
      const { stream } = await signedStream(5);
      const bundle = await buildAuditBundle(ownerQuery, stream, [key.publicKey]);
      (bundle.entries[2] as SealedChainEntry).fieldsWithheld = [];
      expect((await verifyAuditBundle(parseAuditBundle(JSON.stringify(bundle)))).report.problem).toMatchObject({
        kind: 'modified',
        seq: 3,
        position: 3,
      });
    });

    it('catches a bundle rewritten and re-signed by someone else when the trusted key is given', async () => {
      const { stream } = await signedStream(3);
      const bundle = await buildAuditBundle(ownerQuery, stream, [key.publicKey]);
      const forger = AuditSigningKey.generate();
      const entries = bundle.entries.map((e) => ({ ...(e as SealedChainEntry) }));
      entries[1]!.outcome = 'denied';
      for (let i = 1; i < entries.length; i++) {
        entries[i]!.prevHash = entries[i - 1]!.hash;
        entries[i]!.hash = verifiableHash(entries[i]!);
      }
      const head = entries[entries.length - 1]!;
      const forged = {
        ...bundle,
        entries,
        checkpoints: [forger.sign({ stream, seq: head.seq, hash: head.hash }, Date.now())],
        publicKeys: [{ keyId: forger.keyId, pem: forger.publicKeyPem() }],
      };
      // With only the keys it carries, a re-signed bundle looks fine: that is why boards pass their own key.
      expect((await verifyAuditBundle(forged)).report.ok).toBe(true);
      expect((await verifyAuditBundle(forged, key.publicKeys())).report.problem).toMatchObject({
        kind: 'bad_signature',
        seq: 3,
      });
    });
  });

  it('wires AuditModule in Nest: record, the two job handlers and the health indicator', async () => {
    const appConfig = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.appUrl, AUDIT_SIGNING_KEY: key.privateKeyPem() });
    const context = await NestFactory.createApplicationContext(
      {
        module: class AuditTestRoot {},
        imports: [
          ConfigModule.forRoot(appConfig),
          TypeOrmModule.forRoot(accordDataSourceOptions({ url: db.appUrl, poolSize: 2 })),
          AuditModule,
        ],
      },
      { logger: false },
    );
    try {
      const stream = agreementStream(randomUUID());
      const dataSource = context.get(DataSource);
      await inTransaction(dataSource, (tx) => context.get(AuditService).record(tx, entry(stream, 1)));
      expect(Reflect.getMetadata(JOB_HANDLER_METADATA, AuditCheckpointProcessor.prototype.handle)).toBe(
        JobName.AuditCheckpoint,
      );
      expect(Reflect.getMetadata(JOB_HANDLER_METADATA, AuditVerifyProcessor.prototype.handle)).toBe(
        JobName.AuditVerify,
      );
      await context.get(AuditCheckpointProcessor).handle({});
      expect((await verify(stream)).latestCheckpointSeq).toBe(1);
      await expect(context.get(AuditVerifyProcessor).handle({})).resolves.toBeUndefined();
      const health = await context.get(AuditCheckpointHealthIndicator).check();
      expect(health).toMatchObject({
        status: expect.stringMatching(/^(up|stale)$/),
        lastCheckpointAgeSeconds: expect.any(Number),
      });
    } finally {
      await context.close();
    }
  });

  describe('rows forged after dropping the backstop constraints', () => {
    it('names a forged entry that claims an existing seq and links correctly', async () => {
      const { stream, entries } = await signedStream(8);
      await asOwnerBypassingTriggers(
        `ALTER TABLE audit_entries DROP CONSTRAINT IF EXISTS audit_entries_stream_seq_key`,
      );
      const forged = { ...entries[4]!, id: randomUUID(), action: 'agreement.approve', outcome: 'success' };
      const hash = entryHash(forged);
      await asOwnerBypassingTriggers(
        `INSERT INTO audit_entries (id, stream, seq, prev_hash, hash, occurred_at, actor_user_id, actor_org_id,
          actor_roles, action, subject_type, subject_id, outcome, fields_released, fields_withheld, request_id, details)
         SELECT $1, stream, seq, prev_hash, $2, occurred_at, actor_user_id, actor_org_id, actor_roles,
         'agreement.approve', subject_type, subject_id, 'success', fields_released, fields_withheld, request_id, details
         FROM audit_entries WHERE stream = $3 AND seq = 5`,
        [forged.id, hash, stream],
      );
      const rows = await stored(stream);
      const position = rows.findIndex((r) => r.id === forged.id) + 1;
      expect((await verify(stream)).problem).toMatchObject({
        kind: 'inserted',
        seq: 5,
        position,
        entryId: forged.id,
        explained: true,
      });
    });

    it('names a replayed copy of an entry', async () => {
      const { stream, entries } = await signedStream(8);
      await asOwnerBypassingTriggers(`ALTER TABLE audit_entries DROP CONSTRAINT IF EXISTS audit_entries_pkey`);
      await asOwnerBypassingTriggers(
        `INSERT INTO audit_entries SELECT * FROM audit_entries WHERE stream = $1 AND seq = 6`,
        [stream],
      );
      // Both copies are identical: the second one read is the duplicate.
      expect((await verify(stream)).problem).toMatchObject({
        kind: 'duplicated',
        seq: 6,
        position: 7,
        entryId: entries[5]!.id,
      });
    });
  });
});
