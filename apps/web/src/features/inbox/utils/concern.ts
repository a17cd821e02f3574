import type { components } from '@/api/schema';

export type ConcernType = components['schemas']['CreateConcernDto']['concernType'];
const CONCERN_TYPES: readonly string[] = ['rising_tension', 'retaliation_risk', 'coordinate_walk', 'other'];

/** A community concern's fields in the order the page shows them (the API's order of sending). */
export const CONCERN_FIELDS = ['concernType', 'area', 'occurredAt', 'narrative', 'requestedAction'] as const;
export type ConcernField = (typeof CONCERN_FIELDS)[number];

export type ConcernValue =
  | { field: 'concernType'; type: ConcernType | null; text: string }
  | { field: 'occurredAt'; day: string }
  | { field: 'occurredAt'; hour: Date }
  | { field: Exclude<ConcernField, 'concernType' | 'occurredAt'>; text: string };

/**
 * What a community concern's payload holds, field by field, only those the agreement released (a concern's
 * payload has no generated type: the inbox answers it as an object). The time comes as the day (`2026-12-06`)
 * or the hour it was cut to, and is shown as that, never finer.
 */
export function concernValues(payload: Record<string, unknown> | null): ConcernValue[] {
  if (!payload) return [];
  return CONCERN_FIELDS.flatMap((field): ConcernValue[] => {
    const value = payload[field];
    if (typeof value !== 'string' || value === '') return [];
    if (field === 'concernType')
      return [{ field, type: CONCERN_TYPES.includes(value) ? (value as ConcernType) : null, text: value }];
    if (field === 'occurredAt') {
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return [{ field, day: value }];
      const hour = new Date(value);
      return Number.isNaN(hour.getTime()) ? [] : [{ field, hour }];
    }
    return [{ field, text: value }];
  });
}

export type CoarseStatus = components['schemas']['ReferralStatusBackDto']['status'];
const COARSE: readonly string[] = ['pending', 'engaged', 'not_engaged', 'closed'];

/**
 * A referral's status back (partner → police, category `referral_status`): which sent referral, and the coarse
 * class the partner's step put it in. Null when the payload holds neither (purged, or a shape not known).
 */
export function statusBackOf(
  payload: Record<string, unknown> | null,
): { referralId: string; status: CoarseStatus | null } | null {
  const referralId = payload?.referralId;
  if (typeof referralId !== 'string' || referralId === '') return null;
  const status = payload?.status;
  return {
    referralId,
    status: typeof status === 'string' && COARSE.includes(status) ? (status as CoarseStatus) : null,
  };
}
