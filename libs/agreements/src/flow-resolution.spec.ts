import type { AgreementGrant, Flow } from '@accord/policy';
import { matchFlows } from './flow-resolution';

const POLICE = 'police-org';
const PARTNER = 'partner-org';

function flow(id: string, category: Flow['category'], from: Flow['from']): Flow {
  return {
    id,
    category,
    from,
    to: from === 'police' ? 'partner' : 'police',
    audience: [],
    fields: {},
    retentionDays: 30,
  };
}

const agreement: AgreementGrant = {
  agreementId: 'agreement-1',
  version: 3,
  policeOrgId: POLICE,
  partnerOrgId: PARTNER,
  flows: [
    flow('alerts-a', 'incident_notification', 'police'),
    flow('alerts-b', 'incident_notification', 'police'),
    flow('status', 'referral_status', 'partner'),
  ],
};

describe('matchFlows', () => {
  it('denies with AGREEMENT_NOT_IN_FORCE when there is no version in force', () => {
    expect(matchFlows(null, POLICE, { category: 'incident_notification', from: 'police' })).toEqual({
      ok: false,
      reason: 'AGREEMENT_NOT_IN_FORCE',
      agreement: null,
    });
  });

  it('denies with NOT_A_PARTY when the caller is not the sending side', () => {
    const resolution = matchFlows(agreement, PARTNER, { category: 'incident_notification', from: 'police' });
    expect(resolution).toEqual({ ok: false, reason: 'NOT_A_PARTY', agreement });
  });

  it('denies with NOT_A_PARTY when the caller is no party at all', () => {
    const resolution = matchFlows(agreement, 'someone-else', { category: 'referral_status', from: 'partner' });
    expect(resolution.ok).toBe(false);
    expect(!resolution.ok && resolution.reason).toBe('NOT_A_PARTY');
  });

  it('denies with NO_FLOW and names the version in force when no flow has that category and direction', () => {
    const resolution = matchFlows(agreement, PARTNER, { category: 'community_concern', from: 'partner' });
    expect(resolution).toEqual({ ok: false, reason: 'NO_FLOW', agreement });
  });

  it('does not match a flow of the right category going the other way', () => {
    const resolution = matchFlows(agreement, POLICE, { category: 'referral_status', from: 'police' });
    expect(!resolution.ok && resolution.reason).toBe('NO_FLOW');
  });

  it('returns every matching flow, the sender, the recipient and the caller’s partner', () => {
    const resolution = matchFlows(agreement, POLICE, { category: 'incident_notification', from: 'police' });
    expect(resolution.ok).toBe(true);
    if (!resolution.ok) return;
    expect(resolution.flows.map((f) => f.id)).toEqual(['alerts-a', 'alerts-b']);
    expect(resolution.senderOrgId).toBe(POLICE);
    expect(resolution.recipientOrgId).toBe(PARTNER);
    expect(resolution.partnerOrgId).toBe(PARTNER);
    expect(resolution.agreement.version).toBe(3);
  });

  it('resolves for the receiving side when the caller asks as recipient', () => {
    const resolution = matchFlows(agreement, PARTNER, {
      category: 'incident_notification',
      from: 'police',
      caller: 'recipient',
    });
    expect(resolution.ok && resolution.partnerOrgId).toBe(POLICE);
    expect(
      matchFlows(agreement, POLICE, { category: 'incident_notification', from: 'police', caller: 'recipient' }).ok,
    ).toBe(false);
  });
});
