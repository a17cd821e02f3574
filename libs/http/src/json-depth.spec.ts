import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';

const nested = (depth: number, open = '{"a":', close = '}') => `${open.repeat(depth)}1${close.repeat(depth)}`;

describe('jsonDepthExceeds', () => {
  it('accepts bodies nested up to the limit and refuses one level more', () => {
    expect(jsonDepthExceeds(Buffer.from(nested(MAX_JSON_DEPTH)))).toBe(false);
    expect(jsonDepthExceeds(Buffer.from(nested(MAX_JSON_DEPTH + 1)))).toBe(true);
    expect(jsonDepthExceeds(Buffer.from(nested(MAX_JSON_DEPTH + 1, '[', ']')))).toBe(true);
  });

  it('refuses a 3,000-deep body without recursing', () => {
    expect(jsonDepthExceeds(Buffer.from(nested(3000)))).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ narrative: `${'{['.repeat(500)} "quoted \\" [[[` });
    expect(jsonDepthExceeds(Buffer.from(text))).toBe(false);
  });

  it('counts siblings by depth, not by number', () => {
    const wide = JSON.stringify({ items: Array.from({ length: 1000 }, (_, i) => ({ i, tags: [i] })) });
    expect(jsonDepthExceeds(Buffer.from(wide))).toBe(false);
  });
});
