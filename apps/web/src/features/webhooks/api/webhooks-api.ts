import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/lib/api-error';
import { webhookKeys } from './webhooks-keys';

/** How often the list is asked again while the page is open, so new deliveries show without a reload. */
export const WEBHOOKS_POLL_MS = 30_000;

/** The organization's webhooks with their last deliveries (never a secret). */
export function useWebhooks() {
  return useQuery({
    queryKey: webhookKeys.list(),
    queryFn: () => unwrap(api.GET('/api/v1/webhooks')),
    refetchInterval: WEBHOOKS_POLL_MS,
  });
}

/**
 * Adds a webhook. The answer is the only one that ever carries the secret: the caller shows it once and forgets it;
 * the list is read again from the API, which never answers it.
 */
export function useAddWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (url: string) => unwrap(api.POST('/api/v1/webhooks', { body: { url } })),
    // The answer carries the secret: nothing keeps the mutation once no screen shows it.
    gcTime: 0,
    onSuccess: () => client.invalidateQueries({ queryKey: webhookKeys.list() }),
  });
}

export function useRemoveWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (webhookId: string) =>
      unwrap(api.DELETE('/api/v1/webhooks/{webhookId}', { params: { path: { webhookId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: webhookKeys.list() }),
  });
}
