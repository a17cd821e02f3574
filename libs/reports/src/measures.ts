import { percentOrNull } from './report-rules';
import { type Count, suppress } from './suppression';

/**
 * The board's measures of the response for one period (docs/reports.md, "Measures"): how fast,
 * how complete, what happened to referrals, and what the safeguards caught. Counts only, and times
 * in whole seconds; no row, person or free text. Every count of 1 or 2 is "<3"; a median needs
 * MIN_MEDIAN_SAMPLE values and a p90 MIN_P90_SAMPLE, else null (timingOf).
 */
export interface PeriodMeasures {
  from: string;
  to: string;
  timings: {
    /** Incident (its occurrence) → the alert's share, per alert (first revision) shared in the period. */
    incidentToShare: Timing;
    /** Share → the partner's acknowledgement, per alert shared in the period. */
    shareToAcknowledgement: Timing;
    /** Referral sent → its first contact attempt, per referral sent in the period (null: steps not released). */
    referralToFirstContactAttempt: Timing | null;
  };
  responses: {
    /** Alerts (first revisions of incident notifications, police → partner) shared in the period. */
    alerts: Count;
    /** Of those, alerts with a response recorded by the partner (responded or not). */
    recorded: Count;
    recordedPercent: number | null;
    /** Of those, alerts the partner responded to. */
    responded: Count;
    /** Responses with a start and an end: the stay at the scene or the bedside. */
    stays: Count;
    stayTotalSeconds: number | null;
    stayMedianSeconds: number | null;
    /** Responses that include a post-incident walk, and of them those started within 24 h of the incident. */
    walks: Count;
    walksWithin24h: Count;
    /** Follow-ups due in the period: done by the due time, done after it, not done and overdue now. */
    followUpsDue: Count;
    followUpsDoneOnTime: Count;
    followUpsDoneLate: Count;
    followUpsOverdue: Count;
  };
  referrals: {
    /** False for the police side when the agreement sends no status back: the partner's steps are null. */
    stepsReleased: boolean;
    sent: Count;
    retracted: Count;
    /** The rest: how many of the referrals sent in the period reached each step (null when not released). */
    accepted: Count | null;
    declined: Count | null;
    declinedByReason: { reason: string; count: Count }[];
    contactAttempted: Count | null;
    engaged: Count | null;
    unableToReach: Count | null;
    refusedServices: Count | null;
    closed: Count | null;
    /** Time spent in each state before the next step (stays still open are not counted). */
    timeInState: { status: string; stays: Count; medianSeconds: number | null }[];
  };
  safeguards: {
    /** Every refusal recorded in the agreement's stream (reads, shares, transitions, forwarding…). */
    denials: Count;
    /** Attempts to forward a referral to a third organization: no agreement allows it. */
    refusedForwardingAttempts: Count;
    /** Shares or concerns refused because free text held identifiers and the sender did not redact. */
    identifierRefusals: Count;
    /** Shares made with redaction, and the identifiers redacted in them. */
    redactedShares: Count;
    redactions: Count;
    /** Copies whose payload was purged in the period (retention, retraction, consent withdrawn). */
    disclosuresPurged: Count;
    legalHoldsSet: Count;
    legalHoldsLifted: Count;
    /** Holds in place at the end of the period (0 or more; a count of holds, never suppressed: it names no one). */
    legalHoldsInForceAtEnd: number;
  };
  /** Both directions: alerts and referrals to the partner, concerns and status back to the police. */
  directions: DirectionMeasure[];
  /** How the times spread, for the distribution charts: the same values as `timings`, counted in fixed bands. */
  distributions: {
    incidentToShare: DistributionBand[];
    shareToAcknowledgement: DistributionBand[];
    /** Empty when the partner's steps are not released. */
    referralToFirstContactAttempt: DistributionBand[];
  };
}

/** The values up to `upToSeconds` (and above the band before); the last band, `null`, holds the rest. */
export interface DistributionBand {
  upToSeconds: number | null;
  count: Count;
}

/** The bands' upper bounds: 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 24 h, 3 days, then the rest. */
export const DISTRIBUTION_BANDS: readonly number[] = [900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 259_200];

/** Counts `values` (seconds) in DISTRIBUTION_BANDS, each count suppressed. */
export function distributionOf(values: readonly number[]): DistributionBand[] {
  const counts = new Array<number>(DISTRIBUTION_BANDS.length + 1).fill(0);
  for (const v of values) {
    const band = DISTRIBUTION_BANDS.findIndex((upTo) => v <= upTo);
    counts[band === -1 ? DISTRIBUTION_BANDS.length : band]! += 1;
  }
  return counts.map((n, i) => ({ upToSeconds: DISTRIBUTION_BANDS[i] ?? null, count: suppress(n) }));
}

export interface Timing {
  /** How many values the times rest on. */
  sample: Count;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export type Direction = 'police_to_partner' | 'partner_to_police';
export type DirectionCategory = 'incident_notification' | 'referral' | 'community_concern' | 'referral_status';

export interface DirectionMeasure {
  category: DirectionCategory;
  direction: Direction;
  shared: Count;
  acknowledged: Count;
  acknowledgedInTime: Count;
  escalated: Count;
  medianSecondsToAcknowledge: number | null;
}

/** One bucket of the trend series (a week, or a calendar month for periods over 92 days). */
export interface SeriesPoint {
  from: string;
  to: string;
  alerts: Count;
  acknowledged: Count;
  acknowledgedInTime: Count;
  medianSecondsToAcknowledge: number | null;
  responsesRecorded: Count;
  walksWithin24h: Count;
  concerns: Count;
  referralsSent: Count;
  /** Null when the partner's steps are not released to the caller's side. */
  referralsEngaged: Count | null;
}

export interface MeasureSeries {
  interval: 'week' | 'month';
  points: SeriesPoint[];
}

/** A median rests on at least this many values: below it, the middle value is one person's time. */
export const MIN_MEDIAN_SAMPLE = 5;
/** A 90th percentile rests on at least this many values: below it, it is (nearly) the slowest one's time. */
export const MIN_P90_SAMPLE = 10;
/** Periods longer than this get a monthly series instead of a weekly one. */
export const WEEKLY_SERIES_MAX_DAYS = 92;

const DAY_MS = 86_400_000;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const seconds = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v)));

/** A median and p90 from `n` values, each shown only from its minimum sample. */
export function timingOf(n: number, median: unknown, p90: unknown): Timing {
  return {
    sample: suppress(n),
    medianSeconds: n >= MIN_MEDIAN_SAMPLE ? seconds(median) : null,
    p90Seconds: n >= MIN_P90_SAMPLE ? seconds(p90) : null,
  };
}

/** PostgreSQL's percentile_cont over `values`: linear interpolation between the closest ranks; null when empty. */
export function percentileCont(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** A median alone (time in a state, time to acknowledge per direction or week). */
export function medianOf(n: number, median: unknown): number | null {
  return n >= MIN_MEDIAN_SAMPLE ? seconds(median) : null;
}

/** The buckets of a period's series: weeks from its start, or calendar months (UTC) clipped to it. */
export function seriesBuckets(from: Date, to: Date): { interval: 'week' | 'month'; starts: Date[] } {
  const starts: Date[] = [];
  if (to.getTime() - from.getTime() <= WEEKLY_SERIES_MAX_DAYS * DAY_MS) {
    for (let t = from.getTime(); t < to.getTime(); t += 7 * DAY_MS) starts.push(new Date(t));
    return { interval: 'week', starts };
  }
  starts.push(from);
  let next = Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1);
  while (next < to.getTime()) {
    starts.push(new Date(next));
    const d = new Date(next);
    next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return { interval: 'month', starts };
}

type Query = <T>(sql: string, params: unknown[]) => Promise<T[]>;

export interface MeasureScope {
  agreementId: string;
  policeOrgId: string;
  stream: string;
  stepsReleased: boolean;
  /** The report's now (follow-ups overdue). */
  now: Date;
}

/**
 * The alerts a period counts: first revisions of incident notifications from the police shared in
 * [$2, $3), with their incident's occurrence. $1 agreement, $4 the police organization.
 */
const ALERTS = `alerts AS (
  SELECT d.id, d.source_id, d.flow_id, d.created_at, d.acknowledged_at, d.sla_met, i.occurred_at
  FROM disclosures d LEFT JOIN incidents i ON d.source_type = 'incident' AND i.id = d.source_id
  WHERE d.agreement_id = $1 AND d.category = 'incident_notification' AND d.sender_org_id = $4 AND d.revision = 1
    AND d.created_at >= $2 AND d.created_at < $3)`;

/** Each alert's response: the latest recorded on any revision of it (a correction is the same alert). */
const RESPONSES = `responses AS (
  SELECT a.id AS alert_id, a.occurred_at, r.responded, r.response_types, r.started_at, r.ended_at
  FROM alerts a JOIN LATERAL (
    SELECT r.responded, r.response_types, r.started_at, r.ended_at
    FROM disclosures d2 JOIN disclosure_responses r ON r.disclosure_id = d2.id
    WHERE d2.agreement_id = $1 AND d2.source_id = a.source_id AND d2.flow_id = a.flow_id
    ORDER BY r.updated_at DESC, r.id LIMIT 1) r ON true)`;

/** A response that includes a walk started within 24 h of its incident. */
const WALK_WITHIN_24H = `'post_incident_walk' = ANY(response_types) AND started_at IS NOT NULL
  AND occurred_at IS NOT NULL AND started_at <= occurred_at + interval '24 hours'`;

/**
 * The referral's lifecycle as its stream recorded it: `referral.create` (sent) and each successful
 * `referral.transition`, a step onto the same state (another attempt, re-assignment) folded into the
 * stay it continues. $1 agreement, $2/$3 the period (referrals sent in it), $4 the stream.
 */
const REFERRAL_STEPS = `sent AS (
  SELECT id, status, decline_reason FROM referrals WHERE agreement_id = $1 AND created_at >= $2 AND created_at < $3),
steps AS (
  SELECT e.subject_id AS referral_id, e.seq, e.occurred_at,
         CASE WHEN e.action = 'referral.create' THEN 'sent' ELSE e.details->>'to' END AS state
  FROM audit_entries e
  WHERE e.stream = $4 AND e.subject_type = 'Referral' AND e.outcome IN ('allowed', 'success')
    AND e.action IN ('referral.create', 'referral.transition') AND e.subject_id IN (SELECT id::text FROM sent)),
changes AS (
  SELECT * FROM (
    SELECT referral_id, seq, occurred_at, state,
           lag(state) OVER (PARTITION BY referral_id ORDER BY seq) AS before
    FROM steps) s
  WHERE before IS DISTINCT FROM state),
stays AS (
  SELECT referral_id, state, occurred_at,
         lead(occurred_at) OVER (PARTITION BY referral_id ORDER BY seq) AS left_at
  FROM changes)`;

export async function periodMeasures(q: Query, scope: MeasureScope, from: Date, to: Date): Promise<PeriodMeasures> {
  const period = [scope.agreementId, from, to];
  const [alerts] = await q<Record<string, unknown>>(
    `WITH ${ALERTS}
     SELECT count(*) AS alerts, count(occurred_at) AS to_share_n,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM created_at - occurred_at)) AS to_share_median,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM created_at - occurred_at)) AS to_share_p90,
       count(acknowledged_at) AS ack_n,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - created_at)) AS ack_median,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - created_at)) AS ack_p90
     FROM alerts`,
    [...period, scope.policeOrgId],
  );
  const alertTimes = await q<{ to_share: number | null; to_ack: number | null }>(
    `WITH ${ALERTS}
     SELECT extract(epoch FROM created_at - occurred_at)::float8 AS to_share,
            extract(epoch FROM acknowledged_at - created_at)::float8 AS to_ack
     FROM alerts`,
    [...period, scope.policeOrgId],
  );
  const [responses] = await q<Record<string, unknown>>(
    `WITH ${ALERTS}, ${RESPONSES}
     SELECT count(*) AS recorded, count(*) FILTER (WHERE responded) AS responded,
       count(*) FILTER (WHERE started_at IS NOT NULL AND ended_at IS NOT NULL) AS stays,
       sum(extract(epoch FROM ended_at - started_at)) AS stay_total,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ended_at - started_at)) AS stay_median,
       count(*) FILTER (WHERE 'post_incident_walk' = ANY(response_types)) AS walks,
       count(*) FILTER (WHERE ${WALK_WITHIN_24H}) AS walks_24h
     FROM responses`,
    [...period, scope.policeOrgId],
  );
  const [followUps] = await q<Record<string, unknown>>(
    `SELECT count(*) AS due,
       count(*) FILTER (WHERE r.follow_up_done_at <= r.follow_up_due_at) AS on_time,
       count(*) FILTER (WHERE r.follow_up_done_at > r.follow_up_due_at) AS late,
       count(*) FILTER (WHERE r.follow_up_done_at IS NULL AND r.follow_up_due_at < $4) AS overdue
     FROM disclosure_responses r JOIN disclosures d ON d.id = r.disclosure_id
     WHERE d.agreement_id = $1 AND r.follow_up_due_at >= $2 AND r.follow_up_due_at < $3`,
    [...period, scope.now],
  );
  const [referrals] = await q<Record<string, unknown>>(
    `WITH ${REFERRAL_STEPS}
     SELECT count(*) AS sent,
       count(*) FILTER (WHERE status = 'retracted') AS retracted,
       count(*) FILTER (WHERE status NOT IN ('sent', 'retracted', 'declined')) AS accepted,
       count(*) FILTER (WHERE status = 'declined') AS declined,
       count(*) FILTER (WHERE status IN ('contact_attempted', 'engaged', 'unable_to_reach', 'refused_services')
         OR EXISTS (SELECT 1 FROM steps WHERE referral_id = sent.id::text AND state = 'contact_attempted'))
         AS contact_attempted,
       count(*) FILTER (WHERE status = 'engaged'
         OR EXISTS (SELECT 1 FROM steps WHERE referral_id = sent.id::text AND state = 'engaged')) AS engaged,
       count(*) FILTER (WHERE status = 'unable_to_reach'
         OR EXISTS (SELECT 1 FROM steps WHERE referral_id = sent.id::text AND state = 'unable_to_reach'))
         AS unable_to_reach,
       count(*) FILTER (WHERE status = 'refused_services'
         OR EXISTS (SELECT 1 FROM steps WHERE referral_id = sent.id::text AND state = 'refused_services'))
         AS refused_services,
       count(*) FILTER (WHERE status = 'closed') AS closed
     FROM sent`,
    [...period, scope.stream],
  );
  const declineReasons = await q<{ reason: string; count: string }>(
    `SELECT decline_reason AS reason, count(*) FROM referrals
     WHERE agreement_id = $1 AND created_at >= $2 AND created_at < $3 AND status = 'declined'
       AND decline_reason IS NOT NULL
     GROUP BY 1 ORDER BY 1`,
    period,
  );
  const timeInState = await q<{ state: string; n: string; median: number | null }>(
    `WITH ${REFERRAL_STEPS}
     SELECT state, count(*) AS n,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM left_at - occurred_at)) AS median
     FROM stays WHERE left_at IS NOT NULL GROUP BY state ORDER BY state`,
    [...period, scope.stream],
  );
  const firstContacts = await q<{ waited: number }>(
    `WITH ${REFERRAL_STEPS},
     firsts AS (
       SELECT referral_id,
         min(occurred_at) FILTER (WHERE state = 'contact_attempted') - min(occurred_at) FILTER (WHERE state = 'sent')
           AS waited
       FROM steps GROUP BY referral_id)
     SELECT extract(epoch FROM waited)::float8 AS waited FROM firsts WHERE waited IS NOT NULL`,
    [...period, scope.stream],
  );
  const waits = firstContacts.map((r) => Number(r.waited));
  const firstContact = {
    n: waits.length,
    median: percentileCont(waits, 0.5),
    p90: percentileCont(waits, 0.9),
  };
  const [safeguards] = await q<Record<string, unknown>>(
    `SELECT count(*) FILTER (WHERE outcome = 'denied') AS denials,
       count(*) FILTER (WHERE action = 'referral.forward' AND outcome = 'denied') AS refused_forwarding,
       count(*) FILTER (WHERE outcome = 'denied' AND reason = 'IDENTIFIERS_FOUND') AS identifier_refusals,
       count(*) FILTER (WHERE action = 'disclosure.create' AND (details->>'redactions')::int > 0) AS redacted_shares,
       coalesce(sum((details->>'redactions')::int) FILTER (WHERE action = 'disclosure.create'), 0) AS redactions,
       count(*) FILTER (WHERE action = 'legal_hold.set' AND outcome = 'success') AS holds_set,
       count(*) FILTER (WHERE action = 'legal_hold.lift' AND outcome = 'success') AS holds_lifted
     FROM audit_entries WHERE stream = $1 AND occurred_at >= $2 AND occurred_at < $3`,
    [scope.stream, from, to],
  );
  const [holds] = await q<{ in_force: string }>(
    `SELECT count(*) FILTER (WHERE action = 'legal_hold.set') - count(*) FILTER (WHERE action = 'legal_hold.lift')
       AS in_force
     FROM audit_entries WHERE stream = $1 AND action IN ('legal_hold.set', 'legal_hold.lift') AND outcome = 'success'
       AND occurred_at < $2`,
    [scope.stream, to],
  );
  const [purged] = await q<{ n: string }>(
    `SELECT count(*) AS n FROM disclosures WHERE agreement_id = $1 AND purged_at >= $2 AND purged_at < $3`,
    period,
  );
  const directionRows = await q<Record<string, unknown>>(
    `SELECT category, sender_org_id = $4 AS from_police, count(*) AS shared, count(acknowledged_at) AS acknowledged,
       count(*) FILTER (WHERE sla_met) AS in_time, count(escalated_at) AS escalated,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - created_at)) AS median
     FROM disclosures
     WHERE agreement_id = $1 AND created_at >= $2 AND created_at < $3 AND revision = 1
     GROUP BY 1, 2`,
    [...period, scope.policeOrgId],
  );

  const released = scope.stepsReleased;
  const step = (v: unknown): Count | null => (released ? suppress(num(v)) : null);
  const nAlerts = num(alerts!.alerts);
  const nRecorded = num(responses!.recorded);
  const nStays = num(responses!.stays);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    timings: {
      incidentToShare: timingOf(num(alerts!.to_share_n), alerts!.to_share_median, alerts!.to_share_p90),
      shareToAcknowledgement: timingOf(num(alerts!.ack_n), alerts!.ack_median, alerts!.ack_p90),
      referralToFirstContactAttempt: released ? timingOf(firstContact.n, firstContact.median, firstContact.p90) : null,
    },
    responses: {
      alerts: suppress(nAlerts),
      recorded: suppress(nRecorded),
      recordedPercent: percentOrNull(nRecorded, nAlerts),
      responded: suppress(num(responses!.responded)),
      stays: suppress(nStays),
      stayTotalSeconds: nStays >= 3 ? seconds(responses!.stay_total) : null,
      stayMedianSeconds: medianOf(nStays, responses!.stay_median),
      walks: suppress(num(responses!.walks)),
      walksWithin24h: suppress(num(responses!.walks_24h)),
      followUpsDue: suppress(num(followUps!.due)),
      followUpsDoneOnTime: suppress(num(followUps!.on_time)),
      followUpsDoneLate: suppress(num(followUps!.late)),
      followUpsOverdue: suppress(num(followUps!.overdue)),
    },
    referrals: {
      stepsReleased: released,
      sent: suppress(num(referrals!.sent)),
      retracted: suppress(num(referrals!.retracted)),
      accepted: step(referrals!.accepted),
      declined: step(referrals!.declined),
      declinedByReason: released
        ? declineReasons.map((r) => ({ reason: r.reason, count: suppress(num(r.count)) }))
        : [],
      contactAttempted: step(referrals!.contact_attempted),
      engaged: step(referrals!.engaged),
      unableToReach: step(referrals!.unable_to_reach),
      refusedServices: step(referrals!.refused_services),
      closed: step(referrals!.closed),
      timeInState: released
        ? timeInState.map((r) => ({
            status: r.state,
            stays: suppress(num(r.n)),
            medianSeconds: medianOf(num(r.n), r.median),
          }))
        : [],
    },
    safeguards: {
      denials: suppress(num(safeguards!.denials)),
      refusedForwardingAttempts: suppress(num(safeguards!.refused_forwarding)),
      identifierRefusals: suppress(num(safeguards!.identifier_refusals)),
      redactedShares: suppress(num(safeguards!.redacted_shares)),
      redactions: suppress(num(safeguards!.redactions)),
      disclosuresPurged: suppress(num(purged!.n)),
      legalHoldsSet: suppress(num(safeguards!.holds_set)),
      legalHoldsLifted: suppress(num(safeguards!.holds_lifted)),
      legalHoldsInForceAtEnd: Math.max(0, num(holds!.in_force)),
    },
    distributions: {
      incidentToShare: distributionOf(alertTimes.flatMap((r) => (r.to_share === null ? [] : [Number(r.to_share)]))),
      shareToAcknowledgement: distributionOf(alertTimes.flatMap((r) => (r.to_ack === null ? [] : [Number(r.to_ack)]))),
      referralToFirstContactAttempt: released ? distributionOf(waits) : [],
    },
    directions: DIRECTIONS.map(({ category, direction }) => {
      const row = directionRows.find(
        (r) => r.category === category && r.from_police === (direction === 'police_to_partner'),
      );
      // The partner's steps on referrals (acknowledging a copy is accepting or declining it) follow the release rule.
      const hidden = category === 'referral' && !released;
      const n = hidden ? 0 : num(row?.acknowledged);
      return {
        category,
        direction,
        shared: suppress(num(row?.shared)),
        acknowledged: suppress(n),
        acknowledgedInTime: suppress(hidden ? 0 : num(row?.in_time)),
        escalated: suppress(hidden ? 0 : num(row?.escalated)),
        medianSecondsToAcknowledge: medianOf(n, row?.median),
      };
    }),
  };
}

const DIRECTIONS: readonly { category: DirectionCategory; direction: Direction }[] = [
  { category: 'incident_notification', direction: 'police_to_partner' },
  { category: 'referral', direction: 'police_to_partner' },
  { category: 'community_concern', direction: 'partner_to_police' },
  { category: 'referral_status', direction: 'partner_to_police' },
];

/** The trend series over the period's weeks (or months): the key measures per bucket. */
export async function measureSeries(q: Query, scope: MeasureScope, from: Date, to: Date): Promise<MeasureSeries> {
  const { interval, starts } = seriesBuckets(from, to);
  const bounds = starts.map((s) => s.getTime() / 1000);
  const bucket = (column: string) => `width_bucket(extract(epoch FROM ${column}), $5::float8[])`;
  const params = [scope.agreementId, from, to, scope.policeOrgId, bounds];
  const alertRows = await q<Record<string, unknown>>(
    `WITH ${ALERTS}, ${RESPONSES}
     SELECT ${bucket('a.created_at')} AS b, count(*) AS alerts, count(a.acknowledged_at) AS acknowledged,
       count(*) FILTER (WHERE a.sla_met) AS in_time,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.acknowledged_at - a.created_at)) AS median,
       count(r.alert_id) AS recorded,
       count(*) FILTER (WHERE ${WALK_WITHIN_24H.replace(/(response_types|started_at|occurred_at)/g, 'r.$1')}) AS walks
     FROM alerts a LEFT JOIN responses r ON r.alert_id = a.id GROUP BY 1`,
    params,
  );
  const concernRows = await q<Record<string, unknown>>(
    `SELECT ${bucket('created_at')} AS b, count(*) AS concerns FROM disclosures
     WHERE agreement_id = $1 AND created_at >= $2 AND created_at < $3 AND category = 'community_concern'
       AND sender_org_id <> $4 AND revision = 1
     GROUP BY 1`,
    params,
  );
  const referralRows = await q<Record<string, unknown>>(
    `SELECT ${bucket('r.created_at')} AS b, count(*) AS sent,
       count(*) FILTER (WHERE r.status = 'engaged' OR EXISTS (
         SELECT 1 FROM audit_entries e WHERE e.stream = $6 AND e.action = 'referral.transition'
           AND e.outcome = 'success' AND e.subject_id = r.id::text AND e.details->>'to' = 'engaged')) AS engaged
     FROM referrals r WHERE r.agreement_id = $1 AND r.created_at >= $2 AND r.created_at < $3 AND $4::uuid IS NOT NULL
     GROUP BY 1`,
    [...params, scope.stream],
  );
  const at = (rows: Record<string, unknown>[], i: number) => rows.find((r) => num(r.b) === i + 1);
  return {
    interval,
    points: starts.map((start, i) => {
      const a = at(alertRows, i);
      const r = at(referralRows, i);
      return {
        from: start.toISOString(),
        to: (starts[i + 1] ?? to).toISOString(),
        alerts: suppress(num(a?.alerts)),
        acknowledged: suppress(num(a?.acknowledged)),
        acknowledgedInTime: suppress(num(a?.in_time)),
        medianSecondsToAcknowledge: medianOf(num(a?.acknowledged), a?.median),
        responsesRecorded: suppress(num(a?.recorded)),
        walksWithin24h: suppress(num(a?.walks)),
        concerns: suppress(num(at(concernRows, i)?.concerns)),
        referralsSent: suppress(num(r?.sent)),
        referralsEngaged: scope.stepsReleased ? suppress(num(r?.engaged)) : null,
      };
    }),
  };
}
