import type { components } from '@/api/schema';

type Schemas = components['schemas'];
type Agreement = Schemas['AgreementDto'];
export type PoliceReferral = Schemas['PoliceReferralDto'];
export type NewReferral = Schemas['CreateReferralDto'];
export type ConsentBasis = Schemas['ConsentDto']['basis'];
export type CoarseStatus = Schemas['ReferralStatusBackDto']['status'];

/** Every basis the API knows (ConsentDto's enum); a flow's `conditions.consentBases` narrows it. */
export const CONSENT_BASES = ['written', 'verbal', 'guardian', 'statutory'] as const satisfies readonly ConsentBasis[];

/** Where the police may send a referral: an active agreement's referral flow and what it asks for. */
export interface ReferralTarget {
  agreementId: string;
  title: string;
  consentRequired: boolean;
  /** The bases the flow accepts (all of them when it names none). */
  consentBases: ConsentBasis[];
  ageMin?: number;
  ageMax?: number;
  /** Field names the flow releases to the partner, in the flow's order. */
  released: string[];
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const integer = (value: unknown): number | undefined => (Number.isInteger(value) ? (value as number) : undefined);

/**
 * The agreements under which the caller's department may refer a person now: the police side of an
 * agreement whose active version has a referral flow from the police. What the form asks for (consent,
 * its bases, an age) is read from that flow, as the API will check it.
 */
export function referralTargets(agreements: readonly Agreement[], ownOrgId: string): ReferralTarget[] {
  return agreements.flatMap((agreement) => {
    if (agreement.policeOrgId !== ownOrgId || agreement.terminatedAt) return [];
    const active = agreement.versions.find((v) => v.status === 'active');
    const flows = record(active?.sharingParameters).flows;
    const flow = (Array.isArray(flows) ? flows : [])
      .map(record)
      .find((f) => f.category === 'referral' && f.from === 'police');
    if (!flow) return [];
    const conditions = record(flow.conditions);
    const named = Array.isArray(conditions.consentBases) ? conditions.consentBases : [];
    const bases = CONSENT_BASES.filter((basis) => named.length === 0 || named.includes(basis));
    const fields = record(flow.fields);
    return [
      {
        agreementId: agreement.id,
        title: agreement.title,
        consentRequired: flow.consentRequired === true,
        consentBases: bases,
        ageMin: integer(conditions.personAgeMin),
        ageMax: integer(conditions.personAgeMax),
        released: Object.keys(fields).filter((field) => fields[field] !== 'none'),
      },
    ];
  });
}

/** What the form holds: text as typed, dates as `date` inputs give them (YYYY-MM-DD, empty when not set). */
export interface ReferralFormValues {
  agreementId: string;
  name: string;
  contact: string;
  dateOfBirth: string;
  age: string;
  reason: string;
  /** One per line. */
  riskFactors: string;
  consentBasis: string;
  consentGivenOn: string;
  consentExpiresOn: string;
}

/** The body for POST /referrals: empty fields left out, risk factors one per line, consent only when given. */
export function referralBodyOf(values: ReferralFormValues): NewReferral {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const risks = values.riskFactors
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const age = text(values.age);
  const basis = values.consentBasis as ConsentBasis | '';
  return {
    agreementId: values.agreementId,
    person: {
      name: values.name.trim(),
      ...(text(values.contact) ? { contact: text(values.contact) } : {}),
      ...(text(values.dateOfBirth) ? { dateOfBirth: text(values.dateOfBirth) } : {}),
      ...(age !== undefined ? { age: Number(age) } : {}),
      reason: values.reason.trim(),
      ...(risks.length > 0 ? { riskFactors: risks } : {}),
    },
    ...(basis
      ? {
          consent: {
            basis,
            givenOn: values.consentGivenOn,
            ...(text(values.consentExpiresOn) ? { expiresOn: text(values.consentExpiresOn) } : {}),
          },
        }
      : {}),
  };
}

/**
 * The form fields an API refusal names: a request the validation refused (`fields[].path`), a rule of the
 * flow (`problems[].field`: consent, its dates, the age) and identifiers found in free text
 * (`findings[].field`). Paths are the body's (`person.age`, `consent.givenOn`).
 */
export function refusedFields(details: Record<string, unknown> | undefined): string[] {
  if (!details) return [];
  const named = (list: unknown, key: 'path' | 'field') =>
    Array.isArray(list) ? list.map((item) => String(record(item)[key] ?? '')).filter(Boolean) : [];
  return [...named(details.fields, 'path'), ...named(details.problems, 'field'), ...named(details.findings, 'field')];
}

/** The form field a refused body path belongs to (`consent` alone means the basis is missing). */
export function formFieldOf(path: string): keyof ReferralFormValues | null {
  const map: Record<string, keyof ReferralFormValues> = {
    agreementId: 'agreementId',
    'person.name': 'name',
    'person.contact': 'contact',
    'person.dateOfBirth': 'dateOfBirth',
    'person.age': 'age',
    'person.reason': 'reason',
    'person.riskFactors': 'riskFactors',
    consent: 'consentBasis',
    'consent.basis': 'consentBasis',
    'consent.givenOn': 'consentGivenOn',
    'consent.expiresOn': 'consentExpiresOn',
  };
  return map[path.replace(/\[\d+\]$/, '')] ?? null;
}

/** What the police can say of a sent referral, most final first: only what the API lets back. */
export type SentStatus = 'consentWithdrawn' | 'retracted' | CoarseStatus | 'noWordYet';

export function sentStatusOf(referral: PoliceReferral): SentStatus {
  if (referral.consent.withdrawnAt) return 'consentWithdrawn';
  if (referral.retracted) return 'retracted';
  return referral.statusBack?.status ?? 'noWordYet';
}

/** Retracting or withdrawing consent still means something (the API decides again: it may answer 409). */
export function canRetract(referral: PoliceReferral): boolean {
  return !referral.retracted && !referral.consent.withdrawnAt && referral.statusBack === null;
}

export function canWithdrawConsent(referral: PoliceReferral): boolean {
  return referral.consent.basis !== null && !referral.consent.withdrawnAt && !referral.retracted;
}

/** The sending side's view (the partner's has a lifecycle status instead). */
export function isPoliceView(view: PoliceReferral | Schemas['PartnerReferralDto']): view is PoliceReferral {
  return 'retracted' in view;
}
