/** Query keys of the inbox feature (one factory per feature; see apps/web/README.md). */
export const inboxKeys = {
  all: ['inbox'] as const,
  lists: () => [...inboxKeys.all, 'list'] as const,
  list: (filter: 'unacknowledged' | 'all') => [...inboxKeys.lists(), filter] as const,
  item: (disclosureId: string) => [...inboxKeys.all, 'item', disclosureId] as const,
};
