import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainException } from './domain.exception';
import { ErrorCode } from './error-code';

/** Methods that change nothing; everything else is checked. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What a page may send cross-site without a CORS preflight: a form post, or fetch with these types. */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
/** The body types the API reads (the JSON parser's own list). */
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json(?:\s*;|$)/i;

export interface SameOriginOptions {
  /** The session cookie's name: its presence marks a browser session. */
  sessionCookie: string;
  /** Origins the web app is served from (PUBLIC_BASE_URL's origin); the request's own host also counts. */
  allowedOrigins: readonly string[];
}

/**
 * CSRF defence for cookie sessions (docs/security.md, "The browser"). SameSite=Strict keeps the cookie off
 * cross-site requests in today's browsers; this holds even where it does not (a sibling subdomain is
 * "same-site", an old browser ignores SameSite):
 *
 * - A state-changing request without `Authorization` is refused (403 CROSS_SITE_REQUEST) when the
 *   browser says it came from elsewhere: `Sec-Fetch-Site` other than `same-origin`/`none`, or, from
 *   a browser that sends no `Sec-Fetch-Site`, an `Origin` that is not the app's own. One that carries
 *   the session cookie must prove its origin with one of the two headers; a client with neither
 *   header and no cookie (a script logging in with `client: "api"`) goes on.
 * - Bearer clients are unaffected: a page elsewhere cannot set `Authorization` on a cross-site request
 *   without a CORS preflight, which this API never grants.
 * - A state-changing request whose body is not JSON is refused (415 UNSUPPORTED_MEDIA_TYPE), so a
 *   form post (urlencoded, multipart, text/plain) never reaches a handler as an empty body.
 */
export function sameOriginRequests(options: SameOriginOptions): RequestHandler {
  const allowed = new Set(options.allowedOrigins.map(originOf).filter((o): o is string => o !== null));
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (!bodyIsJsonOrAbsent(req)) {
      return next(new DomainException(ErrorCode.UnsupportedMediaType, 'Send JSON with Content-Type: application/json'));
    }
    if (req.header('authorization')) return next();
    const site = req.header('sec-fetch-site');
    const origin = req.header('origin');
    const fromHere =
      site !== undefined
        ? site === 'same-origin' || site === 'none'
        : origin !== undefined
          ? isOwnOrigin(origin, req, allowed)
          : !hasCookie(req, options.sessionCookie);
    if (!fromHere)
      return next(
        new DomainException(
          ErrorCode.CrossSiteRequest,
          'This request did not come from Accord’s own pages; reload Accord and try again',
        ),
      );
    next();
  };
}

function bodyIsJsonOrAbsent(req: Request): boolean {
  const type = req.header('content-type');
  if (type !== undefined && FORM_TYPES.some((form) => type.toLowerCase().startsWith(form))) return false;
  const hasBody = req.header('transfer-encoding') !== undefined || Number(req.header('content-length') ?? '0') > 0;
  return !hasBody || (type !== undefined && JSON_TYPE.test(type));
}

function isOwnOrigin(origin: string, req: Request, allowed: ReadonlySet<string>): boolean {
  if (allowed.has(origin)) return true;
  const host = req.header('host');
  return host !== undefined && origin === `${req.protocol}://${host}`;
}

function hasCookie(req: Request, name: string): boolean {
  const cookies = req.header('cookie');
  return cookies !== undefined && cookies.split(';').some((part) => part.trim().startsWith(`${name}=`));
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
