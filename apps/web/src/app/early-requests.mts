import { INBOX_FIRST_PAGES } from '../features/inbox/api/inbox-pages.mjs';

/** The file the build writes beside index.html (vite.config.mts) and the API reads (libs/web-static). */
export const EARLY_REQUESTS_FILE = 'early-requests.json';

/**
 * What each page asks the API for before anything else, by path: exactly the requests app/start.ts starts (its test
 * holds the two together). The API puts them in the HTML it serves for that path as `<link rel="preload">`, so a
 * phone asks for them the moment the HTML arrives instead of once the scripts have run (issue 17 item 6): on a
 * return visit ~0.25 s sooner. Only URLs, never data: the answers still come from the API to the signed-in browser.
 * Relative imports of plain data only, since the build configuration reads this file too.
 */
export function earlyRequests(): Record<string, string[]> {
  const lists = INBOX_FIRST_PAGES.map(({ filter, limit }) => `/api/v1/inbox?filter=${filter}&limit=${limit}`);
  return { '/inbox': ['/api/v1/me', ...lists] };
}
