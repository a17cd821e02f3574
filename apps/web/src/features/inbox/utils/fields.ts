import type { components } from '@/api/schema';

type Schemas = components['schemas'];
export type IncidentPayload = Schemas['IncidentNotificationPayloadDto'];
export type IncidentField = keyof IncidentPayload;
export type ResponseType = Schemas['RecordedResponseDto']['responseTypes'][number];
export type ServiceType = Schemas['RecordedResponseDto']['services'][number];

/** Every value of the union T, listed once: a value the API adds and this list lacks fails to compile. */
const everyOf =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : never)): A =>
    values;

/** An incident notification's fields in the order the alert page shows them (the API's own order). */
export const INCIDENT_FIELDS = everyOf<IncidentField>()([
  'incidentType',
  'occurredAt',
  'location',
  'victimCount',
  'victimAgeBands',
  'fatal',
  'hospital',
  'retaliationRisk',
  'narrative',
  'requestedResponse',
]);

export const RESPONSE_TYPES = everyOf<ResponseType>()([
  'hospital_visit',
  'post_incident_walk',
  'family_contact',
  'mediation',
  'vigil_support',
  'other',
]);

export const SERVICE_TYPES = everyOf<ServiceType>()([
  'housing',
  'employment',
  'mental_health',
  'substance_use',
  'legal',
  'education',
  'relocation',
  'victim_services',
  'other',
]);

export function isIncidentField(name: string): name is IncidentField {
  return (INCIDENT_FIELDS as readonly string[]).includes(name);
}
