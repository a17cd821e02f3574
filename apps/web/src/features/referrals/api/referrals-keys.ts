/** Query keys of the referrals feature (one factory per feature; see apps/web/README.md). */
export const referralKeys = {
  all: ['referrals'] as const,
  list: () => [...referralKeys.all, 'list'] as const,
  detail: (id: string) => [...referralKeys.all, 'detail', id] as const,
  notes: (id: string) => [...referralKeys.all, 'detail', id, 'notes'] as const,
  workers: () => [...referralKeys.all, 'workers'] as const,
  /** What waits for the organization's acknowledgement (the program manager's inbox, unacknowledged). */
  openItems: () => [...referralKeys.all, 'open-items'] as const,
  /** The police side: referrals the department sent, and where it may send one. */
  sent: () => [...referralKeys.all, 'sent'] as const,
  sentDetail: (id: string) => [...referralKeys.all, 'sent-detail', id] as const,
  targets: () => [...referralKeys.all, 'targets'] as const,
  agreementTitles: () => [...referralKeys.all, 'agreement-titles'] as const,
};
