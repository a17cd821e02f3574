/** Query keys of the people feature (one factory per feature; see apps/web/README.md). */
export const peopleKeys = {
  all: ['people'] as const,
  list: () => [...peopleKeys.all, 'list'] as const,
  person: (id: string) => [...peopleKeys.all, 'person', id] as const,
  events: (id: string) => [...peopleKeys.all, 'person', id, 'events'] as const,
};
