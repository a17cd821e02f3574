import type { components, operations } from '@/api/schema';
import { endOfLocalDay, fromLocalInput } from '@/lib/local-time';

type SentDisclosure = components['schemas']['SentDisclosureDto'];
/** The filters GET /api/v1/incidents takes (the cursor and page size are the list's own). */
export type IncidentsQuery = Omit<
  NonNullable<operations['IncidentsController_list']['parameters']['query']>,
  'cursor' | 'limit'
>;
export type IncidentType = NonNullable<IncidentsQuery['type']>;
export const INCIDENT_TYPES: readonly IncidentType[] = ['shooting', 'homicide'];

/** What the filter form holds, as the address bar keeps it (`?from=2026-11-01&to=…&area=D14&type=shooting`). */
export interface IncidentFilters {
  from: string;
  to: string;
  area: string;
  type: IncidentType | '';
}

const isType = (value: string): value is IncidentType => (INCIDENT_TYPES as readonly string[]).includes(value);

export function filtersFrom(params: URLSearchParams): IncidentFilters {
  const type = params.get('type') ?? '';
  return {
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    area: params.get('area') ?? '',
    type: isType(type) ? type : '',
  };
}

/** The filters for the address bar, leaving out the empty ones. */
export function searchOf(filters: IncidentFilters): Record<string, string> {
  const entries = Object.entries({ ...filters, area: filters.area.trim() }).filter(([, value]) => value !== '');
  return Object.fromEntries(entries);
}

/** The filters as the API takes them: whole local days, from the start of `from` to the end of `to`. */
export function incidentsQuery(filters: IncidentFilters): IncidentsQuery {
  const query: IncidentsQuery = {};
  const occurredFrom = fromLocalInput(filters.from);
  const occurredTo = endOfLocalDay(filters.to);
  const serviceArea = filters.area.trim();
  if (occurredFrom) query.occurredFrom = occurredFrom;
  if (occurredTo) query.occurredTo = occurredTo;
  if (serviceArea) query.serviceArea = serviceArea;
  if (filters.type) query.type = filters.type;
  return query;
}

export function isFiltered(filters: IncidentFilters): boolean {
  return Object.keys(searchOf(filters)).length > 0;
}

/**
 * Where a disclosure stands, for the police: sent but not yet delivered, delivered and waiting, acknowledged within
 * or after the deadline (the API's own verdict, `slaMet`), still open past the deadline (the API's `overdue`), or never
 * delivered (withheld) or gone (purged).
 */
export type DisclosureState =
  | 'pending'
  | 'waiting'
  | 'overdue'
  | 'acknowledgedWithin'
  | 'acknowledgedLate'
  | 'acknowledged'
  | 'withheld'
  | 'purged';

export function disclosureState(disclosure: SentDisclosure): DisclosureState {
  if (disclosure.acknowledgedAt) {
    if (disclosure.slaMet === true) return 'acknowledgedWithin';
    if (disclosure.slaMet === false) return 'acknowledgedLate';
    return 'acknowledged';
  }
  if (disclosure.status === 'withheld' || disclosure.status === 'purged') return disclosure.status;
  if (disclosure.overdue) return 'overdue';
  return disclosure.status === 'pending' ? 'pending' : 'waiting';
}

/** Whether any disclosure may still be delivered or acknowledged (so the page keeps asking). */
export function awaitingAcknowledgement(disclosures: readonly SentDisclosure[]): boolean {
  return disclosures.some((d) => {
    const state = disclosureState(d);
    return state === 'pending' || state === 'waiting' || state === 'overdue';
  });
}
