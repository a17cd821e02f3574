import type { IncidentsQuery } from '../utils/incident-views';

/** Query keys of the incidents feature (one factory per feature; see apps/web/README.md). */
export const incidentKeys = {
  all: ['incidents'] as const,
  lists: () => [...incidentKeys.all, 'list'] as const,
  list: (query: IncidentsQuery) => [...incidentKeys.lists(), query] as const,
  detail: (id: string) => [...incidentKeys.all, 'detail', id] as const,
  disclosures: (id: string) => [...incidentKeys.all, 'detail', id, 'disclosures'] as const,
  preview: (id: string, redact: boolean) => [...incidentKeys.all, 'detail', id, 'preview', redact] as const,
  serviceAreas: () => [...incidentKeys.all, 'service-areas'] as const,
};
