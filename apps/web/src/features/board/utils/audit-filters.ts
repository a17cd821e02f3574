import { endOfLocalDay, fromLocalInput } from '@/lib/local-time';

/** The audit browser's filters, as kept in the address (`?action=…&party=…&from=…&to=…`). */
export interface AuditFilters {
  action: string;
  party: '' | 'police' | 'partner';
  from: string;
  to: string;
}

const ACTION = /^[a-z][a-z0-9_.]{1,63}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function auditFiltersFrom(params: URLSearchParams): AuditFilters {
  const action = params.get('action') ?? '';
  const party = params.get('party');
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  return {
    action: ACTION.test(action) ? action : '',
    party: party === 'police' || party === 'partner' ? party : '',
    from: DAY.test(from) ? from : '',
    to: DAY.test(to) ? to : '',
  };
}

export function auditSearchOf(filters: AuditFilters): URLSearchParams {
  return new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ''));
}

/** The API's query for these filters (the party as its organization id; days as local moments, `to` inclusive). */
export function auditQuery(
  filters: AuditFilters,
  parties: { policeOrgId: string; partnerOrgId: string },
): { action?: string; actorOrgId?: string; from?: string; to?: string } {
  const query: { action?: string; actorOrgId?: string; from?: string; to?: string } = {};
  if (filters.action) query.action = filters.action;
  if (filters.party) query.actorOrgId = filters.party === 'police' ? parties.policeOrgId : parties.partnerOrgId;
  const from = fromLocalInput(filters.from);
  const to = filters.to ? endOfLocalDay(filters.to) : undefined;
  if (from) query.from = from;
  if (to) query.to = to;
  return query;
}
