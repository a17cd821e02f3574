import { hoursAndMinutes } from './audit-labels';
import { alertDirection, type Count, type Measures, percent, trendOf, type Trend } from './chart-data';

export type TileKey =
  | 'alerts'
  | 'acknowledgedInTimePercent'
  | 'medianToAcknowledge'
  | 'incidentToShare'
  | 'recordedPercent'
  | 'walksWithin24h'
  | 'followUpsOnTime'
  | 'referralsSent'
  | 'referralToContact'
  | 'concerns'
  | 'denials'
  | 'legalHoldsInForce';

export type TileValue =
  | { kind: 'count'; value: Count | null }
  | { kind: 'percent'; value: number | null }
  | { kind: 'duration'; seconds: number | null }
  | { kind: 'ratio'; part: Count | null; whole: Count | null };

export interface Tile {
  key: TileKey;
  current: TileValue;
  previous: TileValue;
  trend: Trend;
  /** Whether a rise is good news (faster is lower): how the change is worded, never its colour alone. */
  higherIsBetter: boolean | null;
}

function numeric(value: TileValue): number | Count | null {
  switch (value.kind) {
    case 'count':
      return value.value;
    case 'percent':
      return value.value;
    case 'duration':
      return value.seconds;
    case 'ratio':
      return typeof value.part === 'number' ? value.part : null;
  }
}

const concernsOf = (m: Measures) =>
  m.directions.find((d) => d.category === 'community_concern' && d.direction === 'partner_to_police')?.shared ?? null;

/** The dashboard's tiles: each measure now and in the period just before, and which way it moved. */
export function tilesOf(current: Measures, previous: Measures): Tile[] {
  const pick: Array<[TileKey, (m: Measures) => TileValue, boolean | null]> = [
    ['alerts', (m) => ({ kind: 'count', value: m.responses.alerts }), null],
    [
      'acknowledgedInTimePercent',
      (m) => {
        const d = alertDirection(m);
        return { kind: 'percent', value: d ? percent(d.acknowledgedInTime, d.shared) : null };
      },
      true,
    ],
    [
      'medianToAcknowledge',
      (m) => ({ kind: 'duration', seconds: m.timings.shareToAcknowledgement.medianSeconds }),
      false,
    ],
    ['incidentToShare', (m) => ({ kind: 'duration', seconds: m.timings.incidentToShare.medianSeconds }), false],
    ['recordedPercent', (m) => ({ kind: 'percent', value: m.responses.recordedPercent }), true],
    ['walksWithin24h', (m) => ({ kind: 'ratio', part: m.responses.walksWithin24h, whole: m.responses.walks }), true],
    [
      'followUpsOnTime',
      (m) => ({ kind: 'ratio', part: m.responses.followUpsDoneOnTime, whole: m.responses.followUpsDue }),
      true,
    ],
    ['referralsSent', (m) => ({ kind: 'count', value: m.referrals.sent }), null],
    [
      'referralToContact',
      (m) => ({ kind: 'duration', seconds: m.timings.referralToFirstContactAttempt?.medianSeconds ?? null }),
      false,
    ],
    ['concerns', (m) => ({ kind: 'count', value: concernsOf(m) }), null],
    ['denials', (m) => ({ kind: 'count', value: m.safeguards.denials }), null],
    ['legalHoldsInForce', (m) => ({ kind: 'count', value: m.safeguards.legalHoldsInForceAtEnd }), null],
  ];
  return pick.map(([key, of, higherIsBetter]) => {
    const now = of(current);
    const before = of(previous);
    return { key, current: now, previous: before, trend: trendOf(numeric(now), numeric(before)), higherIsBetter };
  });
}

/** A tile's value as words and numbers: i18n key and values (the component translates). */
export function valueText(value: TileValue): { key: string; values: Record<string, string | number> } {
  switch (value.kind) {
    case 'count':
      return value.value === null
        ? { key: 'value.none', values: {} }
        : { key: 'value.count', values: { count: String(value.value) } };
    case 'percent':
      return value.value === null
        ? { key: 'value.none', values: {} }
        : { key: 'value.percent', values: { percent: value.value } };
    case 'ratio':
      return value.part === null || value.whole === null
        ? { key: 'value.none', values: {} }
        : { key: 'value.ratio', values: { part: String(value.part), whole: String(value.whole) } };
    case 'duration': {
      if (value.seconds === null) return { key: 'value.none', values: {} };
      const d = hoursAndMinutes(value.seconds);
      return { key: `duration.${d.key}`, values: { h: d.h, m: d.m } };
    }
  }
}
