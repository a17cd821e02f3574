import createClient from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The one API client of the web app, typed from the API's own OpenAPI document (schema.d.ts,
 * regenerated with `npm run api:generate`). The document's paths carry their `/api/v1` prefix
 * (and `/health` none), so the base is the page's own origin: the API serves the app, the session
 * cookie goes along (same origin, no CORS), and no answer is cached by the browser. An error
 * answer (`{ error: { code, message, details? } }`) becomes a typed ApiError in lib/api-error.ts.
 */
export const api = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  cache: 'no-store',
  headers: { Accept: 'application/json' },
});
