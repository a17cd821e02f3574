import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importPublicKey, parseAuditBundle, verifyBundleInBrowser } from './bundle-verifier';

/*
 * The browser adapter against the CLI's: both run the one bundle verification
 * (libs/audit/src/bundle-verification.ts), the page with WebCrypto (key import, base64, SHA-256, Ed25519)
 * and chunks that yield to the page, the CLI with Node's crypto. libs/audit (what
 * `npm run audit:verify -- --bundle` runs) builds, signs and verifies the bundles; the browser adapter must
 * give the very same report for each — intact, and tampered in every way the CLI's own tests tamper — and
 * refuse the same malformed files. The CLI's side is loaded by path (the API's code, outside the web app's
 * type-checked sources; only the neutral module is imported, by `@accord/audit-verification`).
 */
const lib = (file: string) =>
  import(/* @vite-ignore */ new URL(`../../../../../../libs/audit/src/${file}`, import.meta.url).href);

/* eslint-disable @typescript-eslint/no-explicit-any -- the API's library, loaded by path, is untyped here */
const chainLib: any = await lib('audit-chain.factory.ts');
const sealing: any = await lib('audit-sealing.ts');
const signing: any = await lib('audit-signing-key.ts');
const bundles: any = await lib('audit-bundle.ts');
/* eslint-enable @typescript-eslint/no-explicit-any */

const STREAM = 'agreement:7f1d2c3b-0a4e-4b5c-8d6e-9f0a1b2c3d4e';
const POLICE = '20000000-0000-4000-8000-000000000001';
const PARTNER = '20000000-0000-4000-8000-000000000002';
const KEY = signing.AuditSigningKey.generate();
const INTRUDER = signing.AuditSigningKey.generate();
const SIGNED_AT = 1_795_000_100_000;
const CHECKPOINTS_AFTER = [4, 8, 13];

type Json = Record<string, unknown> & {
  entries: Array<Record<string, unknown>>;
  checkpoints: Array<Record<string, unknown>>;
};

/** Entries of both parties: format-1 ones (one private to the police board: withheld), then format 2. */
function contents(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const own = i % 3 !== 1;
    const base = chainLib.sampleContent(i + 1, {
      actorOrgId: own ? POLICE : PARTNER,
      actorRoles: own ? ['police_liaison'] : ['outreach_worker'],
      action: own ? 'disclosure.create' : 'disclosure.acknowledge',
      details: own ? { category: 'incident_notification' } : { slaMet: i % 2 === 0, secondsToAcknowledge: 600 + i },
    });
    return i < 3 ? base : { ...base, format: 2, commitKey: randomBytes(32).toString('hex') };
  });
}

const audience = {
  orgId: POLICE,
  releasedDetails: (entry: { action: string }) => (entry.action === 'disclosure.acknowledge' ? ['slaMet'] : []),
};

/** A bundle as the API exports it for the police board, with format-2 checkpoints after 4, 8 and 13. */
function makeBundle(n = 13, key = KEY): Json {
  const chain = chainLib.buildChain(STREAM, contents(n));
  const checkpoints = [];
  let from = 1;
  for (const at of CHECKPOINTS_AFTER.filter((seq) => seq <= n)) {
    const hashes = chain.slice(from - 1, at).map((e: { hash: string }) => e.hash);
    checkpoints.push(key.sign(chain[at - 1], SIGNED_AT + at, { fromSeq: from, hashes }));
    from = at + 1;
  }
  return JSON.parse(
    JSON.stringify({
      format: 'accord-audit-bundle/v2',
      stream: STREAM,
      exportedAt: new Date(SIGNED_AT).toISOString(),
      audience: { orgId: POLICE },
      publicKeys: [{ keyId: key.keyId, pem: key.publicKeyPem() }],
      checkpoints,
      entries: chain.map((entry: unknown) => sealing.sealEntry(entry, sealing.revealRuleFor(audience, entry))),
    }),
  ) as Json;
}

const trustedPem: string = KEY.publicKeyPem();

async function cli(text: string, previous?: string, pem = trustedPem) {
  try {
    const keys = signing.publicKeySet([signing.parseVerificationKey(pem)]);
    const prev = previous === undefined ? undefined : bundles.parseAuditBundle(previous);
    return await bundles.verifyAuditBundle(bundles.parseAuditBundle(text), keys, { previous: prev });
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function browser(text: string, previous?: string, pem = trustedPem) {
  try {
    const key = await importPublicKey(pem);
    const prev = previous === undefined ? undefined : parseAuditBundle(previous);
    return await verifyBundleInBrowser(parseAuditBundle(text), { trustedKeys: [key], previous: prev, chunkSize: 3 });
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function expectSameVerdict(bundle: Json | string, previous?: Json, pem?: string) {
  const text = typeof bundle === 'string' ? bundle : JSON.stringify(bundle);
  const prev = previous === undefined ? undefined : JSON.stringify(previous);
  const expected = await cli(text, prev, pem);
  expect(await browser(text, prev, pem)).toEqual(expected);
  return expected as { report?: { ok: boolean; problem: { kind: string; seq: number } | null }; error?: string };
}

/** Recomputes an entry's hash (as whoever rewrote it would), with libs/audit's own hashing. */
function rehash(entry: Record<string, unknown>): void {
  entry.hash = sealing.verifiableHash(entry);
}

describe('the browser adapter (WebCrypto) gives the CLI’s verdict (Node’s crypto)', () => {
  it('on an intact bundle (format-1 whole and withheld entries, sealed format-2 entries)', async () => {
    const bundle = makeBundle();
    expect(bundle.entries.some((e) => e.withheld === true)).toBe(true);
    expect(bundle.entries.some((e) => e.format === 2)).toBe(true);
    const verdict = await expectSameVerdict(bundle);
    expect(verdict.report?.ok).toBe(true);
  });

  const tamperings: Array<[string, (b: Json) => void, string]> = [
    ['an outcome changed', (b) => (b.entries[5]!.outcome = 'denied'), 'modified'],
    [
      'a revealed detail changed',
      (b) => {
        const entry = b.entries.find((e) => e.action === 'disclosure.acknowledge' && e.format === 2)!;
        const slaMet = (entry.details as Record<string, { value: unknown }>).slaMet!;
        slaMet.value = !slaMet.value;
      },
      'modified',
    ],
    [
      'a commitment changed',
      (b) => {
        const entry = b.entries[7]!;
        entry.actorUserId = { commitment: 'f'.repeat(64) };
      },
      'modified',
    ],
    [
      'an entry changed, its hash recomputed',
      (b) => {
        b.entries[5]!.outcome = 'denied';
        rehash(b.entries[5]!);
      },
      'modified',
    ],
    [
      'a rewrite from an entry on, every later hash recomputed',
      (b) => {
        b.entries[5]!.outcome = 'denied';
        for (let i = 5; i < b.entries.length; i++) {
          if (i > 5) b.entries[i]!.prevHash = b.entries[i - 1]!.hash;
          rehash(b.entries[i]!);
        }
      },
      'modified',
    ],
    ['an entry deleted', (b) => b.entries.splice(5, 1), 'deleted'],
    ['two entries swapped', (b) => ([b.entries[4], b.entries[6]] = [b.entries[6]!, b.entries[4]!]), 'reordered'],
    ['an entry duplicated', (b) => b.entries.splice(6, 0, { ...b.entries[4]! }), 'duplicated'],
    ['the tail cut, its checkpoint kept', (b) => b.entries.splice(11), 'truncated'],
    ['the last checkpoint deleted', (b) => b.checkpoints.pop(), 'unsigned'],
    ['a middle checkpoint deleted', (b) => b.checkpoints.splice(1, 1), 'checkpoint_missing'],
    [
      'a signature changed',
      (b) => {
        const sig = b.checkpoints[2]!.signature as string;
        b.checkpoints[2]!.signature = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
      },
      'bad_signature',
    ],
    ['a span hash changed', (b) => ((b.checkpoints[1]!.spanHashes as string[])[0] = 'a'.repeat(64)), 'bad_signature'],
    [
      'a withheld entry’s hash changed',
      (b) => (b.entries.find((e) => e.withheld === true)!.hash = 'b'.repeat(64)),
      'modified',
    ],
    ['an entry of another stream', (b) => (b.entries[3]!.stream = 'system'), 'modified'],
    [
      'seq values traded between two entries',
      (b) => ([b.entries[4]!.seq, b.entries[6]!.seq] = [b.entries[6]!.seq, b.entries[4]!.seq]),
      'modified',
    ],
  ];

  it.each(tamperings)('tampered: %s', async (_label, tamper, kind) => {
    const bundle = makeBundle();
    tamper(bundle);
    const verdict = await expectSameVerdict(bundle);
    expect(verdict.report?.ok).toBe(false);
    expect(verdict.report?.problem?.kind).toBe(kind);
  });

  it('against another key than the partnership’s: every checkpoint refused', async () => {
    const verdict = await expectSameVerdict(makeBundle(13, INTRUDER));
    expect(verdict.report?.problem?.kind).toBe('bad_signature');
  });

  it('with the previous bundle: extended when append-only, modified at the first rewritten entry', async () => {
    const old = makeBundle(8);
    const now = makeBundle(13);
    // makeBundle draws new commit keys: make the new chain start with the old one's entries.
    now.entries.splice(0, 8, ...old.entries);
    const verdict = (await expectSameVerdict(now, old)) as { report?: { ok: boolean }; previous?: unknown };
    expect(verdict.report?.ok).toBe(false);
    const same = makeBundle(13);
    const kept = JSON.parse(JSON.stringify(same)) as Json;
    kept.entries.splice(8);
    kept.checkpoints.splice(2);
    const extended = (await expectSameVerdict(same, kept)) as { previous?: { extended: boolean } };
    expect(extended.previous?.extended).toBe(true);
  });

  it('refuses the same malformed files with the same message', async () => {
    for (const text of ['not json', '{"format":"other"}', JSON.stringify({ ...makeBundle(), entries: [1] })]) {
      const verdict = await expectSameVerdict(text);
      expect(verdict.error).toMatch(/^Not a valid audit bundle/);
    }
  });

  it('agrees on 120 bundles each with one random character changed', async () => {
    const text = JSON.stringify(makeBundle());
    let seed = 16;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const alphabet = '0123456789abcdef"x:,{}[]-';
    let tampered = 0;
    for (let run = 0; run < 120; run++) {
      const at = next() % text.length;
      const char = alphabet[next() % alphabet.length]!;
      if (text[at] === char) continue;
      const changed = text.slice(0, at) + char + text.slice(at + 1);
      const verdict = await expectSameVerdict(changed);
      if (verdict.report?.ok === false || verdict.error !== undefined) tampered++;
    }
    expect(tampered).toBeGreaterThan(60);
  });
});
