/** The categories the API names (InboxItemDto.category); anything newer reads as a plain inbox item. */
const CATEGORIES = ['incident_notification', 'referral', 'referral_status', 'community_concern'] as const;
export type CategoryKey = (typeof CATEGORIES)[number] | 'other';

export function categoryKey(category: string): CategoryKey {
  return (CATEGORIES as readonly string[]).includes(category) ? (category as CategoryKey) : 'other';
}

/**
 * A referral's status back tells the police of a partner's step; it asks for no acknowledgement (the API refuses
 * one).
 */
export function asksAcknowledgement(item: { category: string }): boolean {
  return item.category !== 'referral_status';
}
