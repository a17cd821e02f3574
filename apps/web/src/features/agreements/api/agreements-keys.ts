/** Query keys of the agreements feature (one factory per feature; see apps/web/README.md). */
export const agreementKeys = {
  all: ['agreements'] as const,
  list: () => [...agreementKeys.all, 'list'] as const,
  templates: () => [...agreementKeys.all, 'templates'] as const,
  detail: (id: string) => [...agreementKeys.all, 'detail', id] as const,
  diff: (id: string, from: number, to: number) => [...agreementKeys.detail(id), 'diff', from, to] as const,
  legalHolds: (id: string) => [...agreementKeys.detail(id), 'legal-holds'] as const,
  people: () => [...agreementKeys.all, 'people'] as const,
};
