import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { inRecordedPast, recordedNow } from './recorded-time';

/** Every .ts file under `dir`, skipping dependencies and build output. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

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

  it('is set back by the demo seeders only: no other code may backdate what the audit records', () => {
    const root = resolve(__dirname, '../../..');
    const callers = ['libs', 'apps']
      .flatMap((dir) => sources(join(root, dir)))
      .filter((file) => !file.endsWith('.spec.ts') && /\binRecordedPast\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file))
      .sort();
    expect(callers).toEqual(['libs/referrals/src/demo-history.ts', 'libs/sharing/src/demo-partnership.ts']);
  });
});
