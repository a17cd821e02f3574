import type { components } from '@/api/schema';

type Schemas = components['schemas'];
type Report = Schemas['AgreementReportDto'];
export type Measures = Report['measures'];
export type SeriesPoint = Report['series']['points'][number];
/** A count as the report gives it: a number, or "<3" for 1 or 2 (suppressed). */
export type Count = SeriesPoint['alerts'];

/**
 * The Okabe–Ito palette: told apart with every common colour-vision deficiency. Lines also differ by dash, and
 * every chart has its table, so colour is never the only signal.
 */
export const PALETTE = {
  blue: '#0072B2',
  orange: '#E69F00',
  green: '#009E73',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  sky: '#56B4E9',
  black: '#000000',
} as const;
export const DASHES = ['', '6 3', '2 3', '8 3 2 3'] as const;

/** A count as a chart plots it: a suppressed "<3" is left out (a gap), never guessed. */
export function plotted(count: Count | null | undefined): number | null {
  return typeof count === 'number' ? count : null;
}

/** A count as a table shows it ("<3" stays "<3"; not released: null). */
export function shown(count: Count | null | undefined): string | null {
  return count === null || count === undefined ? null : String(count);
}

export const minutes = (seconds: number | null | undefined): number | null =>
  seconds === null || seconds === undefined ? null : Math.round(seconds / 6) / 10;

/** Part of a whole as a percentage with one decimal, or null when either count is suppressed or the whole is 0. */
export function percent(part: Count | null | undefined, whole: Count | null | undefined): number | null {
  if (typeof part !== 'number' || typeof whole !== 'number' || whole === 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

/** The week (or month) a point stands for, as its first day (`YYYY-MM-DD`, local). */
export function bucketLabel(point: { from: string }, format: (date: Date) => string): string {
  return format(new Date(point.from));
}

export interface TrendRow {
  label: string;
  alerts: number | null;
  acknowledgedInTime: number | null;
  responsesRecorded: number | null;
  walksWithin24h: number | null;
  concerns: number | null;
  referralsSent: number | null;
  medianMinutesToAcknowledge: number | null;
  /** The same as the table shows them. */
  shown: Record<
    'alerts' | 'acknowledgedInTime' | 'responsesRecorded' | 'walksWithin24h' | 'concerns' | 'referralsSent',
    string
  >;
}

/** The series as chart rows: one per week (or month), counts plotted, "<3" a gap, times in minutes. */
export function trendRows(points: readonly SeriesPoint[], format: (date: Date) => string): TrendRow[] {
  return points.map((point) => ({
    label: bucketLabel(point, format),
    alerts: plotted(point.alerts),
    acknowledgedInTime: plotted(point.acknowledgedInTime),
    responsesRecorded: plotted(point.responsesRecorded),
    walksWithin24h: plotted(point.walksWithin24h),
    concerns: plotted(point.concerns),
    referralsSent: plotted(point.referralsSent),
    medianMinutesToAcknowledge: minutes(point.medianSecondsToAcknowledge),
    shown: {
      alerts: String(point.alerts),
      acknowledgedInTime: String(point.acknowledgedInTime),
      responsesRecorded: String(point.responsesRecorded),
      walksWithin24h: String(point.walksWithin24h),
      concerns: String(point.concerns),
      referralsSent: String(point.referralsSent),
    },
  }));
}

export type Stage = 'incidentToShare' | 'shareToAcknowledgement' | 'referralToFirstContactAttempt';
export interface TimingRow {
  stage: Stage;
  sample: string;
  median: number | null;
  p90: number | null;
}

/** The response times as bars: each stage's median and 90th percentile, in minutes (null below the sample sizes). */
export function timingRows(measures: Measures): TimingRow[] {
  const stages: Stage[] = ['incidentToShare', 'shareToAcknowledgement', 'referralToFirstContactAttempt'];
  return stages.flatMap((stage) => {
    const timing = measures.timings[stage];
    if (!timing) return [];
    return [
      { stage, sample: String(timing.sample), median: minutes(timing.medianSeconds), p90: minutes(timing.p90Seconds) },
    ];
  });
}

export type ReferralStep =
  'sent' | 'accepted' | 'declined' | 'contactAttempted' | 'engaged' | 'unableToReach' | 'closed';

/** What became of the period's referrals (the partner's steps only where the agreement lets them back). */
export function referralRows(measures: Measures): Array<{ step: ReferralStep; count: number | null; shown: string }> {
  const r = measures.referrals;
  const steps: ReferralStep[] = [
    'sent',
    'accepted',
    'declined',
    'contactAttempted',
    'engaged',
    'unableToReach',
    'closed',
  ];
  return steps
    .filter((step) => r[step] !== null)
    .map((step) => ({ step, count: plotted(r[step]), shown: String(r[step]) }));
}

/** Alerts to the partner (police → partner incident notifications): the direction the SLA target is about. */
export function alertDirection(measures: Measures) {
  return measures.directions.find((d) => d.category === 'incident_notification' && d.direction === 'police_to_partner');
}

export type Trend = 'up' | 'down' | 'same' | 'unknown';

/** How a measure moved since the previous period (unknown when either is suppressed or missing). */
export function trendOf(
  current: number | Count | null | undefined,
  previous: number | Count | null | undefined,
): Trend {
  if (typeof current !== 'number' || typeof previous !== 'number') return 'unknown';
  return current > previous ? 'up' : current < previous ? 'down' : 'same';
}

export type Band = Measures['distributions']['shareToAcknowledgement'][number];

export interface BandRow {
  /** The band's upper bound in seconds; null for the last band (the rest). */
  upToSeconds: number | null;
  /** The band's lower bound in seconds (the bound of the band before; 0 for the first). */
  fromSeconds: number;
  /** Plotted counts: in the band's bar for within or after the deadline, the other null; "<3" a gap. */
  within: number | null;
  after: number | null;
  /** Each stage's count as the table shows it. */
  shown: Record<Stage, string | null>;
  /** Whether the whole band is within the deadline (null: no deadline). */
  withinDeadline: boolean | null;
}

/**
 * How the response times spread, in the API's fixed bands (15 min … 3 days, then the rest): the chart's bars for
 * the time to acknowledge, split at the deadline (which falls on a band bound: the bands include 1, 2, 4, 8, 24 h),
 * and every stage's counts for the table.
 */
export function bandRows(measures: Measures, targetSeconds: number | null): BandRow[] {
  const d = measures.distributions;
  const bands = d.shareToAcknowledgement;
  const countAt = (stage: Stage, i: number) => {
    const band = d[stage][i];
    return band === undefined ? null : String(band.count);
  };
  return bands.map((band, i) => {
    const withinDeadline =
      targetSeconds === null ? null : band.upToSeconds !== null && band.upToSeconds <= targetSeconds;
    const count = plotted(band.count);
    return {
      upToSeconds: band.upToSeconds,
      fromSeconds: i === 0 ? 0 : (bands[i - 1]!.upToSeconds ?? 0),
      within: withinDeadline === false ? null : count,
      after: withinDeadline === false ? count : null,
      shown: {
        incidentToShare: countAt('incidentToShare', i),
        shareToAcknowledgement: countAt('shareToAcknowledgement', i),
        referralToFirstContactAttempt: countAt('referralToFirstContactAttempt', i),
      },
      withinDeadline,
    };
  });
}

/** A band bound in words: minutes under an hour, hours up to a day, then days. */
export function boundWords(seconds: number): { key: 'minutes' | 'hours' | 'days'; n: number } {
  if (seconds < 3600) return { key: 'minutes', n: Math.round(seconds / 60) };
  if (seconds <= 86_400) return { key: 'hours', n: Math.round(seconds / 3600) };
  return { key: 'days', n: Math.round(seconds / 86_400) };
}
