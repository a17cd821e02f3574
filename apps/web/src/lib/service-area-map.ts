import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { geoCentroid, geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import type { components } from '@/api/schema';

export type ServiceAreaCollection = components['schemas']['ServiceAreaCollectionDto'];
type Position = [number, number];
type Rings = Position[][];

/** One area as the map draws it: its code, its name and its polygons as GeoJSON. */
export interface MapArea {
  code: string;
  name: string;
  geometry: { type: 'Polygon'; coordinates: Rings } | { type: 'MultiPolygon'; coordinates: Rings[] };
}

export interface LatLng {
  latitude: number;
  longitude: number;
}

/** The API's collection as map areas (its geometry typed as the GeoJSON it is). */
export function mapAreas(collection: ServiceAreaCollection | undefined): MapArea[] {
  return (collection?.features ?? []).map((f) => ({
    code: f.properties.code,
    name: f.properties.name,
    geometry: f.geometry as unknown as MapArea['geometry'],
  }));
}

/** Twice the signed area of a ring in the lon/lat plane: positive when counter-clockwise. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum;
}

/**
 * d3-geo draws spherical polygons and reads a counter-clockwise exterior (GeoJSON's right-hand rule) as
 * "everything but this area": the rings are rewound for it, exterior clockwise and holes counter-clockwise,
 * whichever way the department's file winds them.
 */
export function rewoundForD3(area: MapArea): GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon> {
  const rewind = (rings: Rings): Rings =>
    rings.map((ring, i) => {
      const clockwise = signedArea(ring) < 0;
      return (i === 0) === clockwise ? ring : [...ring].reverse();
    });
  const geometry =
    area.geometry.type === 'Polygon'
      ? { type: 'Polygon' as const, coordinates: rewind(area.geometry.coordinates) }
      : { type: 'MultiPolygon' as const, coordinates: area.geometry.coordinates.map(rewind) };
  return { type: 'Feature', properties: { code: area.code }, geometry };
}

/** A Mercator projection fitted to the areas within a width × height box, less a margin on each side. */
export function fitProjection(areas: MapArea[], width: number, height: number, margin = 8): GeoProjection {
  const collection: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: areas.map(rewoundForD3) };
  return geoMercator().fitExtent(
    [
      [margin, margin],
      [width - margin, height - margin],
    ],
    collection,
  );
}

/** Each area's SVG path under the projection. */
export function areaPaths(areas: MapArea[], projection: GeoProjection): { code: string; d: string }[] {
  const path = geoPath(projection);
  return areas.map((area) => ({ code: area.code, d: path(rewoundForD3(area)) ?? '' }));
}

/**
 * The area holding the point, the first in the order loaded (the API's rule, with the same turf
 * function): shown to the liaison, while the server's own derivation is the one recorded.
 */
export function areaAt(areas: MapArea[], point: LatLng): MapArea | undefined {
  return areas.find((a) => booleanPointInPolygon([point.longitude, point.latitude], a.geometry));
}

/** A point inside the area for a liaison who chooses the area from the list: its centroid, else a vertex. */
export function pointInArea(area: MapArea): LatLng {
  const [longitude, latitude] = geoCentroid(rewoundForD3(area));
  const centroid = { latitude: round(latitude), longitude: round(longitude) };
  if (areaAt([area], centroid)) return centroid;
  const ring = area.geometry.type === 'Polygon' ? area.geometry.coordinates[0]! : area.geometry.coordinates[0]![0]!;
  // Just inside the first vertex, toward the ring's mean.
  const mean = ring.reduce((acc, p) => [acc[0] + p[0] / ring.length, acc[1] + p[1] / ring.length], [0, 0]);
  return {
    longitude: round(ring[0]![0] + (mean[0] - ring[0]![0]) * 0.01),
    latitude: round(ring[0]![1] + (mean[1] - ring[0]![1]) * 0.01),
  };
}

/** Five decimals, about a metre: what the API keeps of an exact location anyway. */
function round(n: number): number {
  return Math.round(n * 1e5) / 1e5;
}
