/**
 * The inbox screen's two lists and the size of the first page of each: what waits for an acknowledgement (all of it,
 * as far as a phone can show) and the recent history. Plain data with no imports, because the build reads it too:
 * the API puts these requests in the HTML it serves for /inbox (app/early-requests.ts).
 */
export const INBOX_FIRST_PAGES = [
  { filter: 'unacknowledged', limit: 100 },
  { filter: 'all', limit: 25 },
] as const;

export type InboxFilter = (typeof INBOX_FIRST_PAGES)[number]['filter'];
