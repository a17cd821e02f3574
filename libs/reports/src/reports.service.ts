import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BoardService, type ReviewSignOffView, ReviewSignOffsService } from '@accord/agreements';
import { agreementStream, AuditService, auditCallerOf } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { DomainException, ErrorCode, notFound } from '@accord/http';
import { Clock } from '@accord/identity';
import type { AuthContext } from '@accord/policy';
import { type MeasureSeries, measureSeries, type PeriodMeasures, periodMeasures } from './measures';
import { percentOrNull, secondsOrNull, unusualReadDays } from './report-rules';
import { type Count, suppress, toCsv } from './suppression';

export interface AgreementReport {
  agreementId: string;
  from: string;
  to: string;
  shares: { category: string; direction: 'police_to_partner' | 'partner_to_police'; count: Count }[];
  fieldsWithheld: { field: string; count: Count }[];
  denials: { action: string; actorOrgId: string | null; count: Count }[];
  acknowledgement: {
    delivered: Count;
    acknowledged: Count;
    slaMetPercent: number | null;
    medianSecondsToAcknowledge: number | null;
    p90SecondsToAcknowledge: number | null;
  };
  responses: { recorded: Count; responded: Count };
  /**
   * Both directions held to the same account: the alerts the police sent the partner and the community
   * concerns the partner sent the police (two-way agreements; zero under a one-way one) — how many were
   * shared, acknowledged, acknowledged within the flow's deadline, and escalated for want of it.
   */
  accountability: AccountabilityRow[];
  /**
   * The partner's steps (statuses, decline reasons) are empty for the police side unless a `referral_status` flow lets
   * them back.
   */
  referrals: {
    stepsReleased: boolean;
    byStatus: { status: string; count: Count }[];
    declineReasons: { reason: string; count: Count }[];
  };
  /** Forwarding to a third organization: no agreement can allow it, so every attempt is refused. */
  secondaryDissemination: { recorded: Count; refusedAttempts: Count };
  /**
   * Days on which police users read more than usual (reads of disclosures and referrals, a list counting each referral
   * it returned, > max(10, 3 × the period's median daily reads)).
   */
  unusualPoliceViewDays: { day: string; reads: Count }[];
  purges: { runs: Count; disclosuresPurged: Count };
  /**
   * Flags, not counts (so never suppressed): days on which an admin of a party with no second admin
   * gave themselves a role that reads shared content (issue 12), by organization and roles.
   */
  contentRoleSelfGrants: { day: string; orgId: string | null; roles: string }[];
  /** The acknowledgement deadlines of the version in force (the SLA targets the charts draw). */
  slaTargets: SlaTarget[];
  /** The alerts' target in hours (incident notifications to the partner), or null when the agreement sets none. */
  slaTargetHours: number | null;
  /** The period's measures (measures.ts; docs/reports.md, "Measures"). */
  measures: PeriodMeasures;
  /** The same measures for the period of the same length just before, to compare with. */
  previous: PeriodMeasures;
  /** The key measures per week (per calendar month for periods over 92 days), for trend lines. */
  series: MeasureSeries;
  /** Referrals whose recorded consent ends within the next 30 days (open, not withdrawn): a count only. */
  consentExpiringWithin30Days: Count;
  /** The board's last review sign-off of this agreement (any period), or null. */
  lastSignOff: ReviewSignOffView | null;
}

export interface SlaTarget {
  category: string;
  direction: 'police_to_partner' | 'partner_to_police';
  hours: number;
}

export interface AccountabilityRow {
  category: 'incident_notification' | 'community_concern';
  direction: 'police_to_partner' | 'partner_to_police';
  shared: Count;
  acknowledged: Count;
  slaMet: Count;
  escalated: Count;
}

const MAX_PERIOD_DAYS = 366;

/** The two directions the accountability section reports, alerts first; each always has a row. */
const ACCOUNTABLE: readonly Pick<AccountabilityRow, 'category' | 'direction'>[] = [
  { category: 'incident_notification', direction: 'police_to_partner' },
  { category: 'community_concern', direction: 'partner_to_police' },
];

/**
 * The board's report for one agreement and period, computed from what was recorded — the
 * disclosures and the agreement's audit stream — never from personal data. Counts of 1 or 2 are
 * suppressed.
 *
 * A read model: every query below is a SELECT over tables other libs own (agreements, audit_entries,
 * disclosures, disclosure_responses, referrals; declared in libs/schema/src/table-owners.ts), and
 * the lib owns and writes no table. The one thing a report records, its own export, goes through
 * AuditService. docs/architecture.md, "Reports are a read model".
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly board: BoardService,
    private readonly audit: AuditService,
    private readonly signOffs: ReviewSignOffsService,
    private readonly clock: Clock,
  ) {}

  async report(auth: AuthContext, agreementId: string, fromIso: string, toIso: string): Promise<AgreementReport> {
    await this.board.assertBoardMember(auth, agreementId);
    const from = new Date(fromIso);
    const to = new Date(toIso);
    if (!(from < to) || to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000) {
      throw new DomainException(
        ErrorCode.ValidationFailed,
        'The period must start before it ends and last at most a year',
        { fields: [{ path: 'to', problems: ['must be after from, within 366 days'] }] },
      );
    }
    const q = <T>(sql: string, params: unknown[]) => this.dataSource.query<T[]>(sql, params);
    const [found] = await q<{ id: string; police_org_id: string }>(
      `SELECT id, police_org_id FROM agreements WHERE id = $1`,
      [agreementId],
    );
    if (!found) throw notFound('Agreement');
    const agreement = { id: found.id, policeOrgId: found.police_org_id };
    const stream = agreementStream(agreementId);
    const period = [agreementId, from, to];

    const shares = await q<{ category: string; from_police: boolean; count: string }>(
      `SELECT category, sender_org_id = $4 AS from_police, count(*) FROM disclosures
       WHERE agreement_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY 1, 2 ORDER BY 1, 2`,
      [...period, agreement.policeOrgId],
    );
    const withheld = await q<{ field: string; count: string }>(
      `SELECT field, count(*) FROM disclosures, unnest(fields_withheld) AS field
       WHERE agreement_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY 1 ORDER BY 1`,
      period,
    );
    const denials = await q<{ action: string; actor_org_id: string | null; count: string }>(
      `SELECT action, actor_org_id, count(*) FROM audit_entries
       WHERE stream = $1 AND outcome = 'denied' AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1, 2 ORDER BY 1, 2`,
      [stream, from, to],
    );
    const [ack] = await q<{
      delivered: string;
      acknowledged: string;
      sla_met: string;
      sla_known: string;
      median: number | null;
      p90: number | null;
    }>(
      `SELECT count(*) FILTER (WHERE delivered_at IS NOT NULL) AS delivered,
              count(*) FILTER (WHERE acknowledged_at IS NOT NULL) AS acknowledged,
              count(*) FILTER (WHERE sla_met) AS sla_met,
              count(*) FILTER (WHERE sla_met IS NOT NULL) AS sla_known,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - created_at)) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - created_at)) AS p90
       FROM disclosures WHERE agreement_id = $1 AND created_at >= $2 AND created_at < $3`,
      period,
    );
    const [responses] = await q<{ recorded: string; responded: string }>(
      `SELECT count(r.id) AS recorded, count(r.id) FILTER (WHERE r.responded) AS responded
       FROM disclosures d JOIN disclosure_responses r ON r.disclosure_id = d.id
       WHERE d.agreement_id = $1 AND d.created_at >= $2 AND d.created_at < $3`,
      period,
    );
    const accountable = await q<{
      category: string;
      shared: string;
      acknowledged: string;
      sla_met: string;
      escalated: string;
    }>(
      `SELECT category, count(*) AS shared, count(acknowledged_at) AS acknowledged,
              count(*) FILTER (WHERE sla_met) AS sla_met, count(escalated_at) AS escalated
       FROM disclosures
       WHERE agreement_id = $1 AND created_at >= $2 AND created_at < $3
         AND ((category = 'incident_notification' AND sender_org_id = $4)
           OR (category = 'community_concern' AND sender_org_id <> $4))
       GROUP BY 1`,
      [...period, agreement.policeOrgId],
    );
    // Police reads of what was shared with them or what they sent: a disclosure or referral read counts one, a list
    // each referral it named.
    const policeReads = await q<{ day: string; reads: string }>(
      `SELECT to_char(date_trunc('day', occurred_at), 'YYYY-MM-DD') AS day,
              sum(CASE WHEN action = 'referral.list' THEN coalesce((details->>'count')::int, 0) ELSE 1 END) AS reads
       FROM audit_entries
       WHERE stream = $1 AND action IN ('disclosure.read', 'referral.read', 'referral.list') AND actor_org_id = $4
         AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1 ORDER BY 1`,
      [stream, from, to, agreement.policeOrgId],
    );
    // What the partner did with referrals is the partner's, unless the agreement sends status back.
    const stepsReleased = await this.board.referralStepsReleasedTo(auth, agreement);
    const referralStatuses = stepsReleased
      ? await q<{ status: string; count: string }>(
          `SELECT status, count(*) FROM referrals WHERE agreement_id = $1 AND created_at >= $2 AND created_at < $3
            GROUP BY 1 ORDER BY 1`,
          period,
        )
      : [];
    const declineReasons = stepsReleased
      ? await q<{ reason: string; count: string }>(
          `SELECT decline_reason AS reason, count(*) FROM referrals
           WHERE agreement_id = $1 AND created_at >= $2 AND created_at < $3 AND decline_reason IS NOT NULL GROUP BY 1
           ORDER BY 1`,
          period,
        )
      : [];
    const [forwarding] = await q<{ recorded: string; refused: string }>(
      `SELECT count(*) FILTER (WHERE outcome IN ('allowed', 'success')) AS recorded,
        count(*) FILTER (WHERE outcome = 'denied') AS refused
       FROM audit_entries WHERE stream = $1 AND action = 'referral.forward' AND occurred_at >= $2 AND occurred_at < $3`,
      [stream, from, to],
    );
    const [purges] = await q<{ runs: string; purged: string | null }>(
      `SELECT count(*) AS runs, sum((details->>'purged')::int) AS purged FROM audit_entries
       WHERE stream = $1 AND action = 'retention.purge' AND occurred_at >= $2 AND occurred_at < $3`,
      [stream, from, to],
    );
    const selfGrants = await q<{ day: string; org_id: string | null; roles: string }>(
      `SELECT to_char(date_trunc('day', occurred_at), 'YYYY-MM-DD') AS day, actor_org_id AS org_id,
        details->>'roles' AS roles FROM audit_entries
       WHERE stream = $1 AND action = 'user.content_role_grant' AND details->>'selfGrant' = 'true'
       AND occurred_at >= $2 AND occurred_at < $3 ORDER BY seq`,
      [stream, from, to],
    );

    const now = this.clock.now();
    const scope = { agreementId, policeOrgId: agreement.policeOrgId, stream, stepsReleased, now };
    const measures = await periodMeasures(q, scope, from, to);
    const previous = await periodMeasures(q, scope, new Date(2 * from.getTime() - to.getTime()), from);
    const series = await measureSeries(q, scope, from, to);
    const [consent] = await q<{ n: string }>(
      `SELECT count(*) AS n FROM referrals
       WHERE agreement_id = $1 AND consent_withdrawn_at IS NULL AND purged_at IS NULL
         AND status NOT IN ('retracted', 'declined', 'closed')
         AND consent_expires_on >= ($2::timestamptz AT TIME ZONE 'UTC')::date
         AND consent_expires_on < ($2::timestamptz AT TIME ZONE 'UTC')::date + 30`,
      [agreementId, now],
    );
    const slaTargets = await this.board.acknowledgementTargets(agreementId);

    const report: AgreementReport = {
      agreementId,
      from: from.toISOString(),
      to: to.toISOString(),
      shares: shares.map((r) => ({
        category: r.category,
        direction: r.from_police ? 'police_to_partner' : 'partner_to_police',
        count: suppress(Number(r.count)),
      })),
      fieldsWithheld: withheld.map((r) => ({ field: r.field, count: suppress(Number(r.count)) })),
      denials: denials.map((r) => ({ action: r.action, actorOrgId: r.actor_org_id, count: suppress(Number(r.count)) })),
      acknowledgement: {
        delivered: suppress(Number(ack!.delivered)),
        acknowledged: suppress(Number(ack!.acknowledged)),
        slaMetPercent: percentOrNull(Number(ack!.sla_met), Number(ack!.sla_known)),
        medianSecondsToAcknowledge: secondsOrNull(ack!.median, Number(ack!.acknowledged)),
        p90SecondsToAcknowledge: secondsOrNull(ack!.p90, Number(ack!.acknowledged)),
      },
      responses: { recorded: suppress(Number(responses!.recorded)), responded: suppress(Number(responses!.responded)) },
      accountability: ACCOUNTABLE.map((row) => {
        const found = accountable.find((r) => r.category === row.category);
        return {
          ...row,
          shared: suppress(Number(found?.shared ?? 0)),
          acknowledged: suppress(Number(found?.acknowledged ?? 0)),
          slaMet: suppress(Number(found?.sla_met ?? 0)),
          escalated: suppress(Number(found?.escalated ?? 0)),
        };
      }),
      referrals: {
        stepsReleased,
        byStatus: referralStatuses.map((r) => ({ status: r.status, count: suppress(Number(r.count)) })),
        declineReasons: declineReasons.map((r) => ({ reason: r.reason, count: suppress(Number(r.count)) })),
      },
      secondaryDissemination: {
        recorded: suppress(Number(forwarding!.recorded)),
        refusedAttempts: suppress(Number(forwarding!.refused)),
      },
      unusualPoliceViewDays: unusualReadDays(policeReads.map((r) => ({ day: r.day, reads: Number(r.reads) }))).map(
        (r) => ({ day: r.day, reads: suppress(r.reads) }),
      ),
      purges: { runs: suppress(Number(purges!.runs)), disclosuresPurged: suppress(Number(purges!.purged ?? 0)) },
      contentRoleSelfGrants: selfGrants.map((r) => ({ day: r.day, orgId: r.org_id, roles: r.roles })),
      slaTargets,
      slaTargetHours:
        slaTargets.find((t) => t.category === 'incident_notification' && t.direction === 'police_to_partner')?.hours ??
        null,
      measures,
      previous,
      series,
      consentExpiringWithin30Days: suppress(Number(consent!.n)),
      lastSignOff: await this.signOffs.lastFor(agreementId),
    };
    await inTransaction(this.dataSource, (tx) =>
      this.audit.record(tx, {
        stream,
        ...auditCallerOf(auth),
        action: 'report.export',
        subjectType: 'Report',
        agreementId,
        outcome: 'success',
      }),
    );
    return report;
  }

  toCsv(report: AgreementReport): string {
    const rows: Array<[string, string, string | number | null]> = [
      ['period', 'from', report.from],
      ['period', 'to', report.to],
      ...report.shares.map((s): [string, string, Count] => ['shares', `${s.category}/${s.direction}`, s.count]),
      ...report.fieldsWithheld.map((f): [string, string, Count] => ['fields_withheld', f.field, f.count]),
      ...report.denials.map((d): [string, string, Count] => [
        'denials',
        `${d.action}/${d.actorOrgId ?? 'system'}`,
        d.count,
      ]),
      ['acknowledgement', 'delivered', report.acknowledgement.delivered],
      ['acknowledgement', 'acknowledged', report.acknowledgement.acknowledged],
      ['acknowledgement', 'sla_met_percent', report.acknowledgement.slaMetPercent],
      ['acknowledgement', 'median_seconds', report.acknowledgement.medianSecondsToAcknowledge],
      ['acknowledgement', 'p90_seconds', report.acknowledgement.p90SecondsToAcknowledge],
      ['responses', 'recorded', report.responses.recorded],
      ['responses', 'responded', report.responses.responded],
      ...report.accountability.flatMap((a): Array<[string, string, Count]> =>
        (['shared', 'acknowledged', 'slaMet', 'escalated'] as const).map((key): [string, string, Count] => [
          'accountability',
          `${a.category}/${a.direction}/${key}`,
          a[key],
        ]),
      ),
      ...report.referrals.byStatus.map((r): [string, string, Count] => ['referrals_by_status', r.status, r.count]),
      ...report.referrals.declineReasons.map((r): [string, string, Count] => [
        'referral_decline_reasons',
        r.reason,
        r.count,
      ]),
      ['secondary_dissemination', 'recorded', report.secondaryDissemination.recorded],
      ['secondary_dissemination', 'refused_attempts', report.secondaryDissemination.refusedAttempts],
      ...report.unusualPoliceViewDays.map((d): [string, string, Count] => ['unusual_police_views', d.day, d.reads]),
      ['purges', 'runs', report.purges.runs],
      ['purges', 'disclosures_purged', report.purges.disclosuresPurged],
      ...report.contentRoleSelfGrants.map((g): [string, string, string] => [
        'content_role_self_grant',
        `${g.day}/${g.orgId ?? 'system'}`,
        g.roles,
      ]),
      ...report.slaTargets.map((t): [string, string, number] => [
        'sla_target_hours',
        `${t.category}/${t.direction}`,
        t.hours,
      ]),
      ...measureRows('measures', report.measures),
      ...measureRows('previous_measures', report.previous),
      ...report.series.points.flatMap(({ from, to: _to, ...point }) =>
        Object.entries(point).map(([key, value]): [string, string, Count | null] => [
          `series_${report.series.interval}`,
          `${from}/${key}`,
          value,
        ]),
      ),
      ['referrals', 'consent_expiring_within_30_days', report.consentExpiringWithin30Days],
      ...(report.lastSignOff
        ? ([
            ['last_sign_off', 'signed_at', report.lastSignOff.signedAt],
            ['last_sign_off', 'period', `${report.lastSignOff.from}/${report.lastSignOff.to}`],
            ['last_sign_off', 'org_id', report.lastSignOff.orgId],
          ] as Array<[string, string, string]>)
        : []),
    ];
    return toCsv(rows);
  }
}

/**
 * A period's measures as CSV rows: `section` is the group (measures.timings, …), `key` the measure, a
 * list's rows keyed by what names them (a state, a reason, a category/direction).
 */
function measureRows(prefix: string, m: PeriodMeasures): Array<[string, string, string | number | null]> {
  const rows: Array<[string, string, string | number | null]> = [[prefix, 'period', `${m.from}/${m.to}`]];
  for (const [name, timing] of Object.entries(m.timings)) {
    for (const [key, value] of Object.entries(timing ?? { sample: null, medianSeconds: null, p90Seconds: null }))
      rows.push([`${prefix}.timings`, `${name}/${key}`, value as string | number | null]);
  }
  for (const [key, value] of Object.entries(m.responses)) rows.push([`${prefix}.responses`, key, value]);
  const { declinedByReason, timeInState, ...referrals } = m.referrals;
  for (const [key, value] of Object.entries(referrals))
    rows.push([`${prefix}.referrals`, key, typeof value === 'boolean' ? String(value) : value]);
  for (const r of declinedByReason) rows.push([`${prefix}.referrals.declined_by_reason`, r.reason, r.count]);
  for (const t of timeInState) {
    rows.push([`${prefix}.referrals.time_in_state`, `${t.status}/stays`, t.stays]);
    rows.push([`${prefix}.referrals.time_in_state`, `${t.status}/median_seconds`, t.medianSeconds]);
  }
  for (const [key, value] of Object.entries(m.safeguards)) rows.push([`${prefix}.safeguards`, key, value]);
  for (const [name, bands] of Object.entries(m.distributions)) {
    for (const band of bands)
      rows.push([`${prefix}.distributions`, `${name}/${band.upToSeconds ?? 'more'}`, band.count]);
  }
  for (const d of m.directions) {
    const { category, direction, ...values } = d;
    for (const [key, value] of Object.entries(values))
      rows.push([`${prefix}.directions`, `${category}/${direction}/${key}`, value]);
  }
  return rows;
}
