import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, readUpload, refusedFeature, tooLarge, whereJsonStops } from './service-area-upload';

const square = [
  [
    [-87.7, 41.9],
    [-87.64, 41.9],
    [-87.64, 41.93],
    [-87.7, 41.93],
    [-87.7, 41.9],
  ],
];
const feature = (code: string, coordinates: unknown = square) => ({
  type: 'Feature',
  properties: { code, name: `District ${code}` },
  geometry: { type: 'Polygon', coordinates },
});
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('reading an uploaded file', () => {
  it('refuses a file over the limit before reading it, in kilobytes', () => {
    expect(tooLarge({ name: 'a.geojson', size: MAX_UPLOAD_BYTES })).toBeUndefined();
    expect(tooLarge({ name: 'a.geojson', size: MAX_UPLOAD_BYTES + 1 })).toEqual({
      kind: 'tooLarge',
      fileName: 'a.geojson',
      kilobytes: 101,
    });
  });

  it('gives the areas to preview and the collection to send', () => {
    const text = JSON.stringify(collection(feature('D14'), feature('D12')));
    const upload = readUpload('areas.geojson', text);
    expect(upload.kind).toBe('ready');
    if (upload.kind !== 'ready') return;
    expect(upload.areas.map((a) => [a.code, a.name])).toEqual([
      ['D14', 'District D14'],
      ['D12', 'District D12'],
    ]);
    expect(upload.collection).toEqual(JSON.parse(text));
  });

  it('previews what it can draw and leaves the rest for the API to name', () => {
    const upload = readUpload(
      'areas.geojson',
      JSON.stringify(collection(feature('OK'), feature('BAD', [[['x', 1]]]), { type: 'Feature' })),
    );
    expect(upload.kind === 'ready' && upload.areas.map((a) => a.code)).toEqual(['OK']);
  });

  it('names where a file stops being JSON, and refuses what is not a collection or has no features', () => {
    expect(readUpload('a.geojson', '{\n  "type": "FeatureCollection",\n  "features": [],\n}\n')).toEqual({
      kind: 'notJson',
      fileName: 'a.geojson',
      line: 4,
      column: 1,
    });
    // V8 gives no position for an unexpected token: the page then says only that it is not JSON.
    expect(readUpload('a.geojson', '{"features": [}')).toEqual({ kind: 'notJson', fileName: 'a.geojson' });
    expect(readUpload('a.geojson', JSON.stringify(feature('D1')))).toEqual({
      kind: 'notCollection',
      fileName: 'a.geojson',
    });
    expect(readUpload('a.geojson', JSON.stringify(collection())).kind).toBe('noFeatures');
  });

  it('reads the line and column from either form of the parser’s message', () => {
    const text = 'ab\ncdef';
    expect(whereJsonStops(text, new SyntaxError('Unexpected token d in JSON at position 5'))).toEqual({
      line: 2,
      column: 3,
    });
    expect(whereJsonStops(text, new SyntaxError('Bad thing (line 7 column 2)'))).toEqual({ line: 7, column: 2 });
    expect(whereJsonStops(text, new SyntaxError('Unexpected end of JSON input'))).toEqual({ line: 2, column: 5 });
    expect(whereJsonStops(text, new SyntaxError('something else'))).toEqual({});
  });
});

describe('the API’s refusal in the page’s terms', () => {
  const sent = collection(feature('D14'), feature('D12')) as never;

  it('names the feature by its place in the file (from 1) and its code, and the problem by key', () => {
    const details = {
      feature: 1,
      reason: 'openRing',
      problem: 'each ring must be closed (its last position is its first)',
    };
    expect(refusedFeature(details, sent)).toEqual({ number: 2, code: 'D12', problem: 'openRing' });
    expect(
      refusedFeature({ feature: 0, reason: 'duplicate', problem: 'properties.code repeats another area’s code' }, sent),
    ).toEqual({
      number: 1,
      code: 'D14',
      problem: 'duplicate',
    });
  });

  it('tells a whole-file problem from a feature’s, and keeps words it does not know', () => {
    expect(refusedFeature({ reason: 'tooManyAreas', problem: 'at most 200 areas' }, sent)).toEqual({
      problem: 'tooManyAreas',
    });
    expect(refusedFeature({ reason: 'tooManyPositions', problem: 'at most 50000 positions in all' }, sent)).toEqual({
      problem: 'tooManyPositions',
    });
    expect(refusedFeature({ feature: 0, reason: 'selfIntersecting', problem: 'something new' }, sent)).toEqual({
      number: 1,
      code: 'D14',
      problem: { text: 'something new' },
    });
  });
});
