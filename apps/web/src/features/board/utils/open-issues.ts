import type { components } from '@/api/schema';
import { alertDirection, type Count } from './chart-data';

type Report = components['schemas']['AgreementReportDto'];

export type IssueKey =
  | 'followUpsOverdue'
  | 'alertsEscalated'
  | 'acknowledgedLate'
  | 'refusedForwarding'
  | 'identifierRefusals'
  | 'denials'
  | 'legalHoldsInForce'
  | 'consentExpiring'
  | 'unusualPoliceViews'
  | 'contentRoleSelfGrants';

export interface Issue {
  key: IssueKey;
  /** The count as the report gives it ("<3" stays "<3"), or the days it concerns. */
  count: string;
}

const some = (count: Count | number | null | undefined): count is Count =>
  count === '<3' || (typeof count === 'number' && count > 0);

/**
 * What the board should talk about: every measure of the period that is not zero and means a promise was missed
 * or a safeguard fired. A suppressed count ("<3") is at least one, so it is listed too.
 */
export function openIssues(report: Report): Issue[] {
  const m = report.measures;
  const alerts = alertDirection(m);
  const late =
    alerts && typeof alerts.acknowledged === 'number' && typeof alerts.acknowledgedInTime === 'number'
      ? alerts.acknowledged - alerts.acknowledgedInTime
      : null;
  const candidates: Array<[IssueKey, Count | number | null | undefined]> = [
    ['followUpsOverdue', m.responses.followUpsOverdue],
    ['alertsEscalated', alerts?.escalated],
    ['acknowledgedLate', late],
    ['refusedForwarding', m.safeguards.refusedForwardingAttempts],
    ['identifierRefusals', m.safeguards.identifierRefusals],
    ['denials', m.safeguards.denials],
    ['legalHoldsInForce', m.safeguards.legalHoldsInForceAtEnd],
    ['consentExpiring', report.consentExpiringWithin30Days],
    ['unusualPoliceViews', report.unusualPoliceViewDays.length],
    ['contentRoleSelfGrants', report.contentRoleSelfGrants.length],
  ];
  return candidates.filter(([, count]) => some(count)).map(([key, count]) => ({ key, count: String(count) }));
}
