import { describe, expect, it } from 'vitest';
import { boardEn } from '../i18n/board.strings';
import type { AgreementReport } from '../api/board-api';
import {
  bandRows,
  boundWords,
  percent,
  plotted,
  referralRows,
  timingRows,
  trendOf,
  trendRows,
  type Measures,
} from './chart-data';
import { openIssues } from './open-issues';
import { tilesOf, valueText } from './tiles';

const timing = (median: number | null, p90: number | null = null) => ({
  sample: 12,
  medianSeconds: median,
  p90Seconds: p90,
});

function measures(
  overrides: { alerts?: number | '<3'; inTime?: number | '<3'; overdue?: number | '<3' } = {},
): Measures {
  return {
    from: '2026-11-09T00:00:00.000Z',
    to: '2026-12-07T00:00:00.000Z',
    timings: {
      incidentToShare: timing(900, 3600),
      shareToAcknowledgement: timing(2700, 9000),
      referralToFirstContactAttempt: null,
    },
    responses: {
      alerts: overrides.alerts ?? 12,
      recorded: 10,
      recordedPercent: 83.3,
      responded: 9,
      stays: 6,
      stayTotalSeconds: 20_000,
      stayMedianSeconds: 3000,
      walks: 5,
      walksWithin24h: 4,
      followUpsDue: 6,
      followUpsDoneOnTime: 5,
      followUpsDoneLate: 0,
      followUpsOverdue: overrides.overdue ?? 0,
    },
    referrals: {
      stepsReleased: false,
      sent: 7,
      retracted: 0,
      accepted: null,
      declined: null,
      declinedByReason: [],
      contactAttempted: null,
      engaged: null,
      unableToReach: null,
      refusedServices: null,
      closed: null,
      timeInState: [],
    },
    safeguards: {
      denials: 0,
      refusedForwardingAttempts: '<3',
      identifierRefusals: 0,
      redactedShares: 0,
      redactions: 0,
      disclosuresPurged: 0,
      legalHoldsSet: 0,
      legalHoldsLifted: 0,
      legalHoldsInForceAtEnd: 0,
    },
    distributions: {
      incidentToShare: [],
      shareToAcknowledgement: [
        { upToSeconds: 900, count: 6 },
        { upToSeconds: 3600, count: '<3' },
        { upToSeconds: 14_400, count: 3 },
        { upToSeconds: null, count: 4 },
      ],
      referralToFirstContactAttempt: [],
    },
    directions: [
      {
        category: 'incident_notification',
        direction: 'police_to_partner',
        shared: overrides.alerts ?? 12,
        acknowledged: 11,
        acknowledgedInTime: overrides.inTime ?? 9,
        escalated: 0,
        medianSecondsToAcknowledge: 2700,
      },
    ],
  } as Measures;
}

describe('chart data', () => {
  it('leaves a suppressed count out of a chart (a gap), never guesses it, and keeps "<3" for the table', () => {
    expect(plotted('<3')).toBeNull();
    expect(plotted(0)).toBe(0);
    const rows = trendRows(
      [
        {
          from: '2026-11-09T00:00:00.000Z',
          to: '2026-11-16T00:00:00.000Z',
          alerts: '<3',
          acknowledged: '<3',
          acknowledgedInTime: '<3',
          medianSecondsToAcknowledge: null,
          responsesRecorded: 0,
          walksWithin24h: 0,
          concerns: 3,
          referralsSent: 0,
          referralsEngaged: null,
        },
      ],
      () => 'Nov 9',
    );
    expect(rows[0]).toMatchObject({ label: 'Nov 9', alerts: null, concerns: 3, medianMinutesToAcknowledge: null });
    expect(rows[0]!.shown.alerts).toBe('<3');
  });

  it('gives response times in minutes per step, and only the referral steps the agreement lets back', () => {
    const m = measures();
    expect(timingRows(m)).toEqual([
      { stage: 'incidentToShare', sample: '12', median: 15, p90: 60 },
      { stage: 'shareToAcknowledgement', sample: '12', median: 45, p90: 150 },
    ]);
    expect(referralRows(m)).toEqual([{ step: 'sent', count: 7, shown: '7' }]);
    for (const row of timingRows(m)) expect(boardEn.stage[row.stage]).toBeTruthy();
  });

  it('splits the time to acknowledge at the deadline, band by band, a suppressed band left out', () => {
    const rows = bandRows(measures(), 4 * 3600);
    expect(rows.map((r) => [r.fromSeconds, r.upToSeconds, r.within, r.after, r.withinDeadline])).toEqual([
      [0, 900, 6, null, true],
      [900, 3600, null, null, true],
      [3600, 14_400, 3, null, true],
      [14_400, null, null, 4, false],
    ]);
    expect(rows[1]!.shown.shareToAcknowledgement).toBe('<3');
    expect(rows[0]!.shown.incidentToShare).toBeNull();
    // Without a deadline nothing is called late.
    expect(bandRows(measures(), null).every((r) => r.after === null && r.withinDeadline === null)).toBe(true);
    expect([900, 7200, 259_200].map(boundWords)).toEqual([
      { key: 'minutes', n: 15 },
      { key: 'hours', n: 2 },
      { key: 'days', n: 3 },
    ]);
  });

  it('computes a percentage only from counts it can see', () => {
    expect(percent(9, 12)).toBe(75);
    expect(percent('<3', 12)).toBeNull();
    expect(percent(1, 0)).toBeNull();
  });
});

describe('tiles against the previous period', () => {
  it('says which way each measure moved, and whether that is better, never by colour alone', () => {
    const tiles = tilesOf(measures({ alerts: 12, inTime: 9 }), measures({ alerts: 8, inTime: 8 }));
    const alerts = tiles.find((t) => t.key === 'alerts')!;
    expect(alerts.trend).toBe('up');
    expect(alerts.higherIsBetter).toBeNull();
    const inTime = tiles.find((t) => t.key === 'acknowledgedInTimePercent')!;
    expect(inTime.current).toEqual({ kind: 'percent', value: 75 });
    expect(inTime.previous).toEqual({ kind: 'percent', value: 100 });
    expect(inTime.trend).toBe('down');
    for (const tile of tiles) expect(boardEn.tile[tile.key]).toBeTruthy();
  });

  it('compares nothing with a suppressed count', () => {
    const tiles = tilesOf(measures({ alerts: '<3' }), measures({ alerts: 5 }));
    expect(tiles.find((t) => t.key === 'alerts')!.trend).toBe('unknown');
    expect(trendOf(null, 3)).toBe('unknown');
  });

  it('words durations and ratios', () => {
    expect(valueText({ kind: 'duration', seconds: 2700 })).toEqual({
      key: 'duration.minutes',
      values: { h: 0, m: 45 },
    });
    expect(valueText({ kind: 'ratio', part: 4, whole: 5 })).toEqual({
      key: 'value.ratio',
      values: { part: '4', whole: '5' },
    });
    expect(valueText({ kind: 'count', value: '<3' })).toEqual({ key: 'value.count', values: { count: '<3' } });
    expect(valueText({ kind: 'percent', value: null })).toEqual({ key: 'value.none', values: {} });
  });
});

describe('open issues', () => {
  it('lists what missed a promise or tripped a safeguard, a suppressed count included', () => {
    const report = {
      measures: measures({ overdue: 2 }),
      consentExpiringWithin30Days: 0,
      unusualPoliceViewDays: [],
      contentRoleSelfGrants: [],
    } as unknown as AgreementReport;
    expect(openIssues(report)).toEqual([
      { key: 'followUpsOverdue', count: '2' },
      { key: 'acknowledgedLate', count: '2' },
      { key: 'refusedForwarding', count: '<3' },
    ]);
    for (const issue of openIssues(report)) expect(boardEn.issues[issue.key]).toBeTruthy();
  });
});
