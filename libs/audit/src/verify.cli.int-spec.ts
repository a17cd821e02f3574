import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@accord/config';
import { inTransaction } from '@accord/database';
import { OutboxService } from '@accord/jobs';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { buildChain, sampleContent } from './audit-chain.factory';
import { bulkInsertEntries } from './audit-bulk.factory';
import { buildAuditBundle } from './audit-bundle';
import type { SealedChainEntry } from './audit-sealing';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { agreementStream, SYSTEM_STREAM, type AuditEntryInput, type AuditStream } from './audit-entry.input';
import { AuditSigningKey } from './audit-signing-key';
import type { AuditQuery } from './audit-store';
import { entryHash } from './audit-chain';
import { AuditService, prepareAuditEntry } from './audit.service';
import { EXIT_ERROR, EXIT_INTACT, EXIT_TAMPERED, runVerifyCli } from './verify.cli';

const entry = (stream: AuditEntryInput['stream']): AuditEntryInput => ({
  stream,
  actor: { roles: ['org_admin'] },
  action: 'agreement.propose',
  subjectType: 'agreement',
  outcome: 'success',
});

describe('npm run audit:verify', () => {
  let db: TestDatabase;
  let app: DataSource;
  let owner: Client;
  let ownerQuery: AuditQuery;
  let dir: string;
  const key = AuditSigningKey.generate();
  const agreement = agreementStream(randomUUID());
  let env: NodeJS.ProcessEnv;

  async function run(argv: string[], withEnv: NodeJS.ProcessEnv = env) {
    const out: string[] = [];
    const err: string[] = [];
    const progress: string[] = [];
    const code = await runVerifyCli(argv, withEnv, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      progress: { write: (t: string) => progress.push(t), isTTY: false },
    });
    return { code, out: out.join('\n'), err: err.join('\n'), progress: progress.join('') };
  }

  beforeAll(async () => {
    db = await createTestDatabase('auditcli');
    app = await db.connectApp(2);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    ownerQuery = async (sql, params) => (await owner.query(sql, params)).rows;
    dir = mkdtempSync(join(tmpdir(), 'accord-audit-cli-'));
    env = {
      NODE_ENV: 'test',
      DATABASE_URL: db.appUrl,
      DATABASE_MIGRATION_URL: db.ownerUrl,
      AUDIT_SIGNING_KEY: key.privateKeyPem(),
      EMBEDDED_DATA_DIR: dir,
    };
    const audit = new AuditService();
    const streams: AuditStream[] = [SYSTEM_STREAM, agreement, SYSTEM_STREAM, agreement, agreement];
    for (const stream of streams) await inTransaction(app, (tx) => audit.record(tx, entry(stream)));
    await new AuditCheckpointService(
      app,
      key,
      { auditCheckpointIntervalSeconds: 30 } as AppConfig,
      new OutboxService(),
    ).checkpointActiveStreams();
  });
  afterAll(async () => {
    await owner.end();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 and prints a summary per stream when every stream is intact', async () => {
    const result = await run([]);
    expect(result.code).toBe(EXIT_INTACT);
    expect(result.out).toContain(`Audit verification — 2 streams, checkpoints checked with key ${key.keyId}`);
    expect(result.out).toMatch(
      new RegExp(`ok {4}${agreement} {2}3 entries, head seq 3, signed up to seq 3 \\(1 checkpoints\\)`),
    );
    expect(result.out).toMatch(/ok {4}system {2}2 entries, head seq 2, signed up to seq 2/);
    expect(result.out).toContain('Result: intact (2 streams)');
  });

  it('verifies one stream with --stream', async () => {
    const result = await run(['--stream', SYSTEM_STREAM]);
    expect(result.code).toBe(EXIT_INTACT);
    expect(result.out).toContain('1 stream,');
    expect(result.out).not.toContain(agreement);
  });

  it('takes the public key from a file with --public-key, and fails checkpoints signed by another key', async () => {
    const file = join(dir, 'public.pem');
    writeFileSync(file, key.publicKeyPem());
    expect((await run(['--public-key', file], { ...env, AUDIT_SIGNING_KEY: undefined })).code).toBe(EXIT_INTACT);
    const otherFile = join(dir, 'other.pem');
    writeFileSync(otherFile, AuditSigningKey.generate().publicKeyPem());
    const result = await run(['--public-key', otherFile, '--stream', SYSTEM_STREAM]);
    expect(result.code).toBe(EXIT_TAMPERED);
    expect(result.out).toContain('bad_signature: checkpoint at seq 2');
  });

  it('verifies an exported bundle with no database: 0 intact, 1 tampered, 2 unreadable', async () => {
    const bundle = await buildAuditBundle(ownerQuery, agreement, [key.publicKey]);
    const good = join(dir, 'bundle.json');
    writeFileSync(good, JSON.stringify(bundle));
    const noDatabase = { NODE_ENV: 'test' };
    const intact = await run(['--bundle', good], noDatabase);
    expect(intact.code).toBe(EXIT_INTACT);
    expect(intact.out).toContain(`checkpoints checked against the key(s) INSIDE the bundle: ${key.keyId}`);
    const publicKey = join(dir, 'trusted.pem');
    writeFileSync(publicKey, key.publicKeyPem());
    expect((await run(['--bundle', good, '--public-key', publicKey], noDatabase)).out).toContain(
      `checkpoints checked against trusted key(s) ${key.keyId}`,
    );

    (bundle.entries[1] as SealedChainEntry).action = 'agreement.withdraw';
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify(bundle));
    const bad = await run(['--bundle', tampered], noDatabase);
    expect(bad.code).toBe(EXIT_TAMPERED);
    expect(bad.out).toContain('first bad entry — modified: seq 2 at position 2');

    writeFileSync(join(dir, 'broken.json'), '{"format":"something else"}');
    expect((await run(['--bundle', join(dir, 'broken.json')], noDatabase)).code).toBe(EXIT_ERROR);
    expect((await run(['--bundle', join(dir, 'missing.json')], noDatabase)).err).toContain(
      'cannot read the bundle file',
    );
  });

  it('exits 2 on usage, configuration, key and connection errors', async () => {
    const unknown = await run(['--strem', 'system']);
    expect(unknown.code).toBe(EXIT_ERROR);
    expect(unknown.err).toContain("Unknown option '--strem'");
    expect(unknown.err).toContain('usage: npm run audit:verify');
    expect((await run(['--batch-size', 'many'])).code).toBe(EXIT_ERROR);
    expect((await run(['--threads', 'all'])).err).toContain('--threads must be a whole number from 0 to 64');
    expect((await run([], { NODE_ENV: 'test', EMBEDDED_DATA_DIR: dir })).err).toContain('no database configured');
    expect((await run([], { ...env, AUDIT_SIGNING_KEY: undefined })).err).toContain(
      'no public key to check checkpoints with',
    );
    expect((await run([], { ...env, AUDIT_SIGNING_KEY: 'bm90IGEga2V5' })).err).toContain(
      'AUDIT_SIGNING_KEY is not a readable PKCS#8 private key',
    );
    expect((await run([], { ...env, PORT: 'eighty' })).err).toContain('PORT must be a whole number');
    const unreachable = await run([], {
      ...env,
      DATABASE_MIGRATION_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
      DATABASE_CONNECT_TIMEOUT_MS: '500',
    });
    expect(unreachable.code).toBe(EXIT_ERROR);
    expect(unreachable.err).toContain('audit:verify: database error: connect ECONNREFUSED 127.0.0.1:1');
  });

  it('shows a progress bar on long streams and names the first bad entry with exit 1', async () => {
    const big = agreementStream(randomUUID());
    await bulkInsertEntries(
      ownerQuery,
      buildChain(
        big,
        Array.from({ length: 60_000 }, (_, n) => sampleContent(n)),
      ),
    );
    await new AuditCheckpointService(
      app,
      key,
      { auditCheckpointIntervalSeconds: 30 } as AppConfig,
      new OutboxService(),
    ).checkpointActiveStreams();
    const intact = await run(['--stream', big, '--progress', '--batch-size', '5000']);
    expect(intact.code).toBe(EXIT_INTACT);
    expect(intact.progress).toMatch(/\[#*\.*\] +\d+% {2}\d+\/60000 entries {2}agreement:/);

    await owner.query('BEGIN');
    await owner.query('SET LOCAL session_replication_role = replica');
    await owner.query(`UPDATE audit_entries SET reason = 'x' WHERE stream = $1 AND seq = 41234`, [big]);
    await owner.query('COMMIT');
    const { rows } = await owner.query('SELECT id FROM audit_entries WHERE stream = $1 AND seq = 41234', [big]);
    const result = await run(['--no-progress']);
    expect(result.code).toBe(EXIT_TAMPERED);
    expect(result.out).toContain(`FAIL  ${big}`);
    expect(result.out).toContain(
      'first bad entry — modified: seq 41234 at position 41234 — its stored hash does not match its content',
    );
    expect(result.out).toContain(`entry id ${rows[0].id}`);
    expect(result.out).toContain('Result: 1 of 3 streams TAMPERED');
    // Hashed in worker threads (the default for streams of two batches or more) or on the main thread: same verdict.
    const inThreads = await run(['--stream', big, '--threads', '3', '--batch-size', '2000']);
    const onMain = await run(['--stream', big, '--threads', '0']);
    const verdict = (out: string) => out.split('\n').filter((line) => /first bad entry|entry id/.test(line));
    expect(inThreads.code).toBe(EXIT_TAMPERED);
    expect(verdict(inThreads.out)).toHaveLength(2);
    expect(verdict(inThreads.out)).toEqual(verdict(result.out));
    expect(verdict(onMain.out)).toEqual(verdict(inThreads.out));
  });
  describe('checkpoints deleted with the entries they covered (issue 13)', () => {
    const checkpointer = () =>
      new AuditCheckpointService(app, key, { auditCheckpointIntervalSeconds: 30 } as AppConfig, new OutboxService());
    async function signedStream(count: number): Promise<AuditStream> {
      const stream = agreementStream(randomUUID());
      for (let n = 0; n < count; n++) await inTransaction(app, (tx) => new AuditService().record(tx, entry(stream)));
      expect('checkpoint' in (await checkpointer().signHead(stream))).toBe(true);
      return stream;
    }
    async function asOwner(sql: string, params: unknown[]) {
      await owner.query('BEGIN');
      await owner.query('SET LOCAL session_replication_role = replica');
      await owner.query(sql, params);
      await owner.query('COMMIT');
    }

    it(
      'fails a stream whose newest entries waited more than two checkpoint intervals ' +
        '(AUDIT_CHECKPOINT_INTERVAL_SECONDS) for a signature',
      async () => {
        const stream = await signedStream(3);
        // Appended by someone who could write the table, stamped ten minutes ago, and never signed.
        const [head] = (
          await owner.query(
            'SELECT seq::int AS seq, hash FROM audit_entries WHERE stream = $1 ORDER BY seq DESC LIMIT 1',
            [stream],
          )
        ).rows;
        const content = prepareAuditEntry(entry(stream), randomUUID(), Date.now() - 10 * 60_000);
        const forged = { ...content, seq: head.seq + 1, prevHash: head.hash };
        await bulkInsertEntries(ownerQuery, [{ ...forged, hash: entryHash(forged) }]);
        const result = await run(['--stream', stream]);
        expect(result.code).toBe(EXIT_TAMPERED);
        expect(result.out).toContain(`first bad entry — unsigned: seq 4 at position 4`);
        expect(result.out).toContain(`entry id ${forged.id}`);
      },
    );

    it(
      'fails a database cut back to an earlier checkpoint against ' + 'the checkpoints a party kept (--checkpoints)',
      async () => {
        const stream = await signedStream(3);
        for (let n = 0; n < 2; n++) await inTransaction(app, (tx) => new AuditService().record(tx, entry(stream)));
        const signed = await checkpointer().signHead(stream);
        if (!('checkpoint' in signed)) throw new Error('not signed');
        const kept = join(dir, 'kept-checkpoints.jsonl');
        const { spanHashes: _span, ...copy } = signed.checkpoint;
        writeFileSync(kept, `${JSON.stringify(copy)}\n`);
        await asOwner('DELETE FROM audit_entries WHERE stream = $1 AND seq > 3', [stream]);
        await asOwner('DELETE FROM audit_checkpoints WHERE stream = $1 AND seq > 3', [stream]);
        // What is left is a shorter chain, every entry of it signed: only a kept checkpoint tells.
        expect((await run(['--stream', stream])).code).toBe(EXIT_INTACT);
        const result = await run(['--stream', stream, '--checkpoints', kept]);
        expect(result.code).toBe(EXIT_TAMPERED);
        expect(result.out).toContain(
          'first bad entry — truncated: seq 4 at position 4 — the chain ends at seq 3 but seq 5 was signed or ' +
            'seen before',
        );
        expect((await run(['--stream', stream, '--checkpoints', join(dir, 'nowhere.jsonl')])).err).toContain(
          'cannot read the checkpoints file',
        );
        expect((await run(['--stream', stream, '--previous', kept])).err).toContain('--previous compares two bundles');
      },
    );
  });
});
