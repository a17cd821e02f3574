import { percentOrNull, secondsOrNull, unusualReadDays } from './report-rules';

describe('report rules', () => {
  it('gives no SLA rate below three known outcomes, and one decimal from three on', () => {
    expect(percentOrNull(2, 2)).toBeNull();
    expect(percentOrNull(2, 3)).toBe(66.7);
    expect(percentOrNull(0, 5)).toBe(0);
  });

  it('gives no time to acknowledge below three acknowledgements, whole seconds from three on', () => {
    expect(secondsOrNull(125.4, 2)).toBeNull();
    expect(secondsOrNull(125.6, 3)).toBe(126);
    expect(secondsOrNull(null, 10)).toBeNull();
  });

  it('flags a day of police reads only above 10, however quiet the period', () => {
    const days = [1, 1, 10, 11].map((reads, i) => ({ day: `d${i}`, reads }));
    expect(unusualReadDays(days).map((d) => d.day)).toEqual(['d3']);
  });

  it('flags a day above three times the median day (the lower middle of an even count)', () => {
    // Lower middle 30 → threshold 90, so 91 stands out (the upper middle, 31, would set it at 93).
    const days = [20, 30, 31, 91].map((reads, i) => ({ day: `d${i}`, reads }));
    expect(unusualReadDays(days).map((d) => d.day)).toEqual(['d3']);
    expect(unusualReadDays(days.slice(0, 3))).toEqual([]);
  });

  it('flags nothing in an empty period', () => {
    expect(unusualReadDays([])).toEqual([]);
  });
});
