import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The browser's rules for everything Accord serves (docs/security.md, "The browser"): code and styles
 * only from this origin — no inline script, no third-party origin. The web app needs no inline
 * style either: React sets style attributes through the CSSOM, which CSP does not govern, and
 * Mantine's own `<style>` tags are switched off (app/providers.tsx), so `style-src 'self'` holds.
 * `data:` images are the enrollment QR code, drawn in the browser.
 */
export const WEB_APP_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'worker-src': ["'none'"],
  'manifest-src': ["'self'"],
} as const satisfies Record<string, readonly string[]>;

/**
 * Swagger UI (/api/docs) writes its page with inline `<style>` blocks; it carries no personal data,
 * so only there styles may be inline. Scripts stay `'self'`.
 */
export const API_DOCS_CSP = { ...WEB_APP_CSP, 'style-src': ["'self'", "'unsafe-inline'"] } as const;

export const API_DOCS_PATH = '/api/docs';

function helmetWith(directives: Record<string, readonly string[]>): RequestHandler {
  // useDefaults off: every directive is listed above, none is inherited (e.g. no upgrade-insecure-requests,
  // which would send a plain-http demo on 127.0.0.1 looking for https).
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(Object.entries(directives).map(([k, v]) => [k, [...v]])),
    },
  });
}

/** Helmet's headers with Accord's CSP: the strict one everywhere, the Swagger one under /api/docs. */
export function securityHeaders(): RequestHandler {
  const strict = helmetWith(WEB_APP_CSP);
  const docs = helmetWith(API_DOCS_CSP);
  return (req, res, next) =>
    (req.path === API_DOCS_PATH || req.path.startsWith(`${API_DOCS_PATH}/`) ? docs : strict)(req, res, next);
}
