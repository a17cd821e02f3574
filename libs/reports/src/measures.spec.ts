import { distributionOf, percentileCont, seriesBuckets, timingOf } from './measures';

describe('measure rules', () => {
  it('gives a median from five values and a p90 from ten, the sample always (suppressed)', () => {
    expect(timingOf(2, 10, 20)).toEqual({ sample: '<3', medianSeconds: null, p90Seconds: null });
    expect(timingOf(4, 10, 20)).toEqual({ sample: 4, medianSeconds: null, p90Seconds: null });
    expect(timingOf(5, 10.4, 20)).toEqual({ sample: 5, medianSeconds: 10, p90Seconds: null });
    expect(timingOf(10, 10, 19.6)).toEqual({ sample: 10, medianSeconds: 10, p90Seconds: 20 });
  });

  it('interpolates percentiles as PostgreSQL’s percentile_cont does', () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentileCont([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
  });

  it('counts times in fixed bands, each band suppressed, the last one open', () => {
    const bands = distributionOf([60, 600, 900, 901, 4000, 4000, 4000, 400_000]);
    expect(bands.map((b) => b.upToSeconds)).toEqual([900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 259_200, null]);
    expect(bands.map((b) => b.count)).toEqual([3, '<3', 0, 3, 0, 0, 0, 0, '<3']);
  });

  it('draws weeks from the start of a period up to 92 days, calendar months beyond', () => {
    const weeks = seriesBuckets(new Date('2026-11-01T00:00:00Z'), new Date('2026-11-20T00:00:00Z'));
    expect(weeks.interval).toBe('week');
    expect(weeks.starts.map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-11-01', '2026-11-08', '2026-11-15']);
    const months = seriesBuckets(new Date('2026-01-15T00:00:00Z'), new Date('2026-06-01T00:00:00Z'));
    expect(months.interval).toBe('month');
    expect(months.starts.map((d) => d.toISOString().slice(0, 10))).toEqual([
      '2026-01-15',
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
      '2026-05-01',
    ]);
  });
});
