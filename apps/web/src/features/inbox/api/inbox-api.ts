import {
  infiniteQueryOptions,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '@/api/client';
import type { components } from '@/api/schema';
import { unwrap } from '@/lib/api-error';
import { inboxKeys } from './inbox-keys';
import { INBOX_FIRST_PAGES, type InboxFilter } from './inbox-pages.mjs';

type Schemas = components['schemas'];
export type InboxItem = Schemas['InboxItemDto'];
export type Disclosure = Schemas['DisclosureDto'];
export type ResponseInput = Schemas['RecordResponseDto'];

/** The size of each list's pages: for the waiting list the most the API gives, so nearly every worker's fit in one. */
const pageSize = (filter: InboxFilter): number => INBOX_FIRST_PAGES.find((list) => list.filter === filter)!.limit;

/**
 * A list fetched this recently is not asked again when the screen mounts or the window regains focus: the first
 * page fetched at start (`prefetchInboxLists`) is the screen's, not a request to repeat. The live stream, every change
 * the worker makes and the polling while the stream is down ask again whenever the list may have changed.
 */
const LIST_FRESH_MS = 10_000;

/**
 * One filter of the caller's inbox, page by page (keyset cursor, newest first): the screen's query and the one
 * fetched at start, so both are the same request under the same key. While the live stream is down, `pollMs` asks
 * again on a timer so nothing waits for the next reconnect.
 */
export function inboxListQuery(filter: InboxFilter, pollMs: number | false) {
  return infiniteQueryOptions({
    queryKey: inboxKeys.list(filter),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/inbox', {
          params: {
            query: {
              filter,
              limit: pageSize(filter),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    staleTime: LIST_FRESH_MS,
    refetchInterval: pollMs,
  });
}

/** One filter of the caller's inbox (the screen shows two: `INBOX_FIRST_PAGES`). */
export function useInboxList(filter: InboxFilter, pollMs: number | false) {
  return useInfiniteQuery(inboxListQuery(filter, pollMs));
}

/**
 * The first page of both lists, fetched before the screen is there (the app opening on /inbox, beside the session
 * check): the screen then finds them in the cache, or on their way, and asks for nothing again. A refused fetch
 * (nobody signed in: 401) leaves nothing behind; the query client ignores a 401 while no session is known, and the
 * session check sends the person to sign in.
 */
export async function prefetchInboxLists(client: QueryClient): Promise<void> {
  await Promise.all(INBOX_FIRST_PAGES.map(({ filter }) => client.prefetchInfiniteQuery(inboxListQuery(filter, false))));
  client.removeQueries({
    queryKey: inboxKeys.lists(),
    predicate: (query) => query.state.status === 'error' && query.getObserversCount() === 0,
  });
}

/** One item exactly as released. Each read is audited by the API, so it is not re-read on every focus. */
export function useInboxItem(disclosureId: string) {
  return useQuery({
    queryKey: inboxKeys.item(disclosureId),
    queryFn: () => unwrap(api.GET('/api/v1/inbox/{disclosureId}', { params: { path: { disclosureId } } })),
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}

/** After a change the API answers with the item as it now is; the lists are asked again. */
function useItemMutation<TInput>(disclosureId: string, call: (input: TInput) => Promise<Disclosure>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async (item) => {
      client.setQueryData(inboxKeys.item(disclosureId), item);
      await client.invalidateQueries({ queryKey: inboxKeys.lists() });
    },
  });
}

export function useAcknowledge(disclosureId: string) {
  return useItemMutation(disclosureId, () =>
    unwrap(api.POST('/api/v1/inbox/{disclosureId}/acknowledge', { params: { path: { disclosureId } } })),
  );
}

export function useRecordResponse(disclosureId: string) {
  return useItemMutation(disclosureId, (body: ResponseInput) =>
    unwrap(api.PUT('/api/v1/inbox/{disclosureId}/response', { params: { path: { disclosureId } }, body })),
  );
}
