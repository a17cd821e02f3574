import type { components } from '@/api/schema';

export type IdentifierFinding = components['schemas']['IdentifierFindingDto'];

/** A stretch of text, marked when it is an identifier the screening found. */
export interface TextSegment {
  text: string;
  kind?: IdentifierFinding['kind'];
}

/**
 * The text cut into plain and found stretches, in order, for highlighting in place. Findings are
 * offsets into the text as recorded (the API's); overlapping or out-of-range ones are clipped, so
 * every character appears exactly once.
 */
export function highlightSegments(text: string, findings: readonly IdentifierFinding[]): TextSegment[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: TextSegment[] = [];
  let at = 0;
  for (const f of sorted) {
    const start = Math.max(f.start, at);
    const end = Math.min(f.end, text.length);
    if (end <= start) continue;
    if (start > at) segments.push({ text: text.slice(at, start) });
    segments.push({ text: text.slice(start, end), kind: f.kind });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}
