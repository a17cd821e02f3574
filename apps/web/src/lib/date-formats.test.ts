import { describe, expect, it } from 'vitest';
import { dateTimeFormat } from './date-formats';

describe('shared date formats', () => {
  it('builds one format per language and style, and gives it to every caller', () => {
    const medium = dateTimeFormat('en', { dateStyle: 'medium' });
    expect(dateTimeFormat('en', { dateStyle: 'medium' })).toBe(medium);
    expect(dateTimeFormat('es', { dateStyle: 'medium' })).not.toBe(medium);
    expect(dateTimeFormat('en', { dateStyle: 'full' })).not.toBe(medium);
  });

  it('formats as a new format of that language and style would', () => {
    const at = new Date(Date.UTC(2026, 11, 7, 18, 30));
    const options = { dateStyle: 'full', timeZone: 'UTC' } as const;
    expect(dateTimeFormat('es', options).format(at)).toBe(new Intl.DateTimeFormat('es', options).format(at));
    expect(dateTimeFormat('en', options).format(at)).toBe('Monday, December 7, 2026');
  });
});
