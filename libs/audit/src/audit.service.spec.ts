import { SYSTEM_STREAM, type AuditEntryInput } from './audit-entry.input';
import { prepareAuditEntry } from './audit.service';

const ID = '00000000-0000-4000-8000-000000000001';
const base: AuditEntryInput = {
  stream: SYSTEM_STREAM,
  actor: {},
  action: 'auth.login',
  subjectType: 'user',
  outcome: 'failure',
};
const KEY = 'ab'.repeat(32);
const prepare = (overrides: Partial<AuditEntryInput>) =>
  prepareAuditEntry({ ...base, ...overrides }, ID, 1_795_000_000_000, KEY);

describe('prepareAuditEntry (what record() stores and hashes)', () => {
  it('fills absent values with null or empty lists', () => {
    expect(prepare({})).toEqual({
      stream: 'system',
      id: ID,
      occurredAtMs: 1_795_000_000_000,
      actorUserId: null,
      actorOrgId: null,
      actorRoles: [],
      action: 'auth.login',
      subjectType: 'user',
      subjectId: null,
      agreementId: null,
      agreementVersion: null,
      outcome: 'failure',
      reason: null,
      fieldsReleased: [],
      fieldsWithheld: [],
      requestId: null,
      sourceIp: null,
      details: null,
      format: 2,
      commitKey: KEY,
    });
  });

  it('writes format 2 with a fresh 256-bit commit key per entry (its private fields are hashed as commitments)', () => {
    const a = prepareAuditEntry(base, ID, 1);
    const b = prepareAuditEntry(base, ID, 1);
    expect(a.format).toBe(2);
    expect(a.commitKey).toMatch(/^[0-9a-f]{64}$/);
    expect(a.commitKey).not.toBe(b.commitKey);
  });

  it('lower-cases UUIDs, as PostgreSQL will return them', () => {
    expect(prepare({ actor: { userId: 'ABCDEF00-0000-4000-8000-000000000001' } }).actorUserId).toBe(
      'abcdef00-0000-4000-8000-000000000001',
    );
  });

  it('escapes control characters in every string field, list and detail (keys too)', () => {
    const entry = prepare({
      action: 'a\nb',
      reason: 'r\r',
      requestId: '\u0000',
      sourceIp: '\u001b',
      subjectId: 's\t',
      actor: { roles: ['x\n'] },
      fieldsReleased: ['f\n'],
      details: { 'k\n': 'v\n' },
    });
    expect([
      entry.action,
      entry.reason,
      entry.requestId,
      entry.sourceIp,
      entry.subjectId,
      entry.actorRoles[0],
      entry.fieldsReleased[0],
    ]).toEqual(['a\\u000ab', 'r\\u000d', '\\u0000', '\\u001b', 's\\u0009', 'x\\u000a', 'f\\u000a']);
    expect(entry.details).toEqual({ 'k\\u000a': 'v\\u000a' });
  });

  it('keeps a "__proto__" detail key as a plain key', () => {
    const details = JSON.parse('{"__proto__": 1, "n": 2}') as Record<string, number>;
    expect(Object.keys(prepare({ details }).details!)).toEqual(['__proto__', 'n']);
  });

  it('stores empty details as null', () => {
    expect(prepare({ details: {} }).details).toBeNull();
  });

  it.each([
    [
      { stream: 'agreement:nope' as AuditEntryInput['stream'] },
      "stream must be 'system' or 'agreement:<lower-case uuid>'",
    ],
    [{ outcome: 'maybe' as AuditEntryInput['outcome'] }, 'outcome must be one of success, failure, allowed, denied'],
    [{ actor: { orgId: 'org-1' } }, 'actor.orgId must be a UUID'],
    [{ agreementId: '{7f1d2c3b-0a4e-4b5c-8d6e-9f0a1b2c3d4e}' }, 'agreementId must be a UUID'],
    [{ agreementVersion: 1.5 }, 'agreementVersion must be a non-negative integer'],
    [{ action: '' }, 'action must be a non-empty string'],
    [{ fieldsWithheld: ['ok', 3 as unknown as string] }, 'fieldsWithheld must be a list of strings'],
    [{ details: { n: Number.NaN } }, 'details.n must be a string, a finite number, a boolean or null'],
    [
      { details: { nested: { a: 1 } as unknown as string } },
      'details.nested must be a string, a finite number, a boolean or null',
    ],
  ])('refuses a malformed input with a clear message: %j', (overrides, message) => {
    expect(() => prepare(overrides)).toThrow(`Audit entry refused: ${message}`);
  });

  it('never echoes the refused value', () => {
    expect(() => prepare({ actor: { userId: 'jane.doe@example.org' } })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('jane') }),
    );
  });
});
