import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { components } from '@/api/schema';
import { unwrap } from '@/lib/api-error';
import { awaitingAcknowledgement, type IncidentsQuery } from '../utils/incident-views';
import { incidentKeys } from './incidents-keys';

type Schemas = components['schemas'];
export type IncidentSummary = Schemas['IncidentSummaryDto'];
export type IncidentDetail = Schemas['IncidentDetailDto'];
export type SentDisclosure = Schemas['SentDisclosureDto'];

const PAGE = 25;

/**
 * How often the "Shared with" list is asked again while a partner has not acknowledged. Not the live stream: the
 * inbox stream (lib/inbox-stream.ts) announces new inbox entries to their recipients only, and an acknowledgement
 * puts nothing in the sender's inbox, so the liaison would hear nothing. Polled is GET …/disclosures (timing and
 * names, no personal field, not an audited read), never the audited GET /incidents/:id.
 */
export const ACKNOWLEDGEMENT_POLL_MS = 15_000;

/** The organization's incidents matching `query`, newest occurrence first, page by page (keyset cursor). */
export function useIncidents(query: IncidentsQuery) {
  return useInfiniteQuery({
    queryKey: incidentKeys.list(query),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/incidents', {
          params: { query: { ...query, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** The incident as recorded, with its disclosures. The API audits each read, so it is not re-read on every focus. */
export function useIncident(incidentId: string) {
  return useQuery({
    queryKey: incidentKeys.detail(incidentId),
    queryFn: () => unwrap(api.GET('/api/v1/incidents/{incidentId}', { params: { path: { incidentId } } })),
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

/**
 * The incident's disclosures as they are now, starting from those the detail came with, asked again every
 * ACKNOWLEDGEMENT_POLL_MS while any is still waiting for its partner's acknowledgement.
 */
export function useSentDisclosures(incident: IncidentDetail, loadedAt: number) {
  return useQuery({
    queryKey: incidentKeys.disclosures(incident.id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/incidents/{incidentId}/disclosures', { params: { path: { incidentId: incident.id } } })),
    initialData: incident.disclosures,
    initialDataUpdatedAt: loadedAt,
    staleTime: ACKNOWLEDGEMENT_POLL_MS,
    refetchInterval: (query) => (awaitingAcknowledgement(query.state.data ?? []) ? ACKNOWLEDGEMENT_POLL_MS : false),
  });
}

export type CreateIncidentBody = Schemas['CreateIncidentDto'];
export type CorrectIncidentBody = Schemas['CorrectIncidentDto'];
export type PreviewItem = Schemas['PreviewItemDto'];

/** The department's service areas (the map, the list to choose from, the filter). They change rarely. */
export function useServiceAreas() {
  return useQuery({
    queryKey: incidentKeys.serviceAreas(),
    queryFn: () => unwrap(api.GET('/api/v1/service-areas')),
    staleTime: 10 * 60_000,
  });
}

/** Records the incident (nothing is shared yet); the lists learn of it. */
export function useRecordIncident() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateIncidentBody) => unwrap(api.POST('/api/v1/incidents', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: incidentKeys.lists() }),
  });
}

/**
 * Per recipient, what it would receive if shared now; with `redact`, identifiers in free text replaced by markers.
 * The API audits each preview (it shows the record's free text): asked once per choice, not on focus.
 */
export function useIncidentPreview(incidentId: string, redact: boolean) {
  return useQuery({
    queryKey: incidentKeys.preview(incidentId, redact),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/incidents/{incidentId}/preview', {
          params: { path: { incidentId }, query: { redact: redact ? 'true' : 'false' } },
        }),
      ),
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

/** Shares the incident under every agreement in force (all or nothing: identifiers refuse it unless redacted). */
export function useShareIncident(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (redact: boolean) =>
      unwrap(api.POST('/api/v1/incidents/{incidentId}/share', { params: { path: { incidentId } }, body: { redact } })),
    onSuccess: () => client.invalidateQueries({ queryKey: incidentKeys.all }),
  });
}

/** Corrects the record; each live alert of it gets the correction as its next revision (re-screened). */
export function useCorrectIncident(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CorrectIncidentBody) =>
      unwrap(api.PATCH('/api/v1/incidents/{incidentId}', { params: { path: { incidentId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: incidentKeys.all }),
  });
}
