import type { MapArea, ServiceAreaCollection } from '@/lib/service-area-map';

/**
 * The largest file the page reads: the API's request body limit (BODY_LIMIT, 100 kB by default). The body sent is
 * the file's JSON without its spacing, so a file within this size fits the request.
 */
export const MAX_UPLOAD_BYTES = 100 * 1024;

/** What a chosen file turned out to be, before anything is sent. */
export type UploadResult =
  | { kind: 'ready'; fileName: string; collection: ServiceAreaCollection; areas: MapArea[] }
  | { kind: 'tooLarge'; fileName: string; kilobytes: number }
  | { kind: 'notJson'; fileName: string; line?: number; column?: number }
  | { kind: 'notCollection'; fileName: string }
  | { kind: 'noFeatures'; fileName: string };

/** A file larger than the limit is refused before it is read. */
export function tooLarge(file: { name: string; size: number }): UploadResult | undefined {
  if (file.size <= MAX_UPLOAD_BYTES) return undefined;
  return { kind: 'tooLarge', fileName: file.name, kilobytes: Math.ceil(file.size / 1024) };
}

/**
 * The file's text as an upload: JSON (else where it stops being JSON, as line and column), a FeatureCollection
 * with at least one feature, and the features the map can draw for the preview. The API checks the rest
 * (closed rings, codes, names, ranges) when it is saved, and names the first feature it refuses.
 */
export function readUpload(fileName: string, text: string): UploadResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: 'notJson', fileName, ...whereJsonStops(text, error) };
  }
  if (!isObject(parsed) || parsed.type !== 'FeatureCollection' || !Array.isArray(parsed.features))
    return { kind: 'notCollection', fileName };
  if (parsed.features.length === 0) return { kind: 'noFeatures', fileName };
  const collection = parsed as unknown as ServiceAreaCollection;
  return { kind: 'ready', fileName, collection, areas: drawableAreas(parsed.features) };
}

/** The line and column (from 1) where JSON.parse stopped, when its message gives the position. */
export function whereJsonStops(text: string, error: unknown): { line?: number; column?: number } {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  if (position) {
    const before = text.slice(0, Number(position[1])).split('\n');
    return { line: before.length, column: before[before.length - 1]!.length + 1 };
  }
  // "Unexpected end of JSON input": it stops at the end.
  if (/end of JSON/i.test(message)) {
    const lines = text.split('\n');
    return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
  }
  return {};
}

/**
 * The features the preview can draw: a code and a name, and a Polygon or MultiPolygon made of numeric positions.
 * Others are left out of the preview (the API names them when the file is saved).
 */
export function drawableAreas(features: readonly unknown[]): MapArea[] {
  const areas: MapArea[] = [];
  for (const f of features) {
    if (!isObject(f) || !isObject(f.properties) || !isObject(f.geometry)) continue;
    const { code, name } = f.properties;
    const { type, coordinates } = f.geometry;
    if (typeof code !== 'string' || typeof name !== 'string') continue;
    const drawable =
      type === 'Polygon' ? isPolygon(coordinates) : type === 'MultiPolygon' && isList(coordinates, isPolygon);
    if (drawable) areas.push({ code, name, geometry: { type, coordinates } as MapArea['geometry'] });
  }
  return areas;
}

/** Why the API refused a collection (SERVICE_AREAS_INVALID's details): which feature, and what. */
export interface RefusedFeature {
  /** The feature's place in the file, from 1; absent when the problem is the whole file's. */
  number?: number;
  /** Its code as the file gives it, when it has one. */
  code?: string;
  /** The problem as a key of `problem.*` in the strings, or the API's own words when it is a new one. */
  problem: ProblemKey | { text: string };
}

export type ProblemKey =
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
  | 'openRing'
  | 'tooManyAreas'
  | 'tooManyPositions'
  | 'notCollection';

/** The API's reasons (libs/sharing/src/service-areas.ts, ServiceAreaProblemReason) this page has words for. */
const PROBLEM_KEYS: ReadonlySet<string> = new Set<ProblemKey>([
  'notFeature',
  'notCollection',
  'code',
  'name',
  'duplicate',
  'geometry',
  'noPolygon',
  'noRing',
  'fewPositions',
  'position',
  'range',
  'openRing',
  'tooManyAreas',
  'tooManyPositions',
]);

/** SERVICE_AREAS_INVALID's details (`{ feature?, reason, problem }`) against the file sent, in the page's terms. */
export function refusedFeature(details: unknown, collection: ServiceAreaCollection | undefined): RefusedFeature {
  const d = isObject(details) ? details : {};
  const text = typeof d.problem === 'string' ? d.problem : '';
  // The API's stable reason, worded here in the page's language; a reason this page does not know yet keeps the
  // API's English words rather than failing.
  const problem: RefusedFeature['problem'] =
    typeof d.reason === 'string' && PROBLEM_KEYS.has(d.reason) ? (d.reason as ProblemKey) : { text };
  if (typeof d.feature !== 'number') return { problem };
  const feature: unknown = collection?.features[d.feature];
  const code = isObject(feature) && isObject(feature.properties) ? feature.properties.code : undefined;
  return { number: d.feature + 1, ...(typeof code === 'string' && code ? { code } : {}), problem };
}

function isPolygon(value: unknown): boolean {
  return isList(value, (ring) => isList(ring, isPosition));
}

function isPosition(value: unknown): boolean {
  return Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === 'number' && Number.isFinite(n));
}

function isList(value: unknown, each: (item: unknown) => boolean): boolean {
  return Array.isArray(value) && value.length > 0 && value.every(each);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
