import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { components } from '@/api/schema';
import { unwrap } from '@/lib/api-error';
import { inboxKeys } from './inbox-keys';

type Schemas = components['schemas'];
export type InboxItem = Schemas['InboxItemDto'];
export type Disclosure = Schemas['DisclosureDto'];
export type ResponseInput = Schemas['RecordResponseDto'];

/** The most the API gives in one page: nearly every worker's waiting items fit in the first. */
const WAITING_PAGE = 100;
const RECENT_PAGE = 25;

/**
 * One filter of the caller's inbox, page by page (keyset cursor, newest first). The inbox shows
 * two: what still waits for an acknowledgement, and the recent history. While the live stream is
 * down, `pollMs` asks again on a timer so nothing waits for the next reconnect.
 */
export function useInboxList(filter: 'unacknowledged' | 'all', pollMs: number | false) {
  return useInfiniteQuery({
    queryKey: inboxKeys.list(filter),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/inbox', {
          params: {
            query: {
              filter,
              limit: filter === 'unacknowledged' ? WAITING_PAGE : RECENT_PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: pollMs,
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
