import { latLngToCell } from 'h3-js';
import type { IncidentLocation } from './incident';

export type TimePrecision = 'exact' | 'hour' | 'day';
export type LocationPrecision = 'exact' | 'block' | 'grid' | 'area' | 'none';

/** H3 resolution 8: cells of about 0.7 km² — a neighbourhood, not a doorstep. */
export const GRID_RESOLUTION = 8;
export const AGE_BAND_WIDTH = 5;

/** Time cut down to the agreed precision, as an ISO string in UTC. */
export function generalizeTime(at: Date, precision: TimePrecision): string {
  const d = new Date(at.getTime());
  if (precision === 'exact') return d.toISOString();
  d.setUTCMinutes(0, 0, 0);
  if (precision === 'day') d.setUTCHours(0);
  return d.toISOString();
}

export type GeneralizedLocation =
  | { precision: 'exact'; latitude: number; longitude: number; address: string; serviceArea: string }
  | { precision: 'block'; block: string; serviceArea: string }
  | { precision: 'grid'; cell: string; resolution: number; serviceArea: string }
  | { precision: 'area'; serviceArea: string };

/**
 * A street field as typed, split into a leading house number (when someone typed "1432 W Chicago
 * Ave" into it) and the street name with every other number-bearing token removed ("Apt 3",
 * "#2R", "1432-1434"). Ordinal street names ("E 63rd St") are street names, not addresses, and stay.
 */
export function splitStreet(street: string): { number?: string; name: string } {
  const tokens = street.trim().split(/\s+/).filter(Boolean);
  const leading =
    tokens[0] !== undefined && /^\d/.test(tokens[0]) && !ORDINAL.test(tokens[0]) ? tokens.shift() : undefined;
  const name = tokens.filter((t) => !/\d/.test(t) || ORDINAL.test(t)).join(' ');
  const number = leading?.match(/^\d+/)?.[0];
  return number ? { number, name } : { name };
}
const ORDINAL = /^\d+(?:st|nd|rd|th)$/i;

/**
 * "1234 W Division St" → "1200 block of W Division St": the hundred-block, never the house. The
 * street name carries no digits but an ordinal's (see splitStreet), so a house number typed into
 * the street field cannot ride along; it gives the hundred-block when no house number was recorded.
 */
export function hundredBlock(houseNumber: string | undefined, street: string): string {
  const parts = splitStreet(street);
  const number = Number.parseInt(houseNumber ?? parts.number ?? '', 10);
  if (!Number.isFinite(number) || number < 0) return parts.name;
  return `${Math.floor(number / 100) * 100} block of ${parts.name}`;
}

/** Location at the agreed precision; `none` releases nothing (undefined). */
export function generalizeLocation(
  location: IncidentLocation,
  precision: LocationPrecision,
): GeneralizedLocation | undefined {
  switch (precision) {
    case 'exact':
      return {
        precision,
        latitude: Math.round(location.latitude * 1e5) / 1e5,
        longitude: Math.round(location.longitude * 1e5) / 1e5,
        address: `${location.houseNumber ? `${location.houseNumber} ` : ''}${location.street}`,
        serviceArea: location.serviceArea,
      };
    case 'block':
      return {
        precision,
        block: hundredBlock(location.houseNumber, location.street),
        serviceArea: location.serviceArea,
      };
    case 'grid':
      return {
        precision,
        cell: latLngToCell(location.latitude, location.longitude, GRID_RESOLUTION),
        resolution: GRID_RESOLUTION,
        serviceArea: location.serviceArea,
      };
    case 'area':
      return { precision, serviceArea: location.serviceArea };
    case 'none':
      return undefined;
  }
}

/** An age as a band of AGE_BAND_WIDTH years ("15-19"); unknown stays unknown. */
export function ageBand(age: number | null): string {
  if (age === null || !Number.isFinite(age) || age < 0) return 'unknown';
  const low = Math.floor(age / AGE_BAND_WIDTH) * AGE_BAND_WIDTH;
  return `${low}-${low + AGE_BAND_WIDTH - 1}`;
}
