/** Query keys of the concerns feature (one factory per feature; see apps/web/README.md). */
export const concernKeys = {
  all: ['concerns'] as const,
  targets: () => [...concernKeys.all, 'targets'] as const,
  sent: () => [...concernKeys.all, 'sent'] as const,
};
