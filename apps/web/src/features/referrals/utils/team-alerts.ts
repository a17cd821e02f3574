import type { components } from '@/api/schema';

export type InboxItem = components['schemas']['InboxItemDto'];

/** An unacknowledged item with a deadline, as the triage page lists it. */
export interface OpenItem {
  item: InboxItem;
  dueAt: Date;
}

/**
 * The organization's unacknowledged items at a glance: those past their deadline (escalated to the
 * program managers: nobody acknowledged in time), the most overdue first, then the open ones, the
 * soonest deadline first. An item without a deadline, or already acknowledged, is neither. The
 * acknowledgement of an alert is the organization's (the first one counts), so one list serves the team.
 */
export function itemsAtAGlance(items: readonly InboxItem[], now: Date): { escalated: OpenItem[]; open: OpenItem[] } {
  const withDeadline = items
    .filter((item) => !item.acknowledgedAt && item.ackDueAt)
    .map((item) => ({ item, dueAt: new Date(item.ackDueAt!) }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return {
    escalated: withDeadline.filter((entry) => entry.dueAt.getTime() < now.getTime()),
    open: withDeadline.filter((entry) => entry.dueAt.getTime() >= now.getTime()),
  };
}

/** Where an item opens: a referral copy on its triage page, anything else in the inbox. */
export function itemLink(item: InboxItem): string {
  return item.category === 'referral' && item.referralId ? `/triage/${item.referralId}` : `/inbox/${item.disclosureId}`;
}
