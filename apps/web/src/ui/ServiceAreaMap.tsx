import { geoCentroid } from 'd3-geo';
import { type MouseEvent, useMemo, useRef } from 'react';
import { areaPaths, fitProjection, type LatLng, type MapArea, rewoundForD3 } from '@/lib/service-area-map';
import './service-area-map.css';

const WIDTH = 640;
const HEIGHT = 420;

/**
 * An organization's service areas drawn as SVG (d3-geo, Mercator fitted to them; no tiles, so it works offline
 * and in tests), described by `label`. With `onPick` a click picks a point (the liaison's compose,
 * features/incidents, whose keyboard alternative is the list beside it); the selected area is highlighted.
 * Without it the map only shows the areas (the org admin's upload, features/service-areas).
 */
export function ServiceAreaMap({
  areas,
  label,
  point = null,
  selectedCode,
  onPick,
  testId = 'service-area-map',
}: {
  areas: MapArea[];
  label: string;
  point?: LatLng | null;
  selectedCode?: string | undefined;
  onPick?: (point: LatLng) => void;
  testId?: string;
}) {
  const svg = useRef<SVGSVGElement>(null);
  const projection = useMemo(() => fitProjection(areas, WIDTH, HEIGHT), [areas]);
  const paths = useMemo(() => areaPaths(areas, projection), [areas, projection]);
  const labels = useMemo(
    () => areas.map((area) => ({ code: area.code, at: projection(geoCentroid(rewoundForD3(area))) })),
    [areas, projection],
  );
  const marker = point ? projection([point.longitude, point.latitude]) : null;

  const pick = (event: MouseEvent<SVGSVGElement>) => {
    const element = svg.current;
    if (!onPick) return;
    const matrix = element?.getScreenCTM();
    if (!element || !matrix) return;
    const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    const lngLat = projection.invert?.([at.x, at.y]);
    if (!lngLat) return;
    onPick({ longitude: Math.round(lngLat[0] * 1e5) / 1e5, latitude: Math.round(lngLat[1] * 1e5) / 1e5 });
  };

  return (
    <svg
      ref={svg}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className={onPick ? 'area-map area-map-pickable' : 'area-map'}
      role="img"
      aria-label={label}
      onClick={onPick ? pick : undefined}
      data-testid={testId}
    >
      {paths.map((p) => (
        <path
          key={p.code}
          d={p.d}
          className={p.code === selectedCode ? 'area-map-area area-map-selected' : 'area-map-area'}
          data-code={p.code}
        />
      ))}
      {labels.map(
        (l) =>
          l.at && (
            <text key={l.code} x={l.at[0]} y={l.at[1]} className="area-map-label" aria-hidden="true">
              {l.code}
            </text>
          ),
      )}
      {marker && <circle cx={marker[0]} cy={marker[1]} r={7} className="area-map-marker" data-testid="map-marker" />}
    </svg>
  );
}
