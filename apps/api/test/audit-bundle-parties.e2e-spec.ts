import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  type AuditBundle,
  type AuditCheckpoint,
  AuditSigningKey,
  type BundleEntry,
  EXIT_INTACT,
  EXIT_TAMPERED,
  parseAuditBundle,
  parseVerificationKey,
  publicKeySet,
  runVerifyCli,
  type SealedChainEntry,
  verifiableHash,
  verifyAuditBundle,
  verifyCheckpointSignature,
} from '@accord/audit';
import { OrgKind, Role } from '@accord/policy';
import {
  createTestDatabase,
  type EnrolledUser,
  eventually,
  invite,
  login,
  organizationWithAdmin,
  type Partnership,
  partnership,
  type TestDatabase,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

const REFERRAL_FLOW = {
  id: 'referrals',
  category: 'referral',
  from: 'police',
  to: 'partner',
  audience: ['program_manager', 'outreach_worker'],
  conditions: { consentBases: ['written'] },
  fields: {
    name: 'include',
    contact: 'include',
    age: 'exact',
    reason: 'screened',
    riskFactors: 'include',
    consentBasis: 'include',
  },
  consentRequired: true,
  retentionDays: 365,
  acknowledgeWithinHours: 24,
};
const STATUS_FLOW = {
  id: 'referral-status',
  category: 'referral_status',
  from: 'partner',
  to: 'police',
  audience: ['police_liaison'],
  fields: { status: 'coarse' },
  consentRequired: false,
  retentionDays: 365,
};
const PERSON = {
  name: 'Jalen Okafor-Reyes',
  contact: '312-555-0143',
  age: 18,
  reason: 'Shot at twice this month',
  riskFactors: ['prior_victimization'],
};
const CONSENT = { basis: 'written', givenOn: '2026-11-20' };

interface Call {
  headers: IncomingHttpHeaders;
  body: string;
}

async function receiver(): Promise<{ url: string; calls: Call[]; close(): Promise<void> }> {
  const calls: Call[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Issue 13: a bundle is made for one party — it verifies offline while carrying none of the other
 * party's user ids, addresses or undisclosed details; a new bundle proves it extends the old one;
 * every checkpoint reaches both parties' webhooks; the key to verify with is published.
 */
describe('audit bundles that both sides can trust', () => {
  let db: TestDatabase;
  let p: Partnership;
  let manager: EnrolledUser;
  let boardPolice: EnrolledUser;
  let boardPartner: EnrolledUser;
  let agreementId: string;
  let noteId: string;
  let dir: string;
  const hooks: Array<Awaited<ReturnType<typeof receiver>>> = [];
  const http = () => request(p.app.getHttpServer());
  const get = async (user: EnrolledUser, path: string) =>
    http()
      .get(`/api/v1${path}`)
      .set('Authorization', `Bearer ${await login(p.app, p.clock, user)}`);
  const post = async (user: EnrolledUser, path: string, body: object = {}) =>
    http()
      .post(`/api/v1${path}`)
      .set('Authorization', `Bearer ${await login(p.app, p.clock, user)}`)
      .send(body);
  const trusted = () => p.app.get(AuditSigningKey).publicKeys();

  async function agreement(flows: object[]): Promise<string> {
    const created = await post(p.policeAdmin, '/agreements', {
      counterpartOrgId: p.partnerOrgId,
      title: 'Referrals',
      sharingParameters: { flows },
      boardMemberIds: [boardPolice.id, boardPartner.id],
    });
    expect(created.status).toBe(201);
    const versionId = created.body.versions[0].id as string;
    await post(p.policeAdmin, `/agreement-versions/${versionId}/propose`);
    await post(p.policeAdmin, `/agreement-versions/${versionId}/approve`);
    expect((await post(p.partnerAdmin, `/agreement-versions/${versionId}/approve`)).body.status).toBe('active');
    return created.body.id as string;
  }

  /** A referral the partner's program manager declines for a safety concern, after writing and reading a note. */
  async function declinedReferral(
    onAgreement: string,
    reason: string,
  ): Promise<{ referralId: string; noteId: string }> {
    const referral = await post(p.liaison, '/referrals', {
      agreementId: onAgreement,
      person: PERSON,
      consent: CONSENT,
    });
    expect(referral.status).toBe(201);
    const id = referral.body.id as string;
    expect((await get(manager, '/referrals')).status).toBe(200);
    const note = await post(manager, `/referrals/${id}/notes`, { body: 'Brother says he is being watched.' });
    expect((await get(manager, `/referrals/${id}/notes`)).status).toBe(200);
    expect(
      (await post(manager, `/referrals/${id}/transitions`, { to: 'declined', declineReason: reason })).status,
    ).toBe(200);
    return { referralId: id, noteId: note.body.id as string };
  }

  const exportFor = async (user: EnrolledUser, onAgreement = agreementId): Promise<AuditBundle> => {
    const res = await get(user, `/agreements/${onAgreement}/audit/bundle`);
    expect(res.status).toBe(200);
    return parseAuditBundle(JSON.stringify(res.body));
  };
  const partnerEntries = (bundle: AuditBundle) =>
    bundle.entries.filter(
      (e): e is SealedChainEntry => e.format === 2 && (e as SealedChainEntry).actorOrgId === p.partnerOrgId,
    );

  beforeAll(async () => {
    db = await createTestDatabase('bundleparties');
    dir = mkdtempSync(join(tmpdir(), 'accord-bundles-'));
    const { app, clock } = await startApiWithClock(db);
    p = await partnership(app, clock);
    manager = await invite(app, clock, await login(app, clock, p.partnerAdmin), 'pm@safestreets.test', [
      Role.ProgramManager,
    ]);
    boardPartner = await invite(app, clock, await login(app, clock, p.partnerAdmin), 'board@safestreets.test', [
      Role.BoardMember,
    ]);
    boardPolice = await invite(app, clock, await login(app, clock, p.policeAdmin), 'board@eastside-pd.test', [
      Role.BoardMember,
    ]);
    for (const admin of [p.policeAdmin, p.partnerAdmin]) {
      const hook = await receiver();
      hooks.push(hook);
      expect((await post(admin, '/webhooks', { url: hook.url })).status).toBe(201);
    }
    // No referral_status flow: nothing of the partner's handling of a referral flows back to the police.
    agreementId = await agreement([REFERRAL_FLOW]);
    ({ noteId } = await declinedReferral(agreementId, 'safety_concern'));
  }, 120_000);

  afterAll(async () => {
    await p?.app.close();
    await Promise.all(hooks.map((h) => h.close()));
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'gives a police board member a bundle with no partner user id, address, note id or decline reason, that ' +
      'verifies offline',
    async () => {
      const bundle = await exportFor(boardPolice);
      expect(bundle.audience).toEqual({ orgId: expect.any(String) });
      const text = JSON.stringify(bundle);
      for (const secret of [
        manager.id,
        p.worker.id,
        p.partnerAdmin.id,
        boardPartner.id,
        noteId,
        'safety_concern',
        'declined',
      ])
        expect(text).not.toContain(secret);
      const theirs = partnerEntries(bundle);
      expect(theirs.map((e) => e.action)).toEqual(
        expect.arrayContaining(['referral.list', 'referral.note.create', 'referral.notes.read', 'referral.transition']),
      );
      for (const e of theirs) {
        for (const field of [e.actorUserId, e.requestId, e.sourceIp])
          expect(field === null || Object.keys(field)).toEqual(field === null ? true : ['commitment']);
        for (const value of Object.values(e.details ?? {})) expect(Object.keys(value)).toEqual(['commitment']);
      }
      // The police's own entries are whole: their own liaison, with a value and its salt.
      const created = bundle.entries.find(
        (e): e is SealedChainEntry => e.format === 2 && (e as SealedChainEntry).action === 'referral.create',
      )!;
      expect(created.actorUserId).toEqual({ value: p.liaison.id, salt: expect.stringMatching(/^[0-9a-f]{64}$/) });

      expect((await verifyAuditBundle(bundle, trusted())).report).toMatchObject({
        ok: true,
        entries: bundle.entries.length,
      });
      // The command line, with no database, against the published key.
      const file = join(dir, 'police.json');
      writeFileSync(file, JSON.stringify(bundle));
      const pem = join(dir, 'partnership.pem');
      writeFileSync(pem, (await get(boardPolice, `/agreements/${agreementId}/audit/public-key`)).body.pem as string);
      const out: string[] = [];
      expect(
        await runVerifyCli(
          ['--bundle', file, '--public-key', pem],
          { NODE_ENV: 'test' },
          { out: (l) => out.push(l), err: (l) => out.push(l) },
        ),
      ).toBe(EXIT_INTACT);
      expect(out.join('\n')).toContain('Result: intact');
    },
  );

  it('fails a copy with one byte flipped in a commitment, naming the entry', async () => {
    const bundle = await exportFor(boardPolice);
    const step = partnerEntries(bundle).find((e) => e.action === 'referral.transition')!;
    const sealed = step.details!.declineReason as { commitment: string };
    sealed.commitment = (sealed.commitment[0] === 'a' ? 'b' : 'a') + sealed.commitment.slice(1);
    const { report } = await verifyAuditBundle(bundle, trusted());
    expect(report.problem).toMatchObject({ kind: 'modified', seq: step.seq, entryId: step.id });
  });

  it('gives the partner’s board its own people and notes whole, and the police’s sealed', async () => {
    const bundle = await exportFor(boardPartner);
    const text = JSON.stringify(bundle);
    expect(text).toContain(manager.id);
    expect(text).toContain(noteId);
    expect(text).not.toContain(p.liaison.id);
    expect((await verifyAuditBundle(bundle, trusted())).report.ok).toBe(true);
  });

  it('releases a decline reason to the police only where the agreement sends referral status back', async () => {
    const withStatus = await agreement([REFERRAL_FLOW, STATUS_FLOW]);
    await declinedReferral(withStatus, 'at_capacity');
    const bundle = await exportFor(boardPolice, withStatus);
    const step = partnerEntries(bundle).find((e) => e.action === 'referral.transition')!;
    expect(step.details!.declineReason).toMatchObject({ value: 'at_capacity' });
    // Still not who declined it, nor from where, nor the note.
    expect(step.actorUserId).toEqual({ commitment: expect.any(String) });
    expect(JSON.stringify(bundle)).not.toContain(manager.id);
    expect((await verifyAuditBundle(bundle, trusted())).report.ok).toBe(true);
  });

  it(
    'proves a new bundle extends the previous one, and fails one rewritten and re-signed, at the first changed ' +
      'entry',
    async () => {
      const before = await exportFor(boardPolice);
      await declinedReferral(agreementId, 'outside_service_area');
      const after = await exportFor(boardPolice);
      const extension = await verifyAuditBundle(after, trusted(), { previous: before });
      expect(extension).toMatchObject({ report: { ok: true }, previous: { extended: true } });
      expect(after.entries.length).toBeGreaterThan(before.entries.length);

      // Someone holding the signing key rewrites an entry the board already has, and re-signs every checkpoint.
      const changedAt = 3;
      const rewritten = reSigned(after, changedAt, p.app.get(AuditSigningKey));
      expect((await verifyAuditBundle(rewritten, trusted())).report.ok).toBe(true);
      const caught = await verifyAuditBundle(rewritten, trusted(), { previous: before });
      expect(caught.previous!.extended).toBe(false);
      expect(caught.report.problem).toMatchObject({
        kind: 'modified',
        seq: changedAt,
        entryId: after.entries[changedAt - 1]!.id,
      });

      // The same, from the command line.
      const files = {
        before: join(dir, 'before.json'),
        after: join(dir, 'after.json'),
        rewritten: join(dir, 'rewritten.json'),
      };
      writeFileSync(files.before, JSON.stringify(before));
      writeFileSync(files.after, JSON.stringify(after));
      writeFileSync(files.rewritten, JSON.stringify(rewritten));
      const run = async (args: string[]) => {
        const out: string[] = [];
        const code = await runVerifyCli(
          args,
          { NODE_ENV: 'test' },
          { out: (l) => out.push(l), err: (l) => out.push(l) },
        );
        return { code, out: out.join('\n') };
      };
      const ok = await run(['--bundle', files.after, '--previous', files.before]);
      expect(ok.code).toBe(EXIT_INTACT);
      expect(ok.out).toContain(`extends the previous bundle ${files.before}`);
      const bad = await run(['--bundle', files.rewritten, '--previous', files.before]);
      expect(bad.code).toBe(EXIT_TAMPERED);
      expect(bad.out).toContain(`first bad entry — modified: seq ${changedAt} at position ${changedAt}`);
      // A shortened copy of the new one: the export checkpoint that signed its head is gone with it.
      const shortened = {
        ...after,
        entries: after.entries.slice(0, -2),
        checkpoints: after.checkpoints.filter((c) => c.seq <= after.entries.length - 2),
      };
      expect((await verifyAuditBundle(shortened, trusted(), { previous: before })).report.ok).toBe(false);
    },
  );

  it(
    'sends each checkpoint, as it is signed, to both parties’ webhooks: ids and hashes only, signed with the ' +
      'published key',
    async () => {
      const bundle = await exportFor(boardPartner);
      const head = bundle.checkpoints.at(-1)!;
      const published = await get(boardPartner, `/agreements/${agreementId}/audit/public-key`);
      const keys = publicKeySet([parseVerificationKey(published.body.pem as string)]);
      for (const hook of hooks) {
        const call = await eventually(async () =>
          hook.calls.find(
            (c) => c.headers['x-accord-event'] === 'audit.checkpoint' && JSON.parse(c.body).checkpoint.seq === head.seq,
          ),
        );
        const body = JSON.parse(call.body) as { event: string; agreementId: string; checkpoint: AuditCheckpoint };
        expect(body).toMatchObject({
          event: 'audit.checkpoint',
          agreementId,
          checkpoint: {
            stream: `agreement:${agreementId}`,
            seq: head.seq,
            hash: head.hash,
            format: 2,
            fromSeq: head.fromSeq,
          },
        });
        expect(body.checkpoint.spanHashes).toBeUndefined();
        expect(verifyCheckpointSignature(body.checkpoint, keys)).toBe(true);
        for (const personal of [manager.id, p.liaison.id, noteId, 'safety_concern', 'Jalen'])
          expect(call.body).not.toContain(personal);
      }
      // What a party's webhook kept is enough to catch a database cut back behind it.
      const copies = hooks[0]!.calls
        .filter((c) => c.headers['x-accord-event'] === 'audit.checkpoint')
        .map((c) => JSON.stringify(JSON.parse(c.body).checkpoint));
      const witnessed = join(dir, 'witnessed.jsonl');
      writeFileSync(witnessed, copies.join('\n'));
      const cut = {
        ...bundle,
        entries: bundle.entries.slice(0, head.fromSeq! - 1),
        checkpoints: bundle.checkpoints.filter((c) => c.seq < head.fromSeq!),
      };
      const file = join(dir, 'cut.json');
      writeFileSync(file, JSON.stringify(cut));
      const out: string[] = [];
      expect(
        await runVerifyCli(
          ['--bundle', file, '--checkpoints', witnessed],
          { NODE_ENV: 'test' },
          { out: (l) => out.push(l), err: (l) => out.push(l) },
        ),
      ).toBe(EXIT_TAMPERED);
      expect(out.join('\n')).toContain('truncated');
    },
  );

  it('publishes the key to the board and the parties’ org admins, and its fingerprint with the agreement', async () => {
    const agreementView = await get(p.policeAdmin, `/agreements/${agreementId}`);
    const { keyId, fingerprint } = agreementView.body.auditKey as { keyId: string; fingerprint: string };
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(keyId).toBe(fingerprint.slice(0, 16));
    for (const user of [boardPolice, boardPartner, p.policeAdmin, p.partnerAdmin]) {
      const res = await get(user, `/agreements/${agreementId}/audit/public-key`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        algorithm: 'Ed25519',
        keyId,
        fingerprint,
        pem: expect.stringContaining('BEGIN PUBLIC KEY'),
      });
    }
    expect(p.app.get(AuditSigningKey).fingerprint).toBe(fingerprint);
    // Party members who are neither: they know the agreement, so 403; anyone else: 404.
    expect((await get(p.liaison, `/agreements/${agreementId}/audit/public-key`)).status).toBe(403);
    expect((await get(manager, `/agreements/${agreementId}/audit/public-key`)).status).toBe(403);
    const outsider = await invite(
      p.app,
      p.clock,
      await login(p.app, p.clock, p.policeAdmin),
      'board2@eastside-pd.test',
      [Role.BoardMember],
    );
    expect((await get(outsider, `/agreements/${agreementId}/audit/public-key`)).status).toBe(403);
    // A draft names no board in force: its board members are not (yet) its board.
    const draft = await post(p.policeAdmin, '/agreements', {
      counterpartOrgId: p.partnerOrgId,
      title: 'Draft',
      sharingParameters: { flows: [REFERRAL_FLOW] },
      boardMemberIds: [boardPolice.id],
    });
    expect((await get(boardPolice, `/agreements/${draft.body.id}/audit/public-key`)).status).toBe(403);
    const other = await organizationWithAdmin(
      p.app,
      p.clock,
      'Westside Police Department',
      OrgKind.Police,
      'admin@westside-pd.test',
    );
    expect((await get(other.admin, `/agreements/${agreementId}/audit/public-key`)).status).toBe(404);
  });
});

/**
 * `bundle` with entry `seq` changed, every later hash recomputed and every checkpoint signed again (a rewrite by the
 * key holder).
 */
function reSigned(bundle: AuditBundle, seq: number, key: AuditSigningKey): AuditBundle {
  const entries = bundle.entries.map((e) => JSON.parse(JSON.stringify(e)) as BundleEntry);
  const target = entries[seq - 1] as SealedChainEntry;
  target.outcome = target.outcome === 'denied' ? 'allowed' : 'denied';
  for (let i = seq - 1; i < entries.length; i++) {
    if (i > seq - 1) entries[i]!.prevHash = entries[i - 1]!.hash;
    entries[i]!.hash = verifiableHash(entries[i]!);
  }
  const checkpoints = bundle.checkpoints.map((c) => {
    const head = entries[c.seq - 1]!;
    const span =
      c.format === 2
        ? { fromSeq: c.fromSeq!, hashes: entries.slice(c.fromSeq! - 1, c.seq).map((e) => e.hash) }
        : undefined;
    return key.sign({ stream: c.stream, seq: c.seq, hash: head.hash }, c.signedAtMs, span);
  });
  return { ...bundle, entries, checkpoints };
}
