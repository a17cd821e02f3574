import type { AuditFilters } from '../utils/audit-filters';
import type { Period } from '../utils/period';

/** Query keys of the board feature (one factory per feature; see apps/web/README.md). */
export const boardKeys = {
  all: ['board'] as const,
  agreements: () => [...boardKeys.all, 'agreements'] as const,
  agreement: (id: string) => [...boardKeys.all, 'agreement', id] as const,
  report: (id: string, period: Period) => [...boardKeys.agreement(id), 'report', period] as const,
  audit: (id: string, filters: AuditFilters) => [...boardKeys.agreement(id), 'audit', filters] as const,
  publicKey: (id: string) => [...boardKeys.agreement(id), 'public-key'] as const,
  signOffs: (id: string) => [...boardKeys.agreement(id), 'sign-offs'] as const,
  diff: (id: string, from: number, to: number) => [...boardKeys.agreement(id), 'diff', from, to] as const,
};
