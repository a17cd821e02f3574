/** Query keys of the webhooks feature (one factory per feature; see apps/web/README.md). */
export const webhookKeys = {
  all: ['webhooks'] as const,
  list: () => [...webhookKeys.all, 'list'] as const,
};
