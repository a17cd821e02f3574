import { suppress, toCsv } from './suppression';

describe('report suppression', () => {
  it('suppresses counts of 1 and 2, keeps 0 and 3 and more', () => {
    expect([0, 1, 2, 3, 40].map(suppress)).toEqual([0, '<3', '<3', 3, 40]);
  });

  it('writes quoted CSV', () => {
    expect(
      toCsv([
        ['shares', 'incident_notification', 4],
        ['withheld', 'narrative "x"', '<3'],
      ]),
    ).toBe('section,key,value\n"shares","incident_notification","4"\n"withheld","narrative ""x""","<3"\n');
  });
});
