import { type QueryClient, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { orNullWhen, unwrap } from './api-error';
import { SESSION_QUERY_KEY } from './query-client';

/** Query keys of the session (the convention: one key factory per feature, here for the shared session). */
export const sessionKeys = {
  me: () => SESSION_QUERY_KEY,
  organization: () => [...SESSION_QUERY_KEY, 'organization'] as const,
};

/** Where the sign-in page is, and why someone was sent there (shown in plain words; nothing personal). */
export type SignInReason = 'signed-out' | 'expired';

export function signInPath(reason?: SignInReason): string {
  return reason ? `/sign-in?reason=${reason}` : '/sign-in';
}

/**
 * Leaves the app for the sign-in page with a fresh document: the query cache is emptied first and
 * the page reloads, so nothing read before (not even in memory) survives, and the Back button
 * lands on a page that must ask the API again (which answers 401).
 */
export function leaveToSignIn(client: { clear(): void }, reason: SignInReason): void {
  client.clear();
  window.location.replace(signInPath(reason));
}

/** The session check (GET /me): the query `useSession` runs, and `prefetchSession` starts before the first render. */
export function sessionQuery(client: QueryClient) {
  return queryOptions({
    queryKey: sessionKeys.me(),
    // Nobody signed in: a state, not a failure. A session that just ended stays an error, so the
    // query client's handler sends the person to sign in with "your session ended".
    queryFn: () =>
      orNullWhen(
        unwrap(api.GET('/api/v1/me')),
        (error) => error.code === 'UNAUTHENTICATED' && !client.getQueryData(sessionKeys.me()),
      ),
    staleTime: 60_000,
  });
}

/** The signed-in person, or `null` when nobody is signed in (the API answered 401). */
export function useSession() {
  const client = useQueryClient();
  return useQuery(sessionQuery(client));
}

/**
 * Starts the session check at once, before React renders the page that will ask for it (the app opening on a page
 * behind sign-in, with that page's own first requests beside it); `useSession` then finds the answer or its way.
 */
export function prefetchSession(client: QueryClient): Promise<void> {
  return client.prefetchQuery(sessionQuery(client));
}

export function useSessionRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: sessionKeys.me() });
}

/** The signed-in person's organization (name and kind), for the header; only once signed in. */
export function useOwnOrganization(enabled: boolean) {
  return useQuery({
    queryKey: sessionKeys.organization(),
    queryFn: () => unwrap(api.GET('/api/v1/organizations/me')),
    staleTime: 5 * 60_000,
    enabled,
  });
}
