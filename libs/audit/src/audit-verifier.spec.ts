import fc from 'fast-check';
import { entryHash, type AuditChainEntry, type AuditEntryContent } from './audit-chain';
import { buildChain, fakeHash, sampleContent } from './audit-chain.factory';
import { AuditSigningKey, type AuditCheckpoint } from './audit-signing-key';
import { ChainVerifier, verifyChain, type TamperKind } from './audit-verifier';

const KEY = AuditSigningKey.generate();
const INTRUDER_KEY = AuditSigningKey.generate();
const STREAM = 'agreement:7f1d2c3b-0a4e-4b5c-8d6e-9f0a1b2c3d4e';
const OTHER_STREAM = 'system';
const SIGNED_AT = 1_795_000_100_000;

const contentArb: fc.Arbitrary<AuditEntryContent> = fc.record({
  id: fc.uuid(),
  occurredAtMs: fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
  actorUserId: fc.option(fc.uuid(), { nil: null }),
  actorOrgId: fc.option(fc.uuid(), { nil: null }),
  actorRoles: fc.array(fc.constantFrom('liaison', 'outreach_worker', 'program_manager', 'board_member'), {
    maxLength: 3,
  }),
  action: fc.constantFrom('auth.login', 'disclosure.read', 'agreement.approve', 'referral.create'),
  subjectType: fc.constantFrom('user', 'disclosure', 'agreement', 'referral'),
  subjectId: fc.option(fc.string({ maxLength: 12 }), { nil: null }),
  agreementId: fc.option(fc.uuid(), { nil: null }),
  agreementVersion: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
  outcome: fc.constantFrom('success', 'failure', 'allowed', 'denied'),
  reason: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
  fieldsReleased: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  fieldsWithheld: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  requestId: fc.option(fc.string({ maxLength: 12 }), { nil: null }),
  sourceIp: fc.option(fc.ipV4(), { nil: null }),
  details: fc.option(
    fc.dictionary(
      fc.string({ maxLength: 6 }),
      fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null)),
      { maxKeys: 3 },
    ),
    { nil: null },
  ),
});

interface Scenario {
  entries: AuditChainEntry[];
  checkpoints: AuditCheckpoint[];
}
interface Expected {
  kind: TamperKind;
  position: number | null;
  seq: number;
}
interface Case extends Scenario {
  expected: Expected;
  label: string;
}

function sign(entry: AuditChainEntry, key = KEY): AuditCheckpoint {
  return key.sign({ stream: entry.stream, seq: entry.seq, hash: entry.hash }, SIGNED_AT);
}

function rehash(entry: AuditChainEntry): AuditChainEntry {
  return { ...entry, hash: entryHash(entry) };
}

const MODIFIABLE = [
  'id',
  'occurredAtMs',
  'actorUserId',
  'actorRoles',
  'action',
  'subjectId',
  'agreementVersion',
  'outcome',
  'reason',
  'fieldsWithheld',
  'sourceIp',
  'details',
  'prevHash',
  'seq',
  'stream',
  'hash',
] as const;
type Modifiable = (typeof MODIFIABLE)[number];

function changed(entry: AuditChainEntry, field: Modifiable): AuditChainEntry {
  switch (field) {
    case 'id':
      return {
        ...entry,
        id:
          entry.id === '99999999-9999-4999-8999-999999999999'
            ? '88888888-8888-4888-8888-888888888888'
            : '99999999-9999-4999-8999-999999999999',
      };
    case 'occurredAtMs':
      return { ...entry, occurredAtMs: entry.occurredAtMs + 1 };
    case 'actorUserId':
      return { ...entry, actorUserId: entry.actorUserId === null ? '30000000-0000-4000-8000-000000000003' : null };
    case 'actorRoles':
      return { ...entry, actorRoles: [...entry.actorRoles, 'platform_operator'] };
    case 'action':
      return { ...entry, action: `${entry.action}.forged` };
    case 'subjectId':
      return { ...entry, subjectId: entry.subjectId === null ? 'x' : null };
    case 'agreementVersion':
      return { ...entry, agreementVersion: (entry.agreementVersion ?? 0) + 1 };
    case 'outcome':
      return { ...entry, outcome: entry.outcome === 'denied' ? 'allowed' : 'denied' };
    case 'reason':
      return { ...entry, reason: entry.reason === null ? 'HIDDEN' : null };
    case 'fieldsWithheld':
      return {
        ...entry,
        fieldsWithheld: entry.fieldsWithheld.slice(1).concat(entry.fieldsWithheld.length === 0 ? ['narrative'] : []),
      };
    case 'sourceIp':
      return { ...entry, sourceIp: entry.sourceIp === null ? '198.51.100.1' : null };
    case 'details':
      return { ...entry, details: entry.details === null ? {} : null };
    case 'prevHash':
      return { ...entry, prevHash: fakeHash(`prev-${entry.seq}`) };
    case 'seq':
      return { ...entry, seq: entry.seq + 1 };
    case 'stream':
      return { ...entry, stream: entry.stream === STREAM ? OTHER_STREAM : STREAM };
    case 'hash':
      return { ...entry, hash: fakeHash(`hash-${entry.seq}`) };
  }
}

/** The base scenario: a valid chain and signed checkpoints at some of its seqs. */
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .array(contentArb, { minLength: 1, maxLength: 24 })
  .chain((contents) => fc.tuple(fc.constant(contents), fc.subarray(contents.map((_, i) => i))))
  .map(([contents, signedIndexes]) => {
    const entries = buildChain(STREAM, contents);
    return { entries, checkpoints: signedIndexes.map((i) => sign(entries[i]!)) };
  });

const hasCheckpointAt = (s: Scenario, seq: number) => s.checkpoints.some((c) => c.seq === seq);
const maxCheckpoint = (s: Scenario) => Math.max(0, ...s.checkpoints.map((c) => c.seq));

/**
 * Every single tampering, with the kind and entry the verifier must report. `null` marks the
 * few combinations that are undetectable or ambiguous by nature (documented in audit-verifier.ts):
 * they are skipped, not counted.
 */
function tamperArb(s: Scenario): fc.Arbitrary<Case | null> {
  const n = s.entries.length;
  const index = fc.integer({ min: 0, max: n - 1 });
  const at = (i: number) => s.entries[i]!;
  const without = (from: number, count: number) => s.entries.filter((_, i) => i < from || i >= from + count);
  const insertAt = (q: number, entry: AuditChainEntry) => [...s.entries.slice(0, q), entry, ...s.entries.slice(q)];

  const modified = fc
    .tuple(index, fc.constantFrom(...MODIFIABLE), fc.boolean())
    .map(([i, field, recompute]): Case | null => {
      let entry = changed(at(i), field);
      const recomputed = recompute && field !== 'hash';
      if (recomputed) entry = rehash(entry);
      const entries = s.entries.map((e, j) => (j === i ? entry : e));
      const label = `modified #${i + 1} ${field}${recomputed ? ' (hash recomputed)' : ''}`;
      const isLast = i === n - 1;
      if (recomputed && isLast && field !== 'seq' && field !== 'stream' && field !== 'prevHash') {
        // A recomputed last entry breaks no link: only a checkpoint on it can tell.
        return hasCheckpointAt(s, n)
          ? {
              entries,
              checkpoints: s.checkpoints,
              label,
              expected: { kind: 'checkpoint_mismatch', position: n, seq: n },
            }
          : null;
      }
      if (recomputed && isLast && field === 'prevHash' && !hasCheckpointAt(s, n) && !hasCheckpointAt(s, n - 1))
        return null;
      return {
        entries,
        checkpoints: s.checkpoints,
        label,
        expected: { kind: 'modified', position: i + 1, seq: i + 1 },
      };
    });

  const deleted = fc.tuple(index, fc.integer({ min: 1, max: 3 })).map(([i, count]): Case | null => {
    if (i + count >= n) return null; // that is truncation, generated below
    return {
      entries: without(i, count),
      checkpoints: s.checkpoints,
      label: `deleted #${i + 1} (+${count - 1})`,
      expected: { kind: 'deleted', position: i + 1, seq: i + 1 },
    };
  });

  const truncated = fc.integer({ min: 1, max: n }).map((count): Case | null => {
    const kept = n - count;
    if (maxCheckpoint(s) <= kept) return null; // no signed head beyond what is left: undetectable
    return {
      entries: s.entries.slice(0, kept),
      checkpoints: s.checkpoints,
      label: `truncated to ${kept}`,
      expected: { kind: 'truncated', position: kept + 1, seq: kept + 1 },
    };
  });

  const inserted = fc
    .tuple(
      contentArb,
      fc.integer({ min: 1, max: n }),
      fc.integer({ min: 0, max: n }),
      fc.constantFrom('linked', 'self-consistent', 'garbage'),
    )
    .map(([content, claimed, q, strength]): Case | null => {
      const prevHash =
        strength === 'linked'
          ? claimed === 1
            ? buildChain(STREAM, [content])[0]!.prevHash
            : at(claimed - 2).hash
          : fakeHash(`forged-prev-${claimed}`);
      const unsigned = { ...content, stream: STREAM, seq: claimed, prevHash };
      const forged = {
        ...unsigned,
        hash: strength === 'garbage' ? fakeHash(`forged-${claimed}`) : entryHash(unsigned),
      };
      // A linked forgery just before the last entry, with no checkpoint on it: which one is genuine is unknowable.
      if (strength === 'linked' && q === claimed - 1 && claimed === n && !hasCheckpointAt(s, n)) return null;
      return {
        entries: insertAt(q, forged),
        checkpoints: s.checkpoints,
        label: `inserted ${strength} seq ${claimed} before #${q + 1}`,
        expected: { kind: 'inserted', position: q + 1, seq: claimed },
      };
    });

  const duplicated = fc.tuple(index, fc.integer({ min: 0, max: n })).map(([i, q]): Case => {
    // Next to its original the copy is indistinguishable from it: the second of the two is named.
    const position = q === i || q === i + 1 ? i + 2 : q + 1;
    return {
      entries: insertAt(q, { ...at(i) }),
      checkpoints: s.checkpoints,
      label: `duplicated #${i + 1} before #${q + 1}`,
      expected: { kind: 'duplicated', position, seq: i + 1 },
    };
  });

  const swapped = fc.tuple(index, index).map(([a, b]): Case | null => {
    if (a === b) return null;
    const [i, j] = a < b ? [a, b] : [b, a];
    const entries = s.entries.map((e, k) => (k === i ? at(j) : k === j ? at(i) : e));
    return {
      entries,
      checkpoints: s.checkpoints,
      label: `swapped #${i + 1} and #${j + 1}`,
      expected: { kind: 'reordered', position: i + 1, seq: j + 1 },
    };
  });

  const moved = fc.tuple(index, fc.integer({ min: 0, max: n - 1 })).map(([from, to]): Case | null => {
    if (from === to) return null;
    const rest = s.entries.filter((_, k) => k !== from);
    const entries = [...rest.slice(0, to), at(from), ...rest.slice(to)];
    const first = Math.min(from, to);
    return {
      entries,
      checkpoints: s.checkpoints,
      label: `moved #${from + 1} to #${to + 1}`,
      expected: { kind: 'reordered', position: first + 1, seq: entries[first]!.seq },
    };
  });

  const rewritten = fc
    .tuple(index, fc.constantFrom<Modifiable>('action', 'outcome', 'details'))
    .map(([i, field]): Case | null => {
      // The whole chain from #i rewritten with every hash recomputed: internally perfect.
      const contents = s.entries.map((e, j) => (j === i ? changed(e, field) : e));
      const entries = buildChain(STREAM, contents);
      const signedAfter = s.checkpoints.map((c) => c.seq).filter((seq) => seq >= i + 1);
      if (signedAfter.length === 0) return null;
      const seq = Math.min(...signedAfter);
      return {
        entries,
        checkpoints: s.checkpoints,
        label: `rewritten from #${i + 1}`,
        expected: { kind: 'checkpoint_mismatch', position: seq, seq },
      };
    });

  const forgedCheckpoint = fc
    .tuple(index, fc.constantFrom('other-key', 'claims-our-key', 'hash-changed', 'other-stream'))
    .map(([i, how]): Case => {
      const entry = at(i);
      let checkpoint: AuditCheckpoint;
      if (how === 'other-key') checkpoint = sign(entry, INTRUDER_KEY);
      else if (how === 'claims-our-key') checkpoint = { ...sign(entry, INTRUDER_KEY), keyId: KEY.keyId };
      else if (how === 'hash-changed') checkpoint = { ...sign(entry), hash: fakeHash('checkpoint') };
      else checkpoint = { ...KEY.sign({ stream: OTHER_STREAM, seq: entry.seq, hash: entry.hash }, SIGNED_AT) };
      return {
        entries: s.entries,
        checkpoints: [...s.checkpoints, checkpoint],
        label: `forged checkpoint (${how}) at ${i + 1}`,
        expected: { kind: 'bad_signature', position: null, seq: entry.seq },
      };
    });

  return fc.oneof(modified, deleted, truncated, inserted, duplicated, swapped, moved, rewritten, forgedCheckpoint);
}

async function verify(scenario: Scenario) {
  return verifyChain(scenario.entries, {
    stream: STREAM,
    checkpoints: scenario.checkpoints,
    publicKeys: KEY.publicKeys(),
  });
}

describe('audit chain verifier', () => {
  it('accepts every intact chain, with its checkpoints', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const report = await verify(scenario);
        expect(report.problem).toBeNull();
        expect(report.ok).toBe(true);
        expect(report.headSeq).toBe(scenario.entries.length);
      }),
      { numRuns: 200 },
    );
  });

  it('detects every single tampering of every kind on random chains, naming the right kind and entry', async () => {
    const seen = new Map<TamperKind, number>();
    await fc.assert(
      fc.asyncProperty(
        scenarioArb.chain((s) => tamperArb(s)),
        async (tampered) => {
          fc.pre(tampered !== null);
          const report = await verify(tampered!);
          expect({
            label: tampered!.label,
            ok: report.ok,
            kind: report.problem?.kind,
            position: report.problem?.position,
            seq: report.problem?.seq,
            explained: report.problem?.explained,
          }).toEqual({
            label: tampered!.label,
            ok: false,
            ...tampered!.expected,
            explained: true,
          });
          seen.set(tampered!.expected.kind, (seen.get(tampered!.expected.kind) ?? 0) + 1);
        },
      ),
      { numRuns: 3000 },
    );
    // Every kind was exercised many times, not just generated in principle.
    for (const kind of [
      'modified',
      'deleted',
      'inserted',
      'reordered',
      'duplicated',
      'truncated',
      'checkpoint_mismatch',
      'bad_signature',
    ] as const) {
      expect(seen.get(kind) ?? 0).toBeGreaterThan(50);
    }
    expect([...seen.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2500);
  });

  it('reports a swap of seq values between two rows (the database form of reordering) as reordered', async () => {
    const entries = buildChain(
      STREAM,
      [1, 2, 3, 4, 5, 6].map((n) => sampleContent(n)),
    );
    // Rows are read in seq order, so rows #2 and #5 trading seq values put #5's content at position 2.
    const stored = [
      entries[0]!,
      { ...entries[4]!, seq: 2 },
      entries[2]!,
      entries[3]!,
      { ...entries[1]!, seq: 5 },
      entries[5]!,
    ];
    const report = await verifyChain(stored, { stream: STREAM });
    expect(report.problem).toMatchObject({
      kind: 'reordered',
      position: 2,
      seq: 5,
      entryId: entries[4]!.id,
      explained: true,
    });
  });

  it('names the first break and says the kind is a guess when several things were changed', async () => {
    const entries = buildChain(
      STREAM,
      [1, 2, 3, 4, 5, 6].map((n) => sampleContent(n)),
    );
    const stored = [
      entries[0]!,
      { ...entries[1]!, action: 'x' },
      entries[2]!,
      { ...entries[3]!, action: 'y' },
      entries[5]!,
    ];
    const report = await verifyChain(stored, { stream: STREAM });
    expect(report.problem).toMatchObject({ kind: 'modified', position: 2, seq: 2, explained: false });
  });

  it('refuses a chain passed off as another stream', async () => {
    const entries = buildChain(OTHER_STREAM, [sampleContent(1), sampleContent(2)]);
    const report = await verifyChain(entries, { stream: STREAM });
    expect(report.problem).toMatchObject({ kind: 'modified', position: 1, seq: 1 });
  });

  it('verifies from a trusted anchor instead of the genesis', async () => {
    const entries = buildChain(
      STREAM,
      [1, 2, 3, 4].map((n) => sampleContent(n)),
    );
    const anchor = { seq: 2, hash: entries[1]!.hash };
    expect((await verifyChain(entries.slice(2), { stream: STREAM, anchor })).ok).toBe(true);
    const report = await verifyChain([entries[3]!], { stream: STREAM, anchor });
    expect(report.problem).toMatchObject({ kind: 'deleted', seq: 3, position: 1 });
  });

  it('accepts batches and reports progress per batch', async () => {
    const entries = buildChain(
      STREAM,
      Array.from({ length: 10 }, (_, n) => sampleContent(n)),
    );
    const progress: number[] = [];
    const report = await verifyChain([entries.slice(0, 4), entries.slice(4)], {
      stream: STREAM,
      onProgress: (count) => progress.push(count),
    });
    expect(report).toMatchObject({ ok: true, entries: 10, headSeq: 10, headHash: entries[9]!.hash });
    expect(progress).toEqual([4, 10]);
  });

  it('treats every checkpoint as unverifiable without a public key', async () => {
    const entries = buildChain(STREAM, [sampleContent(1)]);
    const verifier = new ChainVerifier({ stream: STREAM, checkpoints: [sign(entries[0]!)] });
    entries.forEach((e) => verifier.push(e));
    expect((await verifier.finish()).problem).toMatchObject({ kind: 'bad_signature', seq: 1, position: null });
  });
});

describe('checkpoints that sign their span, checkpoints kept elsewhere, and unsigned waits (issue 13)', () => {
  const entries = buildChain(
    STREAM,
    Array.from({ length: 8 }, (_, n) => sampleContent(n + 1)),
  );
  /** A format-2 checkpoint over entries from…to (seqs, inclusive). */
  const signSpan = (chain: AuditChainEntry[], from: number, to: number, key = KEY) =>
    key.sign({ stream: STREAM, seq: to, hash: chain[to - 1]!.hash }, SIGNED_AT, {
      fromSeq: from,
      hashes: chain.slice(from - 1, to).map((e) => e.hash),
    });
  const checkpoints = [signSpan(entries, 1, 2), signSpan(entries, 3, 5), signSpan(entries, 6, 8)];
  /** Entry `seq` changed, and it and every later hash recomputed (what someone with write access to the table does). */
  function rewrittenFrom(seq: number): AuditChainEntry[] {
    const out = entries.map((e) => ({ ...e }));
    out[seq - 1]!.outcome = 'denied';
    for (let i = seq - 1; i < out.length; i++) {
      if (i > 0) out[i]!.prevHash = out[i - 1]!.hash;
      out[i]!.hash = entryHash(out[i]!);
    }
    return out;
  }
  const run = (chain: AuditChainEntry[], options: Partial<Parameters<typeof verifyChain>[1]> = {}) =>
    verifyChain(chain, { stream: STREAM, checkpoints, publicKeys: KEY.publicKeys(), ...options });

  it('accepts an intact chain with its linked format-2 checkpoints', async () => {
    expect(await run(entries)).toMatchObject({ ok: true, checkpointsVerified: 3, latestCheckpointSeq: 8 });
  });

  it('names the first changed entry of a rewrite, not the next checkpoint', async () => {
    const rewritten = rewrittenFrom(4);
    expect((await run(rewritten)).problem).toMatchObject({
      kind: 'modified',
      seq: 4,
      position: 4,
      entryId: entries[3]!.id,
      explained: true,
    });
    // With format-1 checkpoints only the signed head is known: the rewrite shows at the checkpoint.
    const heads = [sign(entries[1]!), sign(entries[7]!)];
    expect((await run(rewritten, { checkpoints: heads })).problem).toMatchObject({
      kind: 'checkpoint_mismatch',
      seq: 8,
    });
  });

  it(
    'fails when a checkpoint was deleted: the next one still names it, and the entries after the last survivor ' +
      'are named',
    async () => {
      const report = await run(entries, { checkpoints: [checkpoints[0]!, checkpoints[2]!] });
      expect(report.problem).toMatchObject({
        kind: 'checkpoint_missing',
        seq: 3,
        position: 3,
        entryId: entries[2]!.id,
      });
      expect(report.problem!.message).toContain('the checkpoint at seq 5 is gone');
    },
  );

  it(
    'fails on entries that waited more than two intervals for a signature (the rewrite took its checkpoints with ' +
      'it)',
    async () => {
      const rewritten = rewrittenFrom(3);
      const survivors = [checkpoints[0]!];
      // Without freshness, a rewrite whose checkpoints were all deleted looks like an unsigned tail.
      expect((await run(rewritten, { checkpoints: survivors })).ok).toBe(true);
      const lastEntryAt = entries[7]!.occurredAtMs;
      const freshness = { nowMs: lastEntryAt + 61_000, maxUnsignedMs: 60_000 };
      expect((await run(rewritten, { checkpoints: survivors, freshness })).problem).toMatchObject({
        kind: 'unsigned',
        seq: 3,
        position: 3,
        entryId: entries[2]!.id,
      });
      // Fresh enough: the tail is simply not signed yet.
      expect(
        (
          await run(rewritten, {
            checkpoints: survivors,
            freshness: { nowMs: entries[2]!.occurredAtMs + 30_000, maxUnsignedMs: 60_000 },
          })
        ).ok,
      ).toBe(true);
    },
  );

  it('fails a head older than a checkpoint kept elsewhere, though the database lost that checkpoint too', async () => {
    const truncated = entries.slice(0, 5);
    expect((await run(truncated, { checkpoints: checkpoints.slice(0, 2) })).ok).toBe(true);
    const witnessed = { ...checkpoints[2]!, spanHashes: undefined };
    expect((await run(truncated, { checkpoints: [...checkpoints.slice(0, 2), witnessed] })).problem).toMatchObject({
      kind: 'truncated',
      seq: 6,
      position: 6,
    });
  });

  it('requires a bundle’s last entry to be signed when asked to', async () => {
    const report = await run(entries, { checkpoints: checkpoints.slice(0, 2), signedHeadRequired: true });
    expect(report.problem).toMatchObject({ kind: 'unsigned', seq: 6, position: 6, entryId: entries[5]!.id });
  });

  it('finds a chain rewritten and re-signed with the genuine key against the hashes of a previous bundle', async () => {
    const rewritten = rewrittenFrom(6);
    const resigned = [signSpan(rewritten, 1, 2), signSpan(rewritten, 3, 5), signSpan(rewritten, 6, 8)];
    expect((await run(rewritten, { checkpoints: resigned })).ok).toBe(true);
    const pinned = entries.slice(0, 7).map((e) => ({ seq: e.seq, hash: e.hash }));
    expect((await run(rewritten, { checkpoints: resigned, pinned })).problem).toMatchObject({
      kind: 'modified',
      seq: 6,
      position: 6,
      entryId: entries[5]!.id,
    });
    expect((await run(entries.slice(0, 5), { checkpoints: resigned.slice(0, 2), pinned })).problem).toMatchObject({
      kind: 'truncated',
      seq: 6,
    });
  });

  it('refuses a checkpoint whose span does not match what it signed', async () => {
    const altered = { ...checkpoints[1]!, spanHashes: [...checkpoints[1]!.spanHashes!].reverse() };
    expect((await run(entries, { checkpoints: [checkpoints[0]!, altered, checkpoints[2]!] })).problem).toMatchObject({
      kind: 'bad_signature',
      seq: 5,
    });
    const short = { ...checkpoints[1]!, fromSeq: 4 };
    expect((await run(entries, { checkpoints: [checkpoints[0]!, short, checkpoints[2]!] })).problem).toMatchObject({
      kind: 'bad_signature',
      seq: 5,
    });
  });
});
