import { describe, expect, it } from 'vitest';
import { endsBeforeStart, responseBodyOf, responseValuesOf } from './response-values';

const recorded = {
  responded: true,
  responseTypes: ['post_incident_walk' as const],
  startedAt: new Date(2026, 11, 6, 21, 5).toISOString(),
  endedAt: new Date(2026, 11, 6, 21, 50).toISOString(),
  services: ['mental_health' as const],
  followUpDueAt: new Date(2026, 11, 7).toISOString(),
  followUpDoneAt: new Date(2026, 11, 7, 15, 0).toISOString(),
  updatedAt: new Date(2026, 11, 6, 21, 51).toISOString(),
};

describe('the response form', () => {
  it('starts empty: nothing answered, nothing stamped', () => {
    expect(responseValuesOf(null)).toEqual({
      responded: '',
      responseTypes: [],
      startedAt: '',
      endedAt: '',
      services: [],
      followUpDue: '',
    });
  });

  it('sends back what was recorded unchanged, the follow-up already done included', () => {
    expect(responseBodyOf(responseValuesOf(recorded), recorded)).toEqual({
      responded: true,
      responseTypes: ['post_incident_walk'],
      services: ['mental_health'],
      startedAt: recorded.startedAt,
      endedAt: recorded.endedAt,
      followUpDueAt: recorded.followUpDueAt,
      followUpDoneAt: recorded.followUpDoneAt,
    });
  });

  it('sends no types, services or times for "no", even when some were picked before', () => {
    const body = responseBodyOf({ ...responseValuesOf(recorded), responded: 'no' }, null);
    expect(body).toEqual({
      responded: false,
      responseTypes: [],
      services: [],
      followUpDueAt: recorded.followUpDueAt,
      followUpDoneAt: undefined,
    });
  });

  it('leaves out times not stamped yet', () => {
    const body = responseBodyOf({ ...responseValuesOf(null), responded: 'yes', startedAt: '2026-12-06T21:05' }, null);
    expect(body.startedAt).toBe(new Date(2026, 11, 6, 21, 5).toISOString());
    expect(body.endedAt).toBeUndefined();
  });

  it('catches an end before the start, and only that', () => {
    expect(endsBeforeStart({ startedAt: '2026-12-06T21:05', endedAt: '2026-12-06T21:04' })).toBe(true);
    expect(endsBeforeStart({ startedAt: '2026-12-06T21:05', endedAt: '2026-12-06T21:05' })).toBe(false);
    expect(endsBeforeStart({ startedAt: '', endedAt: '2026-12-06T21:04' })).toBe(false);
  });
});
