import booleanPointInPolygon from '@turf/boolean-point-in-polygon';

/** A GeoJSON position: [longitude, latitude]. */
export type Position = [number, number];
export type AreaGeometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** One service area as the API takes and gives it: a GeoJSON Feature with its code and name. */
export interface ServiceAreaFeature {
  type: 'Feature';
  properties: { code: string; name: string };
  geometry: AreaGeometry;
}

export interface ServiceAreaCollection {
  type: 'FeatureCollection';
  features: ServiceAreaFeature[];
}

/** At most this many areas per organization, and this many positions over all of them. */
export const MAX_SERVICE_AREAS = 200;
export const MAX_SERVICE_AREA_POSITIONS = 50_000;
export const SERVICE_AREA_CODE = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Why a collection is refused: the first problem found, naming the feature by index, never by value. `reason` is
 * the stable key a client words the problem by (the web app in its own languages); `problem` says it in English.
 */
export type ServiceAreaProblem = { feature?: number; reason: ServiceAreaProblemReason; problem: string };

export type ServiceAreaProblemReason =
  | 'notCollection'
  | 'tooManyAreas'
  | 'tooManyPositions'
  | 'notFeature'
  | 'code'
  | 'name'
  | 'duplicate'
  | 'geometry'
  | 'noPolygon'
  | 'noRing'
  | 'fewPositions'
  | 'position'
  | 'range'
  | 'openRing';

/**
 * The one check of an uploaded collection, pure so it is tested without a database. Polygons and
 * multipolygons only, each ring closed with at least four positions, longitudes in [-180, 180] and
 * latitudes in [-90, 90], codes unique and code-shaped, names 1–100 characters, and the whole within
 * MAX_SERVICE_AREAS and MAX_SERVICE_AREA_POSITIONS.
 */
export function serviceAreaProblem(input: unknown): ServiceAreaProblem | undefined {
  if (!isObject(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features))
    return { reason: 'notCollection', problem: 'must be a GeoJSON FeatureCollection' };
  if (input.features.length > MAX_SERVICE_AREAS)
    return { reason: 'tooManyAreas', problem: `at most ${MAX_SERVICE_AREAS} areas` };
  const codes = new Set<string>();
  let positions = 0;
  for (const [feature, f] of input.features.entries()) {
    if (!isObject(f) || f.type !== 'Feature')
      return { feature, reason: 'notFeature', problem: 'must be a GeoJSON Feature' };
    const props = f.properties;
    if (!isObject(props) || typeof props.code !== 'string' || !SERVICE_AREA_CODE.test(props.code))
      return { feature, reason: 'code', problem: 'properties.code must be 1-32 letters, digits, "_" or "-"' };
    if (typeof props.name !== 'string' || props.name.trim().length === 0 || props.name.length > 100)
      return { feature, reason: 'name', problem: 'properties.name must be 1-100 characters' };
    const key = props.code.toUpperCase();
    if (codes.has(key)) return { feature, reason: 'duplicate', problem: 'properties.code repeats another area’s code' };
    codes.add(key);
    const g = f.geometry;
    if (!isObject(g) || (g.type !== 'Polygon' && g.type !== 'MultiPolygon'))
      return { feature, reason: 'geometry', problem: 'geometry must be a Polygon or a MultiPolygon' };
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    if (!Array.isArray(polygons) || polygons.length === 0)
      return { feature, reason: 'noPolygon', problem: 'geometry.coordinates must hold at least one polygon' };
    for (const polygon of polygons) {
      if (!Array.isArray(polygon) || polygon.length === 0)
        return { feature, reason: 'noRing', problem: 'each polygon must hold at least one ring' };
      for (const ring of polygon) {
        const problem = ringProblem(ring);
        if (problem) return { feature, ...problem };
        positions += (ring as unknown[]).length;
        if (positions > MAX_SERVICE_AREA_POSITIONS)
          return { reason: 'tooManyPositions', problem: `at most ${MAX_SERVICE_AREA_POSITIONS} positions in all` };
      }
    }
  }
  return undefined;
}

function ringProblem(ring: unknown): Omit<ServiceAreaProblem, 'feature'> | undefined {
  if (!Array.isArray(ring) || ring.length < 4)
    return { reason: 'fewPositions', problem: 'each ring must hold at least four positions' };
  for (const p of ring) {
    if (
      !Array.isArray(p) ||
      p.length < 2 ||
      p.length > 3 ||
      !p.every((n) => typeof n === 'number' && Number.isFinite(n))
    )
      return { reason: 'position', problem: 'each position must be [longitude, latitude]' };
    const [lng, lat] = p as number[];
    if (lng! < -180 || lng! > 180 || lat! < -90 || lat! > 90)
      return { reason: 'range', problem: 'longitudes must lie in [-180, 180] and latitudes in [-90, 90]' };
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1])
    return { reason: 'openRing', problem: 'each ring must be closed (its last position is its first)' };
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The code of the first area (in the order loaded) whose polygon holds the point, borders included. */
export function areaContaining(
  areas: readonly { code: string; geometry: AreaGeometry }[],
  point: { latitude: number; longitude: number },
): string | undefined {
  const at: Position = [point.longitude, point.latitude];
  return areas.find((a) => booleanPointInPolygon(at, a.geometry))?.code;
}

/** A rectangle as a closed GeoJSON ring, west/south/east/north in degrees. */
function box(west: number, south: number, east: number, north: number): Position[][] {
  return [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ];
}

/**
 * The demo city's police districts (Riverton's D14, D12 and D07, north to south), which the demo
 * seeds for the demo police department and the tests load with the test kit. The demo's incidents
 * (41.9031, -87.6712; 41.8957, -87.6722; 41.8781, -87.6298 in the demo history) fall in D14, D12 and D07.
 */
export const DEMO_SERVICE_AREAS: ServiceAreaCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: 'D14', name: 'District 14 (Shakespeare)' },
      geometry: { type: 'Polygon', coordinates: box(-87.7, 41.9, -87.64, 41.93) },
    },
    {
      type: 'Feature',
      properties: { code: 'D12', name: 'District 12 (Near West)' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-87.7, 41.87],
            [-87.64, 41.87],
            [-87.64, 41.9],
            [-87.7, 41.9],
            [-87.7, 41.87],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { code: 'D07', name: 'District 7 (Englewood)' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [box(-87.7, 41.84, -87.64, 41.87), box(-87.64, 41.86, -87.62, 41.89)],
      },
    },
  ],
};
