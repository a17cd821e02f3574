import type { components } from '@/api/schema';

type Schemas = components['schemas'];
type Agreement = Schemas['AgreementDto'];
export type NewConcern = Schemas['CreateConcernDto'];
export type ConcernType = NewConcern['concernType'];

/** The API's list (CreateConcernDto.concernType), in the order the form offers it. */
export const CONCERN_TYPES = [
  'rising_tension',
  'retaliation_risk',
  'coordinate_walk',
  'other',
] as const satisfies readonly ConcernType[];

/** A police department the program may send a concern to: an active agreement's concern flow. */
export interface ConcernTarget {
  agreementId: string;
  title: string;
  /** How long the police have to acknowledge (the flow's acknowledgeWithinHours), when the flow sets it. */
  acknowledgeWithinHours?: number;
  /** Field names the flow releases (`none` left out). */
  released: string[];
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * The agreements under which the caller's organization (the partner side) may send a community concern
 * now: the active version has a `community_concern` flow from the partner. The API checks it again.
 */
export function concernTargets(agreements: readonly Agreement[], ownOrgId: string): ConcernTarget[] {
  return agreements.flatMap((agreement) => {
    if (agreement.partnerOrgId !== ownOrgId || agreement.terminatedAt) return [];
    const active = agreement.versions.find((v) => v.status === 'active');
    const flows = record(active?.sharingParameters).flows;
    const flow = (Array.isArray(flows) ? flows : [])
      .map(record)
      .find((f) => f.category === 'community_concern' && f.from === 'partner');
    if (!flow) return [];
    const fields = record(flow.fields);
    const hours = flow.acknowledgeWithinHours;
    return [
      {
        agreementId: agreement.id,
        title: agreement.title,
        ...(Number.isInteger(hours) ? { acknowledgeWithinHours: hours as number } : {}),
        released: Object.keys(fields).filter((field) => fields[field] !== 'none'),
      },
    ];
  });
}

/** What the form holds; `occurredAt` as a `datetime-local` input gives it. */
export interface ConcernFormValues {
  agreementId: string;
  concernType: string;
  area: string;
  occurredAt: string;
  narrative: string;
  requestedAction: string;
}

/** A service-area code as the API takes it (never an address). */
export const AREA_CODE = /^[A-Za-z0-9-]{1,20}$/;

/** The body for POST /community-concerns: trimmed, empty text left out, the local time as an instant. */
export function concernBodyOf(values: ConcernFormValues, occurredAt: string, redact: boolean): NewConcern {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    agreementId: values.agreementId,
    concernType: values.concernType as ConcernType,
    area: values.area.trim(),
    occurredAt,
    ...(text(values.narrative) ? { narrative: text(values.narrative) } : {}),
    ...(text(values.requestedAction) ? { requestedAction: text(values.requestedAction) } : {}),
    ...(redact ? { redact: true } : {}),
  };
}

export type SentConcern = Schemas['SentConcernSummaryDto'];

/** Where a sent concern stands, as the API says: acknowledged (in time or late), past its deadline, or waiting. */
export type SentConcernState = 'inTime' | 'late' | 'overdue' | 'waiting';

export function sentConcernState(concern: SentConcern, now: Date): SentConcernState {
  if (concern.acknowledgedAt) return concern.slaMet === false ? 'late' : 'inTime';
  if (concern.escalatedAt) return 'overdue';
  if (concern.ackDueAt && new Date(concern.ackDueAt).getTime() < now.getTime()) return 'overdue';
  return 'waiting';
}
