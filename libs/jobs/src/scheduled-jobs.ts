import type { AppConfig } from '@accord/config';
import { JobName } from './job-names';

/** A job that runs on a clock rather than because a change was committed. */
export type ScheduledJob =
  | { name: JobName; every: (config: AppConfig) => number }
  | { name: JobName; dailyAtUtc: { hour: number; minute: number } };

/**
 * Every scheduled job. With Redis they become BullMQ job schedulers (one per name, upserted by
 * every worker, so several workers still give one schedule); without Redis the in-process runner
 * turns each tick into an outbox row, so ticks get the same retry rules as any other job.
 */
export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  // Checkpoints at least every 60 s while there is activity (the handler skips quiet streams).
  { name: JobName.AuditCheckpoint, every: (config) => config.auditCheckpointIntervalSeconds * 1000 },
  { name: JobName.AuditVerify, dailyAtUtc: { hour: 3, minute: 17 } },
  // Grants already ignore versions past their end date; this makes the ending visible and audited.
  { name: JobName.AgreementExpiry, every: () => 10 * 60 * 1000 },
  // Hourly, so a disclosure past its retention disappears well within the day docs/security.md allows ("Data").
  { name: JobName.RetentionPurge, every: () => 60 * 60 * 1000 },
  // Copies of referrals whose consent was withdrawn or whose agreement ended (immediate ones are purged by their own
  // job).
  { name: JobName.ReferralCopySweep, every: () => 60 * 60 * 1000 },
  { name: JobName.DisableInactiveAccounts, dailyAtUtc: { hour: 4, minute: 5 } },
];

/** The first daily run strictly after `now`. */
export function nextDailyRun(at: { hour: number; minute: number }, now: Date): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), at.hour, at.minute));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

/** Cron pattern of a daily run, for BullMQ (evaluated in UTC). */
export function dailyCronPattern(at: { hour: number; minute: number }): string {
  return `${at.minute} ${at.hour} * * *`;
}
