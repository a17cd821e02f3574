import type { SecretBox } from '@accord/identity';

/** The personal fields of a referred person, each sealed on its own. */
export const REFERRAL_PERSON_FIELDS = ['name', 'contact', 'dateOfBirth', 'age', 'reason', 'riskFactors'] as const;
export type PersonField = (typeof REFERRAL_PERSON_FIELDS)[number];
export type PersonRecord = Partial<Record<PersonField, string>>;
export type SealedPerson = Partial<Record<PersonField, string>>;

/**
 * Seal contexts bind each value to its row and field, so a sealed value copied into another row
 * or field fails authentication instead of decrypting there.
 */
export const referralContext = (referralId: string, field: PersonField): string => `referral:${referralId}:${field}`;
export const copyContext = (disclosureId: string, field: PersonField): string => `disclosure:${disclosureId}:${field}`;
export const noteContext = (noteId: string): string => `referral-note:${noteId}`;

export function sealPerson(
  box: SecretBox,
  person: PersonRecord,
  context: (field: PersonField) => string,
): SealedPerson {
  const out: SealedPerson = {};
  for (const field of REFERRAL_PERSON_FIELDS) {
    const value = person[field];
    if (value !== undefined) out[field] = box.seal(value, context(field));
  }
  return out;
}

export function openPerson(
  box: SecretBox,
  sealed: SealedPerson,
  context: (field: PersonField) => string,
): PersonRecord {
  const out: PersonRecord = {};
  for (const field of REFERRAL_PERSON_FIELDS) {
    const value = sealed[field];
    if (value) out[field] = box.open(value, context(field));
  }
  return out;
}

export function resealPerson(
  box: SecretBox,
  sealed: SealedPerson,
  context: (field: PersonField) => string,
): SealedPerson {
  const out: SealedPerson = {};
  for (const field of REFERRAL_PERSON_FIELDS) {
    const value = sealed[field];
    if (value) out[field] = box.reseal(value, context(field));
  }
  return out;
}
