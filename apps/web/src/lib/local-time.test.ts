import { describe, expect, it } from 'vitest';
import { endOfLocalDay, fromLocalInput, localDateAfter, toLocalDate, toLocalDateTime } from './local-time';

describe('local date and time inputs', () => {
  it('round-trip a moment through a datetime-local value, to the minute', () => {
    const at = new Date(2026, 11, 6, 21, 5, 42);
    expect(toLocalDateTime(at)).toBe('2026-12-06T21:05');
    expect(fromLocalInput(toLocalDateTime(at))).toBe(new Date(2026, 11, 6, 21, 5).toISOString());
  });

  it('read a date as the start of that local day', () => {
    expect(fromLocalInput('2026-12-07')).toBe(new Date(2026, 11, 7).toISOString());
    expect(toLocalDate(new Date(2026, 11, 7, 23, 59))).toBe('2026-12-07');
  });

  it('count days across a month end', () => {
    expect(localDateAfter(new Date(2026, 11, 28, 22, 0), 7)).toBe('2027-01-04');
  });

  it('leave empty or unreadable values out', () => {
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('not a date')).toBeUndefined();
    expect(toLocalDateTime(null)).toBe('');
  });

  it('end a day at its last local millisecond, for an inclusive "to"', () => {
    expect(endOfLocalDay('2026-12-31')).toBe(new Date(2027, 0, 1, 0, 0, 0, -1).toISOString());
    expect(endOfLocalDay('')).toBeUndefined();
  });
});
