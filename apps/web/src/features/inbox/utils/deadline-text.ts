import type { TFunction } from 'i18next';
import { type DeadlineStatus, durationParts, type DurationUnit } from './deadline';

/** "1 h 12 min" in the person's language; empty under a minute (callers have their own words). */
export function durationText(parts: [DurationUnit, number][], t: TFunction<'inbox'>): string {
  return parts.map(([unit, count]) => t(`units.${unit}`, { count })).join(' ');
}

/**
 * The deadline in words — never colour alone: "Due in 1 h 12 min", "Overdue by 5 min",
 * "Acknowledged at 3:05 PM — within the deadline". `formatTime` renders a moment for the reader.
 */
export function deadlineText(status: DeadlineStatus, t: TFunction<'inbox'>, formatTime: (at: Date) => string): string {
  switch (status.kind) {
    case 'none':
      return t('deadline.none');
    case 'due': {
      const parts = durationParts(status.remainingMs, 'up');
      return parts.length ? t('deadline.dueIn', { duration: durationText(parts, t) }) : t('deadline.dueInUnderMinute');
    }
    case 'overdue': {
      const parts = durationParts(status.overdueMs, 'down');
      return parts.length
        ? t('deadline.overdueBy', { duration: durationText(parts, t) })
        : t('deadline.overdueByUnderMinute');
    }
    case 'acknowledged': {
      const time = formatTime(status.at);
      if (status.onTime === null) return t('deadline.acknowledged', { time });
      return status.onTime ? t('deadline.acknowledgedWithin', { time }) : t('deadline.acknowledgedAfter', { time });
    }
  }
}
