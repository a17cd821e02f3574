import type { SecretBox } from '@accord/identity';
import type { IncidentVictim } from './incident';

/**
 * The personal fields of a police incident record, each sealed on its own (AES-256-GCM through the
 * key ring, the key id inside every value). Victims and other names are sealed as one JSON value
 * each: the disclosure engine opens them in the service (victim ages and fatality decide whether a
 * flow matches; names screen free text) and nothing reads them in SQL.
 */
export const INCIDENT_SEALED_FIELDS = [
  'houseNumber',
  'street',
  'victims',
  'narrative',
  'caseNumber',
  'otherNames',
] as const;
export type IncidentSealedField = (typeof INCIDENT_SEALED_FIELDS)[number];

export interface IncidentPersonalData {
  houseNumber: string | null;
  street: string;
  victims: IncidentVictim[];
  narrative: string | null;
  caseNumber: string | null;
  otherNames: string[];
}

/** The stored form: one sealed string per field (null where the record has none). */
export type SealedIncidentData = Record<'houseNumberSealed' | 'narrativeSealed' | 'caseNumberSealed', string | null> &
  Record<'streetSealed' | 'victimsSealed' | 'otherNamesSealed', string>;

/** Binds each value to its row and field: a sealed value copied to another incident or field fails to open. */
export const incidentContext = (incidentId: string, field: IncidentSealedField): string =>
  `incident:${incidentId}:${field}`;

/** The column of each field, and the fields stored as JSON. */
const COLUMN = {
  houseNumber: 'houseNumberSealed',
  street: 'streetSealed',
  victims: 'victimsSealed',
  narrative: 'narrativeSealed',
  caseNumber: 'caseNumberSealed',
  otherNames: 'otherNamesSealed',
} as const satisfies Record<IncidentSealedField, keyof SealedIncidentData>;
const AS_JSON: ReadonlySet<IncidentSealedField> = new Set(['victims', 'otherNames']);

/** Applies `f` to every present value, field by field (absent values stay null). */
function eachField<From, To>(
  from: (field: IncidentSealedField) => From | null,
  f: (field: IncidentSealedField, value: From) => To,
): Record<IncidentSealedField, To | null> {
  const out = {} as Record<IncidentSealedField, To | null>;
  for (const field of INCIDENT_SEALED_FIELDS) {
    const value = from(field);
    out[field] = value === null ? null : f(field, value);
  }
  return out;
}

function toColumns(values: Record<IncidentSealedField, string | null>): SealedIncidentData {
  return Object.fromEntries(
    INCIDENT_SEALED_FIELDS.map((field) => [COLUMN[field], values[field]]),
  ) as SealedIncidentData;
}

export function sealIncident(box: SecretBox, incidentId: string, data: IncidentPersonalData): SealedIncidentData {
  return toColumns(
    eachField(
      (field) => data[field],
      (field, value) =>
        box.seal(AS_JSON.has(field) ? JSON.stringify(value) : (value as string), incidentContext(incidentId, field)),
    ),
  );
}

export function openIncident(box: SecretBox, incidentId: string, sealed: SealedIncidentData): IncidentPersonalData {
  return eachField(
    (field) => sealed[COLUMN[field]],
    (field, value) => {
      const plain = box.open(value, incidentContext(incidentId, field));
      return AS_JSON.has(field) ? (JSON.parse(plain) as unknown) : plain;
    },
  ) as unknown as IncidentPersonalData;
}

/** Every value sealed with the ring's current key (values already under it stay as they are). */
export function resealIncident(box: SecretBox, incidentId: string, sealed: SealedIncidentData): SealedIncidentData {
  return toColumns(
    eachField(
      (field) => sealed[COLUMN[field]],
      (field, value) => box.reseal(value, incidentContext(incidentId, field)),
    ),
  );
}
