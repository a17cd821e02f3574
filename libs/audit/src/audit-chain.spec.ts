import { createHash } from 'node:crypto';
import { canonicalEntry, canonicalTail, entryHash, genesisHash, type AuditChainEntry } from './audit-chain';
import { buildChain, sampleContent } from './audit-chain.factory';

const unhashed = (overrides: Partial<AuditChainEntry> = {}): Omit<AuditChainEntry, 'hash'> => ({
  ...sampleContent(1),
  stream: 'system',
  seq: 1,
  prevHash: genesisHash('system'),
  ...overrides,
});

describe('audit chain format', () => {
  it('hashes a fixed-order JSON array of every field, with the format tag first', () => {
    const entry = unhashed({ details: { b: 1, a: 'x' } });
    const text = canonicalEntry(entry);
    expect(JSON.parse(text)).toEqual([
      'accord-audit/v1',
      'system',
      1,
      entry.prevHash,
      entry.id,
      entry.occurredAtMs,
      entry.actorUserId,
      entry.actorOrgId,
      entry.actorRoles,
      entry.action,
      entry.subjectType,
      entry.subjectId,
      null,
      null,
      'allowed',
      null,
      entry.fieldsReleased,
      entry.fieldsWithheld,
      entry.requestId,
      entry.sourceIp,
      [
        ['a', 'x'],
        ['b', 1],
      ],
    ]);
    expect(entryHash(entry)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it(
    'gives the database exactly the text after the prev hash ' + '(audit_append prepends stream, seq and prev hash)',
    () => {
      const entry = unhashed({
        stream: 'agreement:7f1d2c3b-0a4e-4b5c-8d6e-9f0a1b2c3d4e',
        seq: 42,
        reason: 'é "q" \\ \u0001',
        details: { z: null, a: true },
      });
      const prefix =
        `["accord-audit/v1",` + `${JSON.stringify(entry.stream)},${entry.seq},${JSON.stringify(entry.prevHash)}`;
      expect(prefix + canonicalTail(entry)).toBe(canonicalEntry(entry));
    },
  );

  it('orders details by key, so the order they were written in does not matter', () => {
    expect(entryHash(unhashed({ details: { a: 1, b: 2 } }))).toBe(entryHash(unhashed({ details: { b: 2, a: 1 } })));
  });

  it('tells apart values that a looser serialization would confuse', () => {
    const variants = [
      unhashed({ details: null }),
      unhashed({ details: {} }),
      unhashed({ subjectId: null }),
      unhashed({ subjectId: 'null' }),
      unhashed({ subjectId: '' }),
      unhashed({ actorRoles: ['a,b'] }),
      unhashed({ actorRoles: ['a', 'b'] }),
      unhashed({ fieldsReleased: [], fieldsWithheld: ['x'] }),
      unhashed({ fieldsReleased: ['x'], fieldsWithheld: [] }),
      unhashed({ details: { n: 1 } }),
      unhashed({ details: { n: '1' } }),
    ];
    expect(new Set(variants.map(entryHash)).size).toBe(variants.length);
  });

  it('covers stream, seq and prev hash, so an entry cannot be moved or re-linked', () => {
    const base = entryHash(unhashed());
    expect(entryHash(unhashed({ stream: 'agreement:7f1d2c3b-0a4e-4b5c-8d6e-9f0a1b2c3d4e' }))).not.toBe(base);
    expect(entryHash(unhashed({ seq: 2 }))).not.toBe(base);
    expect(entryHash(unhashed({ prevHash: '0'.repeat(64) }))).not.toBe(base);
  });

  it('starts every stream from its own genesis hash', () => {
    expect(genesisHash('system')).toBe(
      createHash('sha256').update('["accord-audit-genesis/v1","system"]').digest('hex'),
    );
    expect(genesisHash('system')).not.toBe(genesisHash('agreement:7f1d2c3b-0a4e-4b5c-8d6e-9f0a1b2c3d4e'));
  });

  it('builds chains that link each entry to the previous hash (test factory)', () => {
    const chain = buildChain('system', [sampleContent(1), sampleContent(2), sampleContent(3)]);
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(chain[0]!.prevHash).toBe(genesisHash('system'));
    expect(chain[2]!.prevHash).toBe(chain[1]!.hash);
    for (const e of chain) expect(entryHash(e)).toBe(e.hash);
  });
});
