import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error';

/**
 * Answers leave memory soon after no screen shows them: what the API returns may be personal,
 * and the browser keeps nothing longer than it must (docs/security.md "The browser"). Nothing is persisted anywhere.
 */
export const QUERY_GC_TIME_MS = 30_000;

/**
 * The app's one query client. `onSessionEnded` runs when an answer says the session is gone
 * (logout elsewhere, idle or absolute timeout, disabled account) while the app thought it had one.
 */
export function createQueryClient(onSessionEnded: (client: QueryClient) => void): QueryClient {
  const ended = (error: unknown) => {
    if (isApiError(error, 'UNAUTHENTICATED') && client.getQueryData(SESSION_QUERY_KEY)) onSessionEnded(client);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: ended }),
    mutationCache: new MutationCache({ onError: ended }),
    defaultOptions: {
      queries: {
        gcTime: QUERY_GC_TIME_MS,
        // A refusal (4xx) will not change by asking again; a network blip or 503 may.
        retry: (failures, error) => failures < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
        refetchOnWindowFocus: true,
      },
      mutations: { gcTime: QUERY_GC_TIME_MS, retry: false },
    },
  });
  return client;
}

/**
 * The signed-in person (GET /api/v1/me): see lib/session.ts. Here so the client can tell "ended" from "never began".
 */
export const SESSION_QUERY_KEY = ['session', 'me'] as const;
