import { areaContaining, DEMO_SERVICE_AREAS, serviceAreaProblem } from './service-areas';

const areas = DEMO_SERVICE_AREAS.features.map((f) => ({ code: f.properties.code, geometry: f.geometry }));

describe('service areas', () => {
  it('accepts the demo districts', () => {
    expect(serviceAreaProblem(DEMO_SERVICE_AREAS)).toBeUndefined();
  });

  it('places a point in the area holding it, a MultiPolygon part included, and none outside', () => {
    expect(areaContaining(areas, { latitude: 41.9031, longitude: -87.6712 })).toBe('D14');
    expect(areaContaining(areas, { latitude: 41.8957, longitude: -87.6722 })).toBe('D12');
    expect(areaContaining(areas, { latitude: 41.8781, longitude: -87.6298 })).toBe('D07');
    expect(areaContaining(areas, { latitude: 41.7, longitude: -87.67 })).toBeUndefined();
  });

  it('gives a point on a shared border to the first area loaded', () => {
    expect(areaContaining(areas, { latitude: 41.9, longitude: -87.67 })).toBe('D14');
  });

  it('names the first problem by feature index, never by value', () => {
    const f = DEMO_SERVICE_AREAS.features[0]!;
    expect(serviceAreaProblem({ type: 'FeatureCollection', features: [f, f] })).toEqual({
      feature: 1,
      reason: 'duplicate',
      problem: expect.stringContaining('repeats'),
    });
    const open = { ...f, geometry: { type: 'Polygon', coordinates: [f.geometry.coordinates[0]!.slice(0, 4)] } };
    expect(serviceAreaProblem({ type: 'FeatureCollection', features: [open] })).toMatchObject({
      feature: 0,
      reason: 'openRing',
      problem: expect.stringContaining('closed'),
    });
    expect(serviceAreaProblem({ type: 'Feature' })).toMatchObject({
      reason: 'notCollection',
      problem: expect.stringContaining('FeatureCollection'),
    });
  });
});
