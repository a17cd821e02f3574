import { fromLocalInput, toLocalDateTime } from '@/lib/local-time';
import type { components } from '@/api/schema';
import type { LatLng } from '@/lib/service-area-map';

type Schemas = components['schemas'];
type CreateBody = Schemas['CreateIncidentDto'];
type CorrectBody = Schemas['CorrectIncidentDto'];
type Detail = Schemas['IncidentDetailDto'];

export const RETALIATION_RISKS = ['high', 'medium', 'low', 'unknown'] as const;

export interface VictimDraft {
  age: string;
  fatal: boolean;
  name: string;
}

/** What the compose and correction forms hold, as typed (strings), before it becomes a request body. */
export interface IncidentDraft {
  type: CreateBody['type'];
  /** `yyyy-MM-ddTHH:mm`, local time, as a datetime-local input holds it. */
  occurredAt: string;
  point: LatLng | null;
  houseNumber: string;
  street: string;
  victims: VictimDraft[];
  hospital: string;
  retaliationRisk: CreateBody['retaliationRisk'];
  requestedResponse: string;
  narrative: string;
  caseNumber: string;
}

export function emptyDraft(now: Date): IncidentDraft {
  return {
    type: 'shooting',
    occurredAt: toLocalDateTime(now),
    point: null,
    houseNumber: '',
    street: '',
    victims: [{ age: '', fatal: false, name: '' }],
    hospital: '',
    retaliationRisk: 'unknown',
    requestedResponse: '',
    narrative: '',
    caseNumber: '',
  };
}

/** The record as the correction form starts from it. */
export function draftOf(incident: Detail): IncidentDraft {
  return {
    type: incident.type,
    occurredAt: toLocalDateTime(incident.occurredAt),
    point: { latitude: incident.location.latitude, longitude: incident.location.longitude },
    houseNumber: incident.location.houseNumber ?? '',
    street: incident.location.street,
    victims: incident.victims.map((v) => ({
      age: v.age === null || v.age === undefined ? '' : String(v.age),
      fatal: v.fatal,
      name: v.name ?? '',
    })),
    hospital: incident.hospital ?? '',
    retaliationRisk: incident.retaliationRisk,
    requestedResponse: incident.requestedResponse ?? '',
    narrative: incident.narrative ?? '',
    caseNumber: incident.caseNumber ?? '',
  };
}

/** What is missing before the draft can be recorded: the keys of the fields to fix (none when it can). */
export function missingFields(draft: IncidentDraft): ('occurredAt' | 'point' | 'street' | 'victims')[] {
  const missing: ('occurredAt' | 'point' | 'street' | 'victims')[] = [];
  if (!fromLocalInput(draft.occurredAt)) missing.push('occurredAt');
  if (!draft.point) missing.push('point');
  if (!draft.street.trim()) missing.push('street');
  if (draft.victims.some((v) => v.age.trim() !== '' && !/^\d{1,3}$/.test(v.age.trim()))) missing.push('victims');
  return missing;
}

function location(draft: IncidentDraft): CreateBody['location'] {
  return {
    latitude: draft.point!.latitude,
    longitude: draft.point!.longitude,
    ...(draft.houseNumber.trim() ? { houseNumber: draft.houseNumber.trim() } : {}),
    street: draft.street.trim(),
  };
}

function victims(draft: IncidentDraft): CreateBody['victims'] {
  return draft.victims.map((v) => ({
    age: v.age.trim() === '' ? null : Number(v.age),
    fatal: v.fatal,
    ...(v.name.trim() ? { name: v.name.trim() } : {}),
  }));
}

const optional = (value: string): string | undefined => (value.trim() ? value.trim() : undefined);

/** The body of POST /incidents (the service area is not sent: the API derives it from the point). */
export function createBody(draft: IncidentDraft): CreateBody {
  const body: CreateBody = {
    type: draft.type,
    occurredAt: fromLocalInput(draft.occurredAt)!,
    location: location(draft),
    victims: victims(draft),
    retaliationRisk: draft.retaliationRisk,
  };
  const hospital = optional(draft.hospital);
  const narrative = optional(draft.narrative);
  const requestedResponse = optional(draft.requestedResponse);
  const caseNumber = optional(draft.caseNumber);
  return {
    ...body,
    ...(hospital ? { hospital } : {}),
    ...(narrative ? { narrative } : {}),
    ...(requestedResponse ? { requestedResponse } : {}),
    ...(caseNumber ? { caseNumber } : {}),
  };
}

/**
 * The body of PATCH /incidents/:id: only what changed from the record; an optional text emptied is
 * sent as null, which clears it. Undefined when nothing changed.
 */
export function correctionBody(
  draft: IncidentDraft,
  original: IncidentDraft,
  redact: boolean,
): CorrectBody | undefined {
  const body: CorrectBody = { redact };
  const now = createBody(draft);
  const was = createBody(original);
  if (now.type !== was.type) body.type = now.type;
  if (now.occurredAt !== was.occurredAt) body.occurredAt = now.occurredAt;
  if (JSON.stringify(now.location) !== JSON.stringify(was.location)) body.location = now.location;
  if (JSON.stringify(now.victims) !== JSON.stringify(was.victims)) body.victims = now.victims;
  if (now.retaliationRisk !== was.retaliationRisk) body.retaliationRisk = now.retaliationRisk;
  for (const key of ['hospital', 'narrative', 'requestedResponse', 'caseNumber'] as const) {
    if (now[key] !== was[key]) body[key] = now[key] ?? null;
  }
  return Object.keys(body).length > 1 ? body : undefined;
}
