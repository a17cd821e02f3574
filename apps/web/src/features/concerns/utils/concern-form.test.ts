import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema';
import { AREA_CODE, concernBodyOf, concernTargets, sentConcernState } from './concern-form';

type Agreement = components['schemas']['AgreementDto'];
const POLICE = '00000000-0000-4000-8000-000000000001';
const PARTNER = '00000000-0000-4000-8000-000000000002';

const CONCERN_FLOW = {
  id: 'community-concerns',
  category: 'community_concern',
  from: 'partner',
  to: 'police',
  fields: { concernType: 'include', area: 'area', occurredAt: 'day', narrative: 'screened', requestedAction: 'none' },
  acknowledgeWithinHours: 24,
};

function agreement(flows: unknown[], status = 'active', terminatedAt: string | null = null): Agreement {
  return {
    id: 'a1',
    title: 'Referrals and status',
    policeOrgId: POLICE,
    policeOrgName: 'Eastside Police Department',
    partnerOrgId: PARTNER,
    partnerOrgName: 'Safe Streets Outreach',
    terminatedAt,
    auditKey: { keyId: 'k', fingerprint: 'f' },
    versions: [
      {
        id: 'v1',
        version: 1,
        status: status as Agreement['versions'][number]['status'],
        direction: 'two_way',
        sharingParameters: { flows },
        boardMemberIds: [],
        effectiveUntil: null,
        proposedAt: null,
        activatedAt: null,
        endedAt: null,
        endReason: null,
        approvals: [],
      },
    ],
  };
}

describe('concernTargets', () => {
  it('reads the active concern flow: its deadline and what it releases', () => {
    expect(concernTargets([agreement([CONCERN_FLOW])], PARTNER)).toEqual([
      {
        agreementId: 'a1',
        title: 'Referrals and status',
        acknowledgeWithinHours: 24,
        released: ['concernType', 'area', 'occurredAt', 'narrative'],
      },
    ]);
  });

  it('offers nothing under a one-way agreement, a draft, a terminated agreement or to the police side', () => {
    expect(concernTargets([agreement([{ ...CONCERN_FLOW, category: 'referral_status' }])], PARTNER)).toEqual([]);
    expect(concernTargets([agreement([CONCERN_FLOW], 'draft')], PARTNER)).toEqual([]);
    expect(concernTargets([agreement([CONCERN_FLOW], 'active', '2026-12-01T00:00:00Z')], PARTNER)).toEqual([]);
    expect(concernTargets([agreement([CONCERN_FLOW])], POLICE)).toEqual([]);
  });
});

describe('concernBodyOf', () => {
  const values = {
    agreementId: 'a1',
    concernType: 'rising_tension',
    area: ' D14 ',
    occurredAt: '2026-12-06T15:30',
    narrative: ' Tension near the park. ',
    requestedAction: '',
  };

  it('sends the fields given, trimmed, with the instant the caller computed', () => {
    expect(concernBodyOf(values, '2026-12-06T21:30:00.000Z', false)).toEqual({
      agreementId: 'a1',
      concernType: 'rising_tension',
      area: 'D14',
      occurredAt: '2026-12-06T21:30:00.000Z',
      narrative: 'Tension near the park.',
    });
  });

  it('asks for redaction only when the sender chose it', () => {
    expect(concernBodyOf(values, '2026-12-06T21:30:00.000Z', true).redact).toBe(true);
  });

  it('takes service-area codes, never an address', () => {
    expect(AREA_CODE.test('D14')).toBe(true);
    expect(AREA_CODE.test('1200 W Division')).toBe(false);
  });
});

describe('sentConcernState', () => {
  const NOW = new Date('2026-12-06T15:00:00Z');
  const sent = {
    disclosureId: 'd1',
    agreementId: 'a1',
    recipientOrgName: 'Eastside PD',
    concernType: 'rising_tension' as const,
    area: 'D14',
    sentAt: '2026-12-06T10:00:00Z',
    ackDueAt: '2026-12-07T10:00:00Z',
    acknowledgedAt: null,
    slaMet: null,
    escalatedAt: null,
  };

  it('takes the API’s verdict once acknowledged', () => {
    expect(sentConcernState({ ...sent, acknowledgedAt: '2026-12-06T12:00:00Z', slaMet: true }, NOW)).toBe('inTime');
    expect(sentConcernState({ ...sent, acknowledgedAt: '2026-12-08T12:00:00Z', slaMet: false }, NOW)).toBe('late');
  });

  it('says waiting until the deadline, overdue after it or once escalated', () => {
    expect(sentConcernState(sent, NOW)).toBe('waiting');
    expect(sentConcernState({ ...sent, ackDueAt: '2026-12-06T14:59:00Z' }, NOW)).toBe('overdue');
    expect(sentConcernState({ ...sent, escalatedAt: '2026-12-06T14:00:00Z' }, NOW)).toBe('overdue');
  });
});
