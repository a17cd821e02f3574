import { isApiError } from '@/lib/api-error';

/** What a page behind sign-in shows while and after the session is checked (app/RequireSession.tsx). */
export type SessionGate = 'page' | 'loading' | 'error' | 'sign-in';

export function sessionGate(session: {
  data?: unknown;
  error: unknown;
  isPending: boolean;
  isError: boolean;
}): SessionGate {
  // A background refetch of /me that fails on the network keeps the page as it is (TanStack keeps
  // the last answer): a blip on the street must not blank the inbox. A 401 reloads onto sign-in.
  if (session.data && !isApiError(session.error, 'UNAUTHENTICATED')) return 'page';
  if (session.isPending || isApiError(session.error, 'UNAUTHENTICATED')) return 'loading';
  if (session.isError) return 'error';
  return 'sign-in';
}
