import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './inbox-stream';

describe('retryDelayMs', () => {
  it('waits 5 s after the first refusal, doubling up to a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
  });
});
