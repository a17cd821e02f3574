import type { Flow } from '@accord/policy';
import {
  ageBand,
  generalizeLocation,
  generalizeTime,
  type GeneralizedLocation,
  type LocationPrecision,
  splitStreet,
  type TimePrecision,
} from './generalization';
import type { IncidentRecord } from './incident';
import { type IdentifierFinding, redactIdentifiers, screenForIdentifiers } from './identifier-screening';

/** Every field an incident notification can carry, in a fixed order (audit entries list them so). */
export const INCIDENT_NOTIFICATION_FIELDS = [
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
] as const;
export type IncidentNotificationField = (typeof INCIDENT_NOTIFICATION_FIELDS)[number];

/** What a partner receives: only released fields, already generalized. */
export interface IncidentNotificationPayload {
  incidentType?: string;
  occurredAt?: string;
  location?: GeneralizedLocation;
  victimCount?: number;
  victimAgeBands?: string[];
  fatal?: boolean;
  hospital?: string | null;
  retaliationRisk?: string;
  narrative?: string | null;
  requestedResponse?: string | null;
}

export interface WithheldField {
  field: IncidentNotificationField;
  reason: 'not_in_agreement' | 'precision_none' | 'empty';
}

export interface TextFindings {
  field: 'narrative' | 'requestedResponse';
  findings: IdentifierFinding[];
}

export type IncidentProjection =
  | {
      ok: true;
      payload: IncidentNotificationPayload;
      fieldsReleased: IncidentNotificationField[];
      fieldsWithheld: WithheldField[];
      redactions: TextFindings[];
    }
  | { ok: false; findings: TextFindings[] };

/** Does this incident fall under the flow's conditions (type, service area, ages, fatal only)? */
export function incidentMatchesFlow(incident: IncidentRecord, flow: Flow): boolean {
  if (flow.category !== 'incident_notification') return false;
  const c = (flow.conditions ?? {}) as {
    incidentTypes?: string[];
    serviceAreas?: string[];
    victimAgeMin?: number;
    victimAgeMax?: number;
    fatalOnly?: boolean;
  };
  if (c.incidentTypes && !c.incidentTypes.includes(incident.type)) return false;
  if (c.serviceAreas && !c.serviceAreas.includes(incident.location.serviceArea)) return false;
  if (c.fatalOnly && !incident.victims.some((v) => v.fatal)) return false;
  if (c.victimAgeMin !== undefined || c.victimAgeMax !== undefined) {
    const min = c.victimAgeMin ?? 0;
    const max = c.victimAgeMax ?? 200;
    if (!incident.victims.some((v) => v.age !== null && v.age >= min && v.age <= max)) return false;
  }
  return true;
}

/**
 * Projects the police record onto one flow: only the fields the flow names, at its precision.
 * Free text is screened for identifiers; with findings the share is refused (the sender sees the
 * list) unless the sender chose redaction. Person fields have no place in the payload at all.
 */
export function projectIncident(
  incident: IncidentRecord,
  flow: Flow,
  options: { redact: boolean },
): IncidentProjection {
  const allowed = flow.fields;
  const payload: IncidentNotificationPayload = {};
  const released: IncidentNotificationField[] = [];
  const withheld: WithheldField[] = [];
  const context = {
    namesOnRecord: [...incident.victims.map((v) => v.name ?? ''), ...(incident.otherNames ?? [])].filter(Boolean),
    caseNumbers: incident.caseNumber ? [incident.caseNumber] : [],
    // The scene's number, recorded as such or typed into the street field.
    houseNumbers: [incident.location.houseNumber, splitStreet(incident.location.street).number].filter(
      (n): n is string => Boolean(n),
    ),
  };
  const textFindings: TextFindings[] = [];

  const screened = (
    field: 'narrative' | 'requestedResponse',
    text: string | null | undefined,
  ): string | null | undefined => {
    if (!text) return text;
    const findings = screenForIdentifiers(text, context);
    if (findings.length === 0) return text;
    textFindings.push({ field, findings });
    return redactIdentifiers(text, findings);
  };

  for (const field of INCIDENT_NOTIFICATION_FIELDS) {
    const precision = allowed[field];
    if (precision === undefined) {
      withheld.push({ field, reason: 'not_in_agreement' });
      continue;
    }
    switch (field) {
      case 'incidentType':
        payload.incidentType = incident.type;
        break;
      case 'occurredAt':
        payload.occurredAt = generalizeTime(incident.occurredAt, precision as TimePrecision);
        break;
      case 'location': {
        const location = generalizeLocation(incident.location, precision as LocationPrecision);
        if (!location) {
          withheld.push({ field, reason: 'precision_none' });
          continue;
        }
        payload.location = location;
        break;
      }
      case 'victimCount':
        payload.victimCount = incident.victims.length;
        break;
      case 'victimAgeBands':
        payload.victimAgeBands = incident.victims.map((v) => ageBand(v.age));
        break;
      case 'fatal':
        payload.fatal = incident.victims.some((v) => v.fatal);
        break;
      case 'hospital':
        payload.hospital = incident.hospital ?? null;
        break;
      case 'retaliationRisk':
        payload.retaliationRisk = incident.retaliationRisk;
        break;
      case 'narrative':
        payload.narrative = screened('narrative', incident.narrative) ?? null;
        break;
      case 'requestedResponse':
        payload.requestedResponse = screened('requestedResponse', incident.requestedResponse) ?? null;
        break;
    }
    released.push(field);
  }
  if (textFindings.length > 0 && !options.redact) return { ok: false, findings: textFindings };
  return { ok: true, payload, fieldsReleased: released, fieldsWithheld: withheld, redactions: textFindings };
}
