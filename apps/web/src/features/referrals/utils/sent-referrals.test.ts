import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema';
import {
  canRetract,
  canWithdrawConsent,
  formFieldOf,
  type PoliceReferral,
  referralBodyOf,
  type ReferralFormValues,
  referralTargets,
  refusedFields,
  sentStatusOf,
} from './sent-referrals';

type Agreement = components['schemas']['AgreementDto'];

const POLICE = '00000000-0000-4000-8000-000000000001';
const PARTNER = '00000000-0000-4000-8000-000000000002';

function agreement(flows: unknown[], overrides: Partial<Agreement> = {}, status = 'active'): Agreement {
  return {
    id: 'a1',
    title: 'Referrals and status',
    policeOrgId: POLICE,
    policeOrgName: 'Eastside Police Department',
    partnerOrgId: PARTNER,
    partnerOrgName: 'Safe Streets Outreach',
    terminatedAt: null,
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
    ...overrides,
  };
}

const REFERRAL_FLOW = {
  id: 'referrals',
  category: 'referral',
  from: 'police',
  to: 'partner',
  conditions: { consentBases: ['written', 'verbal'], personAgeMin: 12, personAgeMax: 24 },
  fields: { name: 'include', contact: 'include', age: 'exact', reason: 'screened', address: 'none' },
  consentRequired: true,
};

describe('referralTargets', () => {
  it('reads what the active referral flow asks for: consent, its bases, the age range, the released fields', () => {
    expect(referralTargets([agreement([REFERRAL_FLOW])], POLICE)).toEqual([
      {
        agreementId: 'a1',
        title: 'Referrals and status',
        consentRequired: true,
        consentBases: ['written', 'verbal'],
        ageMin: 12,
        ageMax: 24,
        released: ['name', 'contact', 'age', 'reason'],
      },
    ]);
  });

  it('offers every basis when the flow names none, and no consent when it requires none', () => {
    const [target] = referralTargets(
      [agreement([{ ...REFERRAL_FLOW, conditions: {}, consentRequired: false }])],
      POLICE,
    );
    expect(target).toMatchObject({
      consentRequired: false,
      consentBases: ['written', 'verbal', 'guardian', 'statutory'],
    });
    expect(target!.ageMin).toBeUndefined();
  });

  it('leaves out agreements without an active referral flow, the partner side and terminated ones', () => {
    expect(referralTargets([agreement([{ ...REFERRAL_FLOW, category: 'incident_notification' }])], POLICE)).toEqual([]);
    expect(referralTargets([agreement([REFERRAL_FLOW], {}, 'proposed')], POLICE)).toEqual([]);
    expect(referralTargets([agreement([REFERRAL_FLOW])], PARTNER)).toEqual([]);
    expect(referralTargets([agreement([REFERRAL_FLOW], { terminatedAt: '2026-12-01T00:00:00Z' })], POLICE)).toEqual([]);
  });
});

const VALUES: ReferralFormValues = {
  agreementId: 'a1',
  name: ' Tomas Greer ',
  contact: '',
  dateOfBirth: '',
  age: '19',
  reason: 'Shot at twice this month.',
  riskFactors: 'prior victimization\n\n retaliation risk \n',
  consentBasis: 'verbal',
  consentGivenOn: '2026-12-06',
  consentExpiresOn: '',
};

describe('referralBodyOf', () => {
  it('sends what was filled in: trimmed, risk factors one per line, the age as a number', () => {
    expect(referralBodyOf(VALUES)).toEqual({
      agreementId: 'a1',
      person: {
        name: 'Tomas Greer',
        age: 19,
        reason: 'Shot at twice this month.',
        riskFactors: ['prior victimization', 'retaliation risk'],
      },
      consent: { basis: 'verbal', givenOn: '2026-12-06' },
    });
  });

  it('sends the expiry when given, and no consent without a basis', () => {
    expect(referralBodyOf({ ...VALUES, consentExpiresOn: '2027-06-01' }).consent).toEqual({
      basis: 'verbal',
      givenOn: '2026-12-06',
      expiresOn: '2027-06-01',
    });
    expect(referralBodyOf({ ...VALUES, consentBasis: '' }).consent).toBeUndefined();
  });
});

describe('refused fields', () => {
  it('names the fields of a validation refusal, a flow rule and identifiers found', () => {
    expect(
      refusedFields({
        fields: [{ path: 'person.name', problems: ['must be longer'] }],
        problems: [{ field: 'consent.givenOn', message: 'is in the future' }],
        findings: [{ field: 'person.reason', kinds: ['phone'] }],
      }),
    ).toEqual(['person.name', 'consent.givenOn', 'person.reason']);
    expect(refusedFields(undefined)).toEqual([]);
  });

  it('maps each body path to its form field', () => {
    expect(formFieldOf('consent')).toBe('consentBasis');
    expect(formFieldOf('consent.expiresOn')).toBe('consentExpiresOn');
    expect(formFieldOf('person.riskFactors[2]')).toBe('riskFactors');
    expect(formFieldOf('person.unknown')).toBeNull();
  });
});

const SENT: PoliceReferral = {
  id: 'r1',
  agreementId: 'a1',
  recipientOrgId: PARTNER,
  person: { name: 'Tomas Greer' },
  consent: { basis: 'verbal', givenOn: '2026-12-06', expiresOn: null, withdrawnAt: null },
  retracted: false,
  createdAt: '2026-12-06T10:00:00Z',
  statusBack: null,
};

describe('sentStatusOf and the actions left', () => {
  it('says no word yet until the partner moves it, then the coarse status back', () => {
    expect(sentStatusOf(SENT)).toBe('noWordYet');
    expect(canRetract(SENT)).toBe(true);
    const accepted = { ...SENT, statusBack: { status: 'pending' as const, updatedAt: '2026-12-06' } };
    expect(sentStatusOf(accepted)).toBe('pending');
    expect(canRetract(accepted)).toBe(false);
    expect(canWithdrawConsent(accepted)).toBe(true);
  });

  it('puts a withdrawal of consent and a retraction before anything the partner said', () => {
    const withdrawn = {
      ...SENT,
      consent: { ...SENT.consent, withdrawnAt: '2026-12-07T09:00:00Z' },
      statusBack: { status: 'engaged' as const, updatedAt: '' },
    };
    expect(sentStatusOf(withdrawn)).toBe('consentWithdrawn');
    expect(canWithdrawConsent(withdrawn)).toBe(false);
    expect(canRetract(withdrawn)).toBe(false);
    expect(sentStatusOf({ ...SENT, retracted: true })).toBe('retracted');
    expect(canWithdrawConsent({ ...SENT, consent: { ...SENT.consent, basis: null } })).toBe(false);
  });
});
