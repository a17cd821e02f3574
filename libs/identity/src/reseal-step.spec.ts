import { addCounts, resealInBatches } from './reseal-step';

describe('resealInBatches', () => {
  it('runs batches until one comes back short and answers the rows changed in all', async () => {
    const answers = [3, 3, 1, 3];
    const sizes: number[] = [];
    const total = await resealInBatches(async (size) => {
      sizes.push(size);
      return answers.shift()!;
    }, 3);
    expect(total).toBe(7);
    expect(sizes).toEqual([3, 3, 3]);
  });

  it('stops after one batch when nothing is left to reseal (a re-run)', async () => {
    let calls = 0;
    expect(await resealInBatches(async () => (calls++, 0))).toBe(0);
    expect(calls).toBe(1);
  });
});

describe('addCounts', () => {
  it('adds the counts of every step by kind, kinds in the order they first appear', () => {
    const total = addCounts([{ secrets: 4 }, { secrets: 1 }, { referrals: 3, notes: 0 }, { incidents: 2 }]);
    expect(total).toEqual({ secrets: 5, referrals: 3, notes: 0, incidents: 2 });
    expect(Object.keys(total)).toEqual(['secrets', 'referrals', 'notes', 'incidents']);
  });
});
