/** Query keys of the service-areas feature (one factory per feature; see apps/web/README.md). */
export const serviceAreaKeys = {
  all: ['service-areas'] as const,
  current: () => [...serviceAreaKeys.all, 'current'] as const,
};
