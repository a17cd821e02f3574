import { describe, expect, it } from 'vitest';
import { releasedFields, riskFactorItems, splitByOpen, telephoneHref } from './referral-views';

describe('releasedFields', () => {
  it('lists only the fields the API returned, in reading order, values untouched', () => {
    expect(releasedFields({ reason: 'Shot at twice', name: 'Tomas Greer', age: '15-19' })).toEqual([
      { field: 'name', value: 'Tomas Greer' },
      { field: 'age', value: '15-19' },
      { field: 'reason', value: 'Shot at twice' },
    ]);
    expect(releasedFields({})).toEqual([]);
  });
});

describe('riskFactorItems', () => {
  it('reads the JSON array the API sends as text, and shows any other text as it is', () => {
    expect(riskFactorItems('["prior victimization","retaliation risk"]')).toEqual([
      'prior victimization',
      'retaliation risk',
    ]);
    expect(riskFactorItems('gang conflict')).toEqual(['gang conflict']);
    expect(riskFactorItems('{"a":1}')).toEqual(['{"a":1}']);
  });
});

describe('telephoneHref', () => {
  it('dials a phone number, and nothing else', () => {
    expect(telephoneHref('+1 312 555 0142')).toBe('tel:+13125550142');
    expect(telephoneHref('(312) 555-0143')).toBe('tel:3125550143');
    expect(telephoneHref('ask at the barbershop on 5th')).toBeNull();
    expect(telephoneHref('12')).toBeNull();
  });
});

describe('splitByOpen', () => {
  it('keeps the API’s order within open and finished referrals', () => {
    const referrals = [
      { status: 'closed' as const, id: 1 },
      { status: 'sent' as const, id: 2 },
      { status: 'declined' as const, id: 3 },
      { status: 'engaged' as const, id: 4 },
    ];
    expect(splitByOpen(referrals)).toEqual({
      open: [referrals[1], referrals[3]],
      finished: [referrals[0], referrals[2]],
    });
  });
});
