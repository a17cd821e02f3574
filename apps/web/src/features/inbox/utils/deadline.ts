import type { components } from '@/api/schema';

type InboxItem = components['schemas']['InboxItemDto'];

const MINUTE_MS = 60_000;
const HOUR_MINUTES = 60;
const DAY_MINUTES = 24 * HOUR_MINUTES;

/** Less than this left before the deadline: the countdown says so louder (text and colour). */
export const DUE_SOON_MS = 60 * MINUTE_MS;

/** Where an item stands against its acknowledgement deadline at a given moment. */
export type DeadlineStatus =
  | { kind: 'none' }
  | { kind: 'due'; remainingMs: number; soon: boolean }
  | { kind: 'overdue'; overdueMs: number }
  | { kind: 'acknowledged'; at: Date; dueAt: Date | null; onTime: boolean | null };

/**
 * The deadline as the person should read it now. "On time" mirrors the server's rule (an
 * acknowledgement counts as met when it came no later than the deadline, libs/sharing
 * acknowledgement.ts) for display only: the API records the verdict itself.
 */
export function deadlineStatus(item: Pick<InboxItem, 'ackDueAt' | 'acknowledgedAt'>, now: Date): DeadlineStatus {
  const dueAt = item.ackDueAt ? new Date(item.ackDueAt) : null;
  if (item.acknowledgedAt) {
    const at = new Date(item.acknowledgedAt);
    return { kind: 'acknowledged', at, dueAt, onTime: dueAt ? at.getTime() <= dueAt.getTime() : null };
  }
  if (!dueAt) return { kind: 'none' };
  const remainingMs = dueAt.getTime() - now.getTime();
  if (remainingMs >= 0) return { kind: 'due', remainingMs, soon: remainingMs < DUE_SOON_MS };
  return { kind: 'overdue', overdueMs: -remainingMs };
}

export type DurationUnit = 'days' | 'hours' | 'minutes';

/**
 * A span as the largest two units worth saying ("1 h 12 min", "2 d 3 h"); empty under a minute.
 * Time left rounds up (never "0 min" while a minute is still running) and time past rounds down,
 * so neither ever claims more slack than there is.
 */
export function durationParts(ms: number, rounding: 'up' | 'down'): [DurationUnit, number][] {
  const totalMinutes = rounding === 'up' ? Math.ceil(ms / MINUTE_MS) : Math.floor(ms / MINUTE_MS);
  if (totalMinutes <= 0) return [];
  const days = Math.floor(totalMinutes / DAY_MINUTES);
  const hours = Math.floor((totalMinutes % DAY_MINUTES) / HOUR_MINUTES);
  const minutes = totalMinutes % HOUR_MINUTES;
  const parts: [DurationUnit, number][] = [];
  if (days > 0) {
    parts.push(['days', days]);
    if (hours > 0) parts.push(['hours', hours]);
    return parts;
  }
  if (hours > 0) parts.push(['hours', hours]);
  if (minutes > 0) parts.push(['minutes', minutes]);
  return parts;
}

/**
 * Waiting items first, the most pressing on top: overdue and due by deadline (earliest first),
 * then those without a deadline, newest first. Acknowledged items follow, newest first.
 */
export function byUrgency(a: InboxItem, b: InboxItem): number {
  const waiting = (item: InboxItem) => (item.acknowledgedAt ? 1 : 0);
  if (waiting(a) !== waiting(b)) return waiting(a) - waiting(b);
  if (!a.acknowledgedAt) {
    if (a.ackDueAt && b.ackDueAt && a.ackDueAt !== b.ackDueAt) return Date.parse(a.ackDueAt) - Date.parse(b.ackDueAt);
    if (a.ackDueAt && !b.ackDueAt) return -1;
    if (!a.ackDueAt && b.ackDueAt) return 1;
  }
  return Date.parse(b.receivedAt) - Date.parse(a.receivedAt);
}
