import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { components } from '@/api/schema';
import { ApiError, unwrap } from '@/lib/api-error';
import { type AuditFilters, auditQuery } from '../utils/audit-filters';
import { apiPeriod, type Period } from '../utils/period';
import { boardKeys } from './board-keys';

type Schemas = components['schemas'];
export type Agreement = Schemas['AgreementDto'];
export type BoardAuditEntry = Schemas['BoardAuditEntryDto'];
export type AgreementReport = Schemas['AgreementReportDto'];
export type ParameterChange = Schemas['ParameterChangeDto'];

const AUDIT_PAGE = 50;

/** The agreements of the person's organization (the board's own are picked by the page). */
export function useBoardAgreements() {
  return useQuery({ queryKey: boardKeys.agreements(), queryFn: () => unwrap(api.GET('/api/v1/agreements')) });
}

export function useAgreement(agreementId: string) {
  return useQuery({
    queryKey: boardKeys.agreement(agreementId),
    queryFn: () => unwrap(api.GET('/api/v1/agreements/{agreementId}', { params: { path: { agreementId } } })),
    staleTime: 60_000,
  });
}

/** The agreement's report for the period: measures, the previous period, the weekly series, the SLA targets. */
export function useReport(agreementId: string, period: Period) {
  return useQuery({
    queryKey: boardKeys.report(agreementId, period),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/agreements/{agreementId}/report', {
          params: { path: { agreementId }, query: apiPeriod(period) },
        }),
      ) as Promise<AgreementReport>,
  });
}

/** The CSV of the same report (`format=csv`), a link the browser downloads with the session cookie. */
export function reportCsvUrl(agreementId: string, period: Period): string {
  const query = new URLSearchParams({ ...apiPeriod(period), format: 'csv' });
  return `/api/v1/agreements/${encodeURIComponent(agreementId)}/report?${query.toString()}`;
}

/** The audit trail, oldest first or newest first, page by page with the API's keyset cursor. */
export function useAuditSearch(agreement: Agreement, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: boardKeys.audit(agreement.id, filters),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/agreements/{agreementId}/audit', {
          params: {
            path: { agreementId: agreement.id },
            query: {
              ...auditQuery(filters, agreement),
              sort: '-seq',
              limit: AUDIT_PAGE,
              ...(pageParam !== null ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** The partnership's published key: what the bundle is verified against (not the copy inside it). */
export function usePublicKey(agreementId: string) {
  return useQuery({
    queryKey: boardKeys.publicKey(agreementId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/agreements/{agreementId}/audit/public-key', { params: { path: { agreementId } } })),
    staleTime: 5 * 60_000,
  });
}

export function useVersionDiff(agreementId: string, from: number, to: number) {
  return useQuery({
    queryKey: boardKeys.diff(agreementId, from, to),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/agreements/{agreementId}/diff', { params: { path: { agreementId }, query: { from, to } } }),
      ),
    enabled: from >= 1 && to > from,
  });
}

/**
 * Downloads the bundle as the bytes the server sent (verified as they are, never re-serialized), reporting the
 * bytes received. The export is audited (audit.export), so it is asked for only when the board member asks.
 */
export async function downloadBundle(
  agreementId: string,
  onBytes: (received: number, total: number | null) => void,
  signal?: AbortSignal,
): Promise<string> {
  let answer;
  try {
    answer = await api.GET('/api/v1/agreements/{agreementId}/audit/bundle', {
      params: { path: { agreementId } },
      parseAs: 'stream',
      signal,
    });
  } catch {
    throw ApiError.from(undefined, undefined);
  }
  const { data, error, response } = answer;
  if (error !== undefined || !response.ok || !data) throw ApiError.from(response, error);
  const length = Number(response.headers.get('Content-Length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const reader = data.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    text += decoder.decode(value, { stream: true });
    onBytes(received, total);
  }
  return text + decoder.decode();
}
