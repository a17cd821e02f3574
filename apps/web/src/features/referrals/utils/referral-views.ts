import type { components } from '@/api/schema';

type Schemas = components['schemas'];
export type PartnerReferral = Schemas['PartnerReferralDto'];
export type ReferralStatus = PartnerReferral['status'];
export type ReleasedPerson = Schemas['ReferredPersonRecordDto'];

/** The receiving organization's view of a referral (the sender's view has no lifecycle status). */
export function isPartnerView(view: PartnerReferral | Schemas['PoliceReferralDto']): view is PartnerReferral {
  return 'status' in view;
}

/** Nothing more can happen to these (the API keeps them for the record until retention). */
const FINISHED: readonly ReferralStatus[] = ['declined', 'closed', 'retracted'];

export function isFinished(status: ReferralStatus): boolean {
  return FINISHED.includes(status);
}

/** Open referrals first, then finished ones; newest first within each, as the API lists them. */
export function splitByOpen<T extends { status: ReferralStatus }>(
  referrals: readonly T[],
): { open: T[]; finished: T[] } {
  return {
    open: referrals.filter((r) => !isFinished(r.status)),
    finished: referrals.filter((r) => isFinished(r.status)),
  };
}

/** The released fields in reading order, only those the API returned (the agreement may withhold any). */
export const PERSON_FIELDS = [
  'name',
  'contact',
  'dateOfBirth',
  'age',
  'reason',
  'riskFactors',
] as const satisfies readonly (keyof ReleasedPerson)[];

export function releasedFields(person: ReleasedPerson): { field: (typeof PERSON_FIELDS)[number]; value: string }[] {
  return PERSON_FIELDS.flatMap((field) => {
    const value = person[field];
    return value === undefined || value === '' ? [] : [{ field, value }];
  });
}

/**
 * Risk factors come as a JSON array of strings in text: its items, exactly as sent, for a list;
 * any other text is shown as it is (one item).
 */
export function riskFactorItems(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
  } catch {
    // Not JSON: the text itself.
  }
  return [text];
}

/** A number to dial from the contact text, when it holds one (else the text is shown without a call link). */
export function telephoneHref(contact: string): string | null {
  const trimmed = contact.trim();
  if (!/^\+?[\d\s().-]{7,}$/.test(trimmed)) return null;
  const digits = trimmed.replace(/[^\d+]/g, '');
  return digits.replace(/\D/g, '').length >= 7 ? `tel:${digits}` : null;
}

/** The API answers only uuids here; anything else in the address is a page that does not exist. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
