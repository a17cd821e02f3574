import { describe, expect, it } from 'vitest';
import { areaAt, areaPaths, fitProjection, type MapArea, pointInArea, rewoundForD3 } from './service-area-map';

const box = (w: number, s: number, e: number, n: number): [number, number][][] => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
];
const AREAS: MapArea[] = [
  { code: 'D14', name: 'District 14', geometry: { type: 'Polygon', coordinates: box(-87.7, 41.9, -87.64, 41.93) } },
  { code: 'D12', name: 'District 12', geometry: { type: 'Polygon', coordinates: box(-87.7, 41.87, -87.64, 41.9) } },
  {
    code: 'D07',
    name: 'District 7',
    geometry: {
      type: 'MultiPolygon',
      coordinates: [box(-87.7, 41.84, -87.64, 41.87), box(-87.63, 41.845, -87.61, 41.865)],
    },
  },
];

describe('the service-area map', () => {
  it('fits the areas inside the box, with the margin, whatever the winding', () => {
    const projection = fitProjection(AREAS, 600, 400);
    const [x1, y1] = projection([-87.7, 41.93])!;
    const [x2, y2] = projection([-87.61, 41.84])!;
    expect(Math.min(x1, x2)).toBeGreaterThanOrEqual(7.99);
    expect(Math.max(x1, x2)).toBeLessThanOrEqual(592.01);
    expect(Math.min(y1, y2)).toBeGreaterThanOrEqual(7.99);
    expect(Math.max(y1, y2)).toBeLessThanOrEqual(392.01);
    // North is up.
    expect(y1).toBeLessThan(y2);
    // One side touches the margin: the fit uses the room it has.
    expect(Math.abs(x1 - 8) < 0.5 || Math.abs(y1 - 8) < 0.5).toBe(true);
  });

  it('draws every area as a closed path, and a click maps back to the point under it', () => {
    const projection = fitProjection(AREAS, 600, 400);
    const paths = areaPaths(AREAS, projection);
    expect(paths.map((p) => p.code)).toEqual(['D14', 'D12', 'D07']);
    for (const p of paths) expect(p.d).toMatch(/^M.*Z$/);
    const [lng, lat] = projection.invert!(projection([-87.6712, 41.9031])!)!;
    expect(lng).toBeCloseTo(-87.6712, 6);
    expect(lat).toBeCloseTo(41.9031, 6);
  });

  it('rewinds exterior rings clockwise for d3 and leaves a clockwise one alone', () => {
    const ccw = rewoundForD3(AREAS[0]!).geometry as GeoJSON.Polygon;
    expect(ccw.coordinates[0]![1]).toEqual([-87.7, 41.93]);
    const again = rewoundForD3({ ...AREAS[0]!, geometry: ccw as MapArea['geometry'] }).geometry as GeoJSON.Polygon;
    expect(again.coordinates[0]).toEqual(ccw.coordinates[0]);
  });

  it('finds the area holding a point (the first on a shared border), none outside', () => {
    expect(areaAt(AREAS, { latitude: 41.9031, longitude: -87.6712 })?.code).toBe('D14');
    expect(areaAt(AREAS, { latitude: 41.855, longitude: -87.62 })?.code).toBe('D07');
    expect(areaAt(AREAS, { latitude: 41.9, longitude: -87.67 })?.code).toBe('D14');
    expect(areaAt(AREAS, { latitude: 41.7, longitude: -87.67 })).toBeUndefined();
  });

  it('gives a point inside an area chosen from the list', () => {
    for (const area of AREAS) expect(areaAt([area], pointInArea(area))?.code).toBe(area.code);
  });
});
