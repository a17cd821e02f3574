import { randomBytes } from 'node:crypto';
import {
  type AuditChainEntry,
  canonicalEntry,
  canonicalTail,
  commitment,
  entryHash,
  fieldSalt,
  genesisHash,
} from './audit-chain';
import { buildChain, sampleContent } from './audit-chain.factory';
import {
  type BundleAudience,
  isWithheld,
  revealRuleFor,
  type SealedChainEntry,
  sealEntry,
  verifiableHash,
} from './audit-sealing';
import { verifyChain } from './audit-verifier';

const STREAM = 'agreement:7f1d2c3b-0a4e-4b5c-8d6e-9f0a1b2c3d4e';
const POLICE = '20000000-0000-4000-8000-000000000001';
const PARTNER = '20000000-0000-4000-8000-000000000002';
const WORKER = '10000000-0000-4000-8000-00000000beef';
const key = () => randomBytes(32).toString('hex');

/** A partner worker's referral step, in format 2, with everything a police board must not read. */
function partnerStep(n: number) {
  return sampleContent(n, {
    format: 2,
    commitKey: key(),
    actorUserId: WORKER,
    actorOrgId: PARTNER,
    actorRoles: ['outreach_worker'],
    action: 'referral.transition',
    requestId: `req-${n}`,
    sourceIp: '198.51.100.23',
    details: {
      from: 'accepted',
      to: 'declined',
      declineReason: 'safety_concern',
      noteId: '30000000-0000-4000-8000-000000000009',
    },
  });
}

const police: BundleAudience = { orgId: POLICE, releasedDetails: () => [] };
const partner: BundleAudience = { orgId: PARTNER, releasedDetails: () => [] };

describe('format 2: entries that commit to their private fields', () => {
  it(
    'hashes commitments in the places of actorUserId, requestId, sourceIp and each detail value, and the ' +
      'database gets the same text',
    () => {
      const entry = { ...partnerStep(1), stream: STREAM, seq: 7, prevHash: genesisHash(STREAM) };
      const text = canonicalEntry(entry);
      const fields = JSON.parse(text) as unknown[];
      const c = (field: string, value: unknown) => commitment(fieldSalt(entry.commitKey!, field), value as string);
      expect(fields[0]).toBe('accord-audit/v2');
      expect(fields[6]).toBe(c('actorUserId', WORKER));
      expect(fields[18]).toBe(c('requestId', 'req-1'));
      expect(fields[19]).toBe(c('sourceIp', '198.51.100.23'));
      expect(fields[20]).toEqual([
        ['declineReason', c('details.declineReason', 'safety_concern')],
        ['from', c('details.from', 'accepted')],
        ['noteId', c('details.noteId', '30000000-0000-4000-8000-000000000009')],
        ['to', c('details.to', 'declined')],
      ]);
      for (const secret of [WORKER, '198.51.100.23', 'safety_concern', 'req-1', entry.commitKey!])
        expect(text).not.toContain(secret);
      expect(
        `["accord-audit/v2",${JSON.stringify(STREAM)},7,${JSON.stringify(entry.prevHash)}${canonicalTail(entry)}`,
      ).toBe(text);
    },
  );

  it('derives an independent salt per field: one revealed salt says nothing about another field or the key', () => {
    const k = key();
    const salts = ['actorUserId', 'requestId', 'sourceIp', 'details.noteId'].map((f) => fieldSalt(k, f));
    expect(new Set(salts).size).toBe(4);
    for (const salt of salts) expect(salt).not.toContain(k);
    expect(fieldSalt(key(), 'actorUserId')).not.toBe(salts[0]);
  });
});

describe('sealing an entry for one party', () => {
  const [step] = buildChain(STREAM, [partnerStep(1)]);

  it('shows the other party only commitments, and the sealed entry still hashes to the stored hash', () => {
    const sealed = sealEntry(step!, revealRuleFor(police, step!)) as SealedChainEntry;
    const text = JSON.stringify(sealed);
    for (const secret of [
      WORKER,
      '198.51.100.23',
      'req-1',
      'safety_concern',
      'declined',
      '30000000-0000-4000-8000-000000000009',
      step!.commitKey!,
    ])
      expect(text).not.toContain(secret);
    expect(sealed.actorUserId).toEqual({ commitment: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(Object.keys(sealed.details!).sort()).toEqual(['declineReason', 'from', 'noteId', 'to']);
    expect(verifiableHash(sealed)).toBe(step!.hash);
  });

  it('shows a party its own organization’s entry whole, values with their salts, still verifying', () => {
    const sealed = sealEntry(step!, revealRuleFor(partner, step!)) as SealedChainEntry;
    expect(sealed.actorUserId).toEqual({ value: WORKER, salt: fieldSalt(step!.commitKey!, 'actorUserId') });
    expect(sealed.details!.declineReason).toEqual({ value: 'safety_concern', salt: expect.any(String) });
    expect(verifiableHash(sealed)).toBe(step!.hash);
  });

  it('shows exactly the detail keys the agreement releases to the other party', () => {
    const releasing: BundleAudience = {
      orgId: POLICE,
      releasedDetails: (e) => (e.action === 'referral.transition' ? ['to', 'declineReason'] : []),
    };
    const sealed = sealEntry(step!, revealRuleFor(releasing, step!)) as SealedChainEntry;
    expect(sealed.details).toMatchObject({
      to: { value: 'declined' },
      declineReason: { value: 'safety_concern' },
      from: { commitment: expect.any(String) },
      noteId: { commitment: expect.any(String) },
    });
    // User ids, request ids and addresses of another organization are never released.
    expect(sealed.actorUserId).toEqual({ commitment: expect.any(String) });
    expect(verifiableHash(sealed)).toBe(step!.hash);
  });

  it.each([
    [
      'a commitment',
      (s: SealedChainEntry) => ({
        ...s,
        actorUserId: { commitment: flip((s.actorUserId as { commitment: string }).commitment) },
      }),
    ],
    [
      'a revealed value',
      (s: SealedChainEntry) => ({
        ...s,
        details: { ...s.details, to: { value: 'engaged', salt: (s.details!.to as { salt: string }).salt } },
      }),
    ],
    [
      'a salt',
      (s: SealedChainEntry) => ({
        ...s,
        details: { ...s.details, to: { value: 'declined', salt: flip((s.details!.to as { salt: string }).salt) } },
      }),
    ],
    [
      'a detail key',
      (s: SealedChainEntry) => ({
        ...s,
        details: { ...s.details, reason: s.details!.declineReason!, declineReason: undefined! },
      }),
    ],
    ['a public field', (s: SealedChainEntry) => ({ ...s, outcome: 'denied' })],
  ])('no longer hashes to the stored hash once %s changes by a byte', (_what, change) => {
    const sealed = sealEntry(
      step!,
      revealRuleFor({ orgId: POLICE, releasedDetails: () => ['to'] }, step!),
    ) as SealedChainEntry;
    const changed = JSON.parse(JSON.stringify(change(sealed))) as SealedChainEntry;
    expect(verifiableHash(changed)).not.toBe(step!.hash);
  });

  it(
    'withholds a format-1 entry that holds anything private to ' + 'the reader, and the chain verifies through it',
    async () => {
      const v1 = sampleContent(2, { actorOrgId: PARTNER, actorUserId: WORKER, details: null });
      const system = sampleContent(3, {
        actorOrgId: null,
        actorUserId: null,
        requestId: null,
        sourceIp: null,
        details: null,
        action: 'agreement.version.expire',
      });
      const chain = buildChain(STREAM, [v1, system, partnerStep(4)]);
      const forPolice = chain.map((e) => sealEntry(e, revealRuleFor(police, e)));
      expect(isWithheld(forPolice[0]!)).toBe(true);
      expect(JSON.stringify(forPolice[0])).not.toContain(WORKER);
      expect(forPolice[1]).toMatchObject({ format: 1, action: 'agreement.version.expire' });
      expect(await verifyChain(forPolice, { stream: STREAM })).toMatchObject({ ok: true, entries: 3 });
      const forPartner = chain.map((e) => sealEntry(e, revealRuleFor(partner, e)));
      expect(forPartner[0]).toMatchObject({ format: 1, actorUserId: WORKER });
      expect(await verifyChain(forPartner, { stream: STREAM })).toMatchObject({ ok: true });
    },
  );

  it('names a withheld entry whose link was changed', async () => {
    const chain = buildChain(STREAM, [
      sampleContent(1, { actorOrgId: PARTNER }),
      sampleContent(2, { actorOrgId: PARTNER }),
      sampleContent(3, { actorOrgId: PARTNER }),
    ]);
    const sealed = chain.map((e) => sealEntry(e, revealRuleFor(police, e)));
    sealed[1] = { ...sealed[1]!, hash: flip(sealed[1]!.hash) };
    expect((await verifyChain(sealed, { stream: STREAM })).problem).toMatchObject({
      kind: 'modified',
      seq: 2,
      entryId: chain[1]!.id,
    });
  });

  it('keeps format-1 chains hashing as before', () => {
    const [old] = buildChain(STREAM, [sampleContent(1)]);
    expect(JSON.parse(canonicalEntry(old as AuditChainEntry))[0]).toBe('accord-audit/v1');
    expect(entryHash(old!)).toBe(old!.hash);
  });
});

function flip(hex: string): string {
  return (hex[0] === '0' ? '1' : '0') + hex.slice(1);
}
