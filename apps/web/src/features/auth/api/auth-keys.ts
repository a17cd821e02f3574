/** Query keys of the auth feature (one factory per feature; see apps/web/README.md). */
export const authKeys = {
  all: ['auth'] as const,
  demoAccounts: () => [...authKeys.all, 'demo-accounts'] as const,
};
