import { inRecordedPast, recordedNow } from './recorded-time';

describe('recorded time', () => {
  it('is the real time outside a recorded past, and the past only inside it', async () => {
    const start = new Date(Date.now() - 7 * 86_400_000);
    const seen: number[] = [];
    const outside = new Promise<number>((resolve) => setTimeout(() => resolve(recordedNow()), 5));
    await inRecordedPast(start, async (moveTo) => {
      seen.push(recordedNow());
      moveTo(new Date(start.getTime() + 3_600_000));
      await new Promise((r) => setTimeout(r, 5));
      seen.push(recordedNow());
    });
    expect(seen[0]! - start.getTime()).toBeLessThan(1_000);
    expect(seen[1]! - (start.getTime() + 3_600_000)).toBeGreaterThanOrEqual(0);
    expect(seen[1]! - (start.getTime() + 3_600_000)).toBeLessThan(1_000);
    // Work running meanwhile outside the scope kept the real time.
    expect(Math.abs((await outside) - Date.now())).toBeLessThan(1_000);
    expect(Math.abs(recordedNow() - Date.now())).toBeLessThan(5);
  });

  it('never runs backwards nor past the real now, and closes for good when the work ends', async () => {
    const start = new Date(Date.now() - 86_400_000);
    let leftBehind: (() => number) | undefined;
    await inRecordedPast(start, async (moveTo) => {
      expect(() => moveTo(new Date(start.getTime() - 1))).toThrow('never runs backwards');
      expect(() => moveTo(new Date(Date.now() + 60_000))).toThrow('cannot pass the real now');
      leftBehind = () => recordedNow();
    });
    expect(Math.abs(leftBehind!() - Date.now())).toBeLessThan(5);
    await expect(inRecordedPast(new Date(Date.now() + 60_000), async () => 1)).rejects.toThrow('future');
  });
});
