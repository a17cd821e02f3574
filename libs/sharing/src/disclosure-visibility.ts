import type { Disclosure } from './disclosure.entity';

/**
 * What anyone may still see of a disclosure at `now`: it has a payload and it is within its agreed
 * retention. A legal hold keeps an expired payload in the table (the purge skips it) so it can be
 * produced later; it never keeps it on anyone's screen. Every read path (inbox, referral views,
 * notifications) asks this one rule, in SQL or in memory.
 */
export function isVisibleAt(disclosure: Pick<Disclosure, 'payload' | 'expiresAt'>, now: Date): boolean {
  return disclosure.payload !== null && disclosure.payload !== undefined && isWithinRetention(disclosure, now);
}

/** Within its agreed retention at `now` (a record shared through the disclosure lives as long, held or not). */
export function isWithinRetention(disclosure: Pick<Disclosure, 'expiresAt'>, now: Date): boolean {
  return disclosure.expiresAt.getTime() > now.getTime();
}

/** The same rule as a SQL condition on alias `alias`; `param` names the bound `now` (give it `now`). */
export function visibleAtSql(alias: string, param = 'visibleAt'): string {
  return `${alias}.payload IS NOT NULL AND ${alias}.expires_at > :${param}`;
}
