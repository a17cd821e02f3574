import { OrgKind } from '@accord/policy';
import { approvalOutcome, isValidPair } from './approval';

const police = { orgId: 'police', userId: 'police-admin' };
const partner = { orgId: 'partner', userId: 'partner-admin' };
const parties = ['police', 'partner'];

describe('agreement parties and dual approval', () => {
  it('joins one police organization and one partner organization, whichever side proposes', () => {
    expect(isValidPair(OrgKind.Police, OrgKind.Community)).toBe(true);
    expect(isValidPair(OrgKind.Hospital, OrgKind.Police)).toBe(true);
    expect(isValidPair(OrgKind.City, OrgKind.Police)).toBe(true);
    expect(isValidPair(OrgKind.Police, OrgKind.Police)).toBe(false);
    expect(isValidPair(OrgKind.Community, OrgKind.Hospital)).toBe(false);
    expect(isValidPair(OrgKind.Platform, OrgKind.Police)).toBe(false);
  });

  it('does not activate on the first approval (the proposer counts for their own side only)', () => {
    expect(approvalOutcome(parties, [], police)).toEqual({ refused: null, activates: false });
  });

  it('activates with the approval that completes both sides', () => {
    expect(approvalOutcome(parties, [police], partner)).toEqual({ refused: null, activates: true });
  });

  it('refuses a second approval from the same organization, even by another admin', () => {
    expect(approvalOutcome(parties, [police], { orgId: 'police', userId: 'other-police-admin' })).toEqual({
      refused: 'organization_already_approved',
    });
  });

  it('refuses the same person approving twice', () => {
    expect(approvalOutcome(parties, [police], { orgId: 'partner', userId: 'police-admin' })).toEqual({
      refused: 'person_already_approved',
    });
  });
});
