import { createHash } from 'node:crypto';
import { entryHash, genesisHash, type AuditChainEntry, type AuditEntryContent } from './audit-chain';

/**
 * Builds valid chains in memory for tests and the benchmark (the same rules as the database
 * append: seq from 1, each entry linking to the previous hash).
 */
export function buildChain(
  stream: string,
  contents: readonly AuditEntryContent[],
  start: { seq: number; hash: string } | null = null,
): AuditChainEntry[] {
  const entries: AuditChainEntry[] = [];
  let prevHash = start?.hash ?? genesisHash(stream);
  let seq = start?.seq ?? 0;
  for (const content of contents) {
    seq += 1;
    const unsigned = { ...content, stream, seq, prevHash };
    const entry = { ...unsigned, hash: entryHash(unsigned) };
    entries.push(entry);
    prevHash = entry.hash;
  }
  return entries;
}

/** A deterministic hex string that is nobody's hash. */
export function fakeHash(label: string): string {
  return createHash('sha256').update(`not-an-entry:${label}`).digest('hex');
}

/** A plain, valid entry content; `n` makes ids and times distinct. */
export function sampleContent(n: number, overrides: Partial<AuditEntryContent> = {}): AuditEntryContent {
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `00000000-0000-4000-8000-${hex}`,
    occurredAtMs: 1_795_000_000_000 + n,
    actorUserId: `10000000-0000-4000-8000-${hex}`,
    actorOrgId: '20000000-0000-4000-8000-000000000001',
    actorRoles: ['liaison'],
    action: 'disclosure.read',
    subjectType: 'disclosure',
    subjectId: `d-${n}`,
    agreementId: null,
    agreementVersion: null,
    outcome: 'allowed',
    reason: null,
    fieldsReleased: ['incident_type', 'time'],
    fieldsWithheld: ['narrative'],
    requestId: `req-${n}`,
    sourceIp: '203.0.113.7',
    details: { count: n, code: 'ok' },
    ...overrides,
  };
}
