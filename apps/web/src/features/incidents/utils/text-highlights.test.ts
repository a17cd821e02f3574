import { describe, expect, it } from 'vitest';
import { highlightSegments } from './text-highlights';

describe('highlightSegments', () => {
  const text = 'Call 312-555-0143 about Darnell Whitfield tonight.';

  it('marks each finding in place and keeps every character once', () => {
    const segments = highlightSegments(text, [
      { kind: 'name_on_record', start: 24, end: 41 },
      { kind: 'phone', start: 5, end: 17 },
    ]);
    expect(segments).toEqual([
      { text: 'Call ' },
      { text: '312-555-0143', kind: 'phone' },
      { text: ' about ' },
      { text: 'Darnell Whitfield', kind: 'name_on_record' },
      { text: ' tonight.' },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('clips overlapping and out-of-range findings; no finding is one plain segment', () => {
    const segments = highlightSegments(text, [
      { kind: 'phone', start: 5, end: 17 },
      { kind: 'case_number', start: 10, end: 20 },
      { kind: 'email', start: 45, end: 99 },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.kind).map((s) => s.kind)).toEqual(['phone', 'case_number', 'email']);
    expect(highlightSegments(text, [])).toEqual([{ text }]);
  });
});
