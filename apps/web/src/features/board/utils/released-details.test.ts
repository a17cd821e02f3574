import { describe, expect, it } from 'vitest';
import type { AuditBundle, BundleEntry } from './bundle-verifier';
import { releasedDetailsBySeq } from './released-details';

const common = {
  id: 'e',
  stream: 's',
  prevHash: 'p',
  hash: 'h',
  occurredAtMs: 0,
  actorOrgId: null,
  actorRoles: [],
  action: 'disclosure.acknowledge',
  subjectType: 'Disclosure',
  subjectId: null,
  agreementId: null,
  agreementVersion: 1,
  outcome: 'success',
  reason: null,
  fieldsReleased: [],
  fieldsWithheld: [],
};
const H = 'a'.repeat(64);

describe('the details a verified bundle lets the board read', () => {
  it('takes values with their salts and whole format-1 details, never a commitment or a withheld entry', () => {
    const entries: BundleEntry[] = [
      {
        ...common,
        seq: 1,
        format: 2,
        actorUserId: { commitment: H },
        requestId: null,
        sourceIp: null,
        details: { slaMet: { value: true, salt: H }, assignment: { commitment: H } },
      },
      { ...common, seq: 2, actorUserId: null, requestId: null, sourceIp: null, details: { category: 'x' } },
      { format: 1, withheld: true, id: 'w', stream: 's', seq: 3, prevHash: 'p', hash: 'h' },
    ];
    const bundle = { entries } as AuditBundle;
    const details = releasedDetailsBySeq(bundle);
    expect(details.get(1)).toEqual({ slaMet: true });
    expect(details.get(2)).toEqual({ category: 'x' });
    expect(details.has(3)).toBe(false);
  });
});
