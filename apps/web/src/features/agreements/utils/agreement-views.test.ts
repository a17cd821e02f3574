import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema';
import {
  agreementState,
  approvalsBySide,
  awaitsApprovalFrom,
  defaultComparison,
  kindOf,
  problemsAt,
  problemsOf,
  unplacedProblems,
  versionInForce,
} from './agreement-views';

type Version = components['schemas']['AgreementVersionDto'];
type Status = Version['status'];

const POLICE = '00000000-0000-4000-8000-000000000001';
const PARTNER = '00000000-0000-4000-8000-000000000002';

function version(n: number, status: Status, approvals: string[] = []): Version {
  return {
    id: `v${n}`,
    version: n,
    status,
    direction: 'one_way',
    sharingParameters: { flows: [] },
    boardMemberIds: [],
    effectiveUntil: null,
    proposedAt: null,
    activatedAt: null,
    endedAt: null,
    endReason: null,
    approvals: approvals.map((orgId) => ({ orgId, approvedAt: '2026-12-01T10:00:00.000Z' })),
  };
}

function agreement(versions: Version[], terminatedAt: string | null = null) {
  return {
    id: 'a',
    title: 'Shooting alerts',
    policeOrgId: POLICE,
    policeOrgName: 'Eastside Police Department',
    partnerOrgId: PARTNER,
    partnerOrgName: 'Safe Streets Outreach',
    terminatedAt,
    auditKey: { keyId: 'k', fingerprint: 'f' },
    versions,
  };
}

describe('agreementState', () => {
  it('is draft, proposed, in force, suspended or terminated as its versions say', () => {
    expect(agreementState(agreement([version(1, 'draft')]))).toBe('draft');
    expect(agreementState(agreement([version(1, 'proposed', [POLICE])]))).toBe('proposed');
    expect(agreementState(agreement([version(1, 'active'), version(2, 'proposed')]))).toBe('in_force');
    expect(agreementState(agreement([version(1, 'suspended')]))).toBe('suspended');
    expect(agreementState(agreement([version(1, 'expired')]))).toBe('expired');
    expect(agreementState(agreement([version(1, 'terminated')], '2026-12-02T00:00:00Z'))).toBe('terminated');
  });

  it('finds the version in force while an amendment is open', () => {
    expect(
      versionInForce(agreement([version(1, 'superseded'), version(2, 'active'), version(3, 'draft')]))?.version,
    ).toBe(2);
  });
});

describe('approvals', () => {
  it('tells each side’s approval apart, and whether the caller’s side still has to approve', () => {
    const proposed = version(2, 'proposed', [PARTNER]);
    expect(approvalsBySide(agreement([proposed]), proposed)).toEqual([
      { side: 'police', orgId: POLICE, approvedAt: null },
      { side: 'partner', orgId: PARTNER, approvedAt: '2026-12-01T10:00:00.000Z' },
    ]);
    expect(awaitsApprovalFrom(proposed, POLICE)).toBe(true);
    expect(awaitsApprovalFrom(proposed, PARTNER)).toBe(false);
    expect(awaitsApprovalFrom(version(2, 'draft'), POLICE)).toBe(false);
  });
});

describe('defaultComparison', () => {
  it('compares the version in force with the newest, else the last two, else nothing', () => {
    expect(defaultComparison(agreement([version(1, 'active'), version(2, 'proposed')]))).toEqual({ from: 1, to: 2 });
    expect(defaultComparison(agreement([version(1, 'superseded'), version(2, 'active')]))).toEqual({ from: 1, to: 2 });
    expect(defaultComparison(agreement([version(1, 'draft')]))).toBeNull();
  });
});

describe('problems', () => {
  const error = {
    details: {
      problems: [
        { path: 'flows[0].retentionDays', reason: 'must be >= 1' },
        { path: 'flows[0].fields.name', reason: '"name" identifies a person; incident_notification flows are…' },
        { path: '(root)', reason: 'must be object' },
        { path: 'flows[3].id', reason: 'duplicates the id of flows[0]' },
      ],
    },
  };

  it('reads the paths of a 422 and of a 400, and places each at its control or above the form', () => {
    const problems = problemsOf(error);
    expect(problemsAt(problems, 'flows[0].retentionDays')).toHaveLength(1);
    expect(problemsAt(problems, 'flows[0].fields', true).map((p) => p.path)).toEqual(['flows[0].fields.name']);
    expect(unplacedProblems(problems, 2).map((p) => p.path)).toEqual(['(root)', 'flows[3].id']);
    expect(
      problemsOf({ details: { fields: [{ path: 'boardMemberIds', problems: ['each must be a UUID'] }] } }),
    ).toEqual([{ path: 'boardMemberIds', reason: 'each must be a UUID' }]);
    expect(problemsOf(new Error('x'))).toEqual([]);
  });

  it('turns the API’s English reasons into kinds the page words in either language', () => {
    expect(kindOf('must be >= 1')).toEqual({ kind: 'atLeast', limit: 1 });
    expect(kindOf('must be <= 720')).toEqual({ kind: 'atMost', limit: 720 });
    expect(kindOf('is required')).toEqual({ kind: 'required' });
    expect(kindOf('"name" identifies a person; x')).toEqual({ kind: 'personField' });
    expect(kindOf('must NOT have fewer than 1 items')).toEqual({ kind: 'tooFew' });
    expect(kindOf('a referral flow must release at least a name or a contact, or …')).toEqual({
      kind: 'referralNeedsContact',
    });
    expect(kindOf('something new')).toEqual({ kind: 'invalid' });
  });
});
