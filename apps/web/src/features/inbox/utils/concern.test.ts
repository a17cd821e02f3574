import { describe, expect, it } from 'vitest';
import { concernValues, statusBackOf } from './concern';

describe('concernValues', () => {
  it('lists the released fields in order, the day as a day', () => {
    expect(
      concernValues({
        requestedAction: 'coordinate a walk',
        narrative: 'Tension rising near the park.',
        occurredAt: '2026-12-06',
        area: 'D14',
        concernType: 'rising_tension',
      }),
    ).toEqual([
      { field: 'concernType', type: 'rising_tension', text: 'rising_tension' },
      { field: 'area', text: 'D14' },
      { field: 'occurredAt', day: '2026-12-06' },
      { field: 'narrative', text: 'Tension rising near the park.' },
      { field: 'requestedAction', text: 'coordinate a walk' },
    ]);
  });

  it('keeps an hour as the hour, an unknown type as its text, and leaves out what was withheld', () => {
    expect(concernValues({ concernType: 'newer_kind', occurredAt: '2026-12-06T15:00:00.000Z' })).toEqual([
      { field: 'concernType', type: null, text: 'newer_kind' },
      { field: 'occurredAt', hour: new Date('2026-12-06T15:00:00.000Z') },
    ]);
    expect(concernValues(null)).toEqual([]);
    expect(concernValues({ occurredAt: 'not a time', narrative: '' })).toEqual([]);
  });
});

describe('statusBackOf', () => {
  it('names the sent referral and its coarse class', () => {
    expect(statusBackOf({ referralId: 'r1', status: 'engaged', updatedAt: '2026-12-06' })).toEqual({
      referralId: 'r1',
      status: 'engaged',
    });
    expect(statusBackOf({ referralId: 'r1', status: 'newer_class' })).toEqual({ referralId: 'r1', status: null });
    expect(statusBackOf(null)).toBeNull();
    expect(statusBackOf({ status: 'pending' })).toBeNull();
  });
});
