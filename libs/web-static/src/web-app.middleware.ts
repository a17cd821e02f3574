import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import express, { type RequestHandler } from 'express';
import { API_DOCS_PATH } from './security-headers';

/** Vite's content-hashed output: a new build gets new names, so a year-long cache is safe. */
export const HASHED_ASSETS_DIR = 'assets';
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** The shell and everything the server answers itself: never kept by the browser or a proxy. */
export const NO_STORE = 'no-store';

/** Paths the web app never answers, so it cannot shadow the API, its docs or the health probe. */
const SERVER_PATHS = [/^\/api(\/|$)/, /^\/health(\/|$)/];

/**
 * Answers of the API and the health probe are never stored by a browser or proxy: they may carry
 * personal data, and after logout nothing of them may be readable (docs/security.md, "The browser").
 * Set before the handler runs, so an answer may still choose otherwise (the event stream does).
 */
export const noStoreForServerAnswers: RequestHandler = (req, res, next) => {
  if (isServerPath(req.path) && !req.path.startsWith(API_DOCS_PATH)) res.setHeader('Cache-Control', NO_STORE);
  next();
};

export function isServerPath(path: string): boolean {
  return SERVER_PATHS.some((pattern) => pattern.test(path));
}

/** Written by the web build beside index.html (apps/web/src/app/early-requests.mts). */
const EARLY_REQUESTS_FILE = 'early-requests.json';
/** Only the API's own GET paths may be announced, in a form that needs no escaping but `&`. */
const ANNOUNCEABLE = /^\/api\/v1\/[A-Za-z0-9/_.?=&-]*$/;

/**
 * The `<link rel="preload">` tags of each client path that starts requests of its own before anything else (the
 * phone's inbox: its session check and first lists), read from the web build: the browser asks for them as soon as
 * the HTML arrives, and the app's own requests, the same URLs, are answered from them (issue 17 item 6). Only
 * URLs, never data: the answers come from the API to the signed-in browser like any other. A missing or malformed
 * file announces nothing.
 */
function readEarlyRequests(root: string): Map<string, string> {
  const file = join(root, EARLY_REQUESTS_FILE);
  const tags = new Map<string, string>();
  if (!existsSync(file)) return tags;
  try {
    const byPath = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const [path, urls] of Object.entries(byPath)) {
      if (!Array.isArray(urls) || !urls.every((url) => typeof url === 'string' && ANNOUNCEABLE.test(url))) continue;
      const links = urls.map(
        (url) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${url.replace(/&/g, '&amp;')}">`,
      );
      tags.set(path, links.join(''));
    }
  } catch {
    // A build without a readable list serves the plain shell.
  }
  return tags;
}

/** A path whose last segment has an extension asks for a file, never for a client route. */
function looksLikeFile(path: string): boolean {
  return /\.[a-z0-9]+$/i.test(path.slice(path.lastIndexOf('/') + 1));
}

/** A hashed script or stylesheet (one path segment under assets/, nothing to resolve). */
const COMPRESSIBLE_ASSET = new RegExp(`^/${HASHED_ASSETS_DIR}/[A-Za-z0-9_-][A-Za-z0-9._-]*\\.(js|css)$`);

/**
 * Hashed scripts and stylesheets gzipped, each once (they never change under their name) and kept
 * in memory: on a phone's slow connection the app's JavaScript is a third of its size (issue 17
 * item 6). Anything else, or a client that does not take gzip, goes on to the static files.
 */
function gzippedAssets(root: string): RequestHandler {
  const cache = new Map<string, Buffer | null>();
  const gzipped = (path: string): Buffer | null => {
    let body = cache.get(path);
    if (body === undefined) {
      const file = join(root, path);
      body = existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }) : null;
      cache.set(path, body);
    }
    return body;
  };
  return (req, res, next) => {
    if (!COMPRESSIBLE_ASSET.test(req.path)) return next();
    res.vary('Accept-Encoding');
    if (req.acceptsEncodings('gzip', 'identity') !== 'gzip') return next();
    const body = gzipped(req.path);
    if (body === null) return next();
    res.setHeader('Cache-Control', IMMUTABLE_CACHE);
    res.setHeader('Content-Encoding', 'gzip');
    res.type(req.path.endsWith('.css') ? 'text/css' : 'text/javascript');
    res.setHeader('Content-Length', String(body.length));
    if (req.method === 'HEAD') res.end();
    else res.end(body);
  };
}

/**
 * Serves the built web app from `root`: hashed assets with a long immutable cache, other files
 * revalidated, and `index.html` (no-store) for every client route; a missing file is a plain 404,
 * never the shell. API, docs and health paths go on to Nest untouched.
 */
export function webAppMiddleware(root: string): RequestHandler {
  const files = express.static(root, {
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    fallthrough: true,
    setHeaders: (res, path) => {
      const relative = path.slice(root.length).replace(/\\/g, '/');
      if (relative === '/index.html') res.setHeader('Cache-Control', NO_STORE);
      else res.setHeader('Cache-Control', relative.startsWith(`/${HASHED_ASSETS_DIR}/`) ? IMMUTABLE_CACHE : 'no-cache');
    },
  });
  const gzip = gzippedAssets(root);
  const early = readEarlyRequests(root);
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServerPath(req.path)) return next();
    const serveFile = () =>
      files(req, res, (error?: unknown) => {
        if (error) return next(error);
        if (looksLikeFile(req.path)) {
          res.status(404).setHeader('Cache-Control', NO_STORE);
          res.type('text/plain').send('Not found');
          return;
        }
        res.setHeader('Cache-Control', NO_STORE);
        const links = early.get(req.path.length > 1 ? req.path.replace(/\/$/, '') : req.path);
        if (links !== undefined) {
          // Read per request like sendFile does (a rebuild is served at once); a few hundred bytes.
          const shell = readFileSync(join(root, 'index.html'), 'utf8');
          if (shell.includes('</head>')) {
            const html = shell.replace('</head>', `${links}</head>`);
            res.type('html').setHeader('Content-Length', String(Buffer.byteLength(html)));
            res.end(req.method === 'HEAD' ? undefined : html);
            return;
          }
        }
        res.sendFile('index.html', { root, cacheControl: false, lastModified: false, etag: false }, (sendError) => {
          if (sendError && !res.headersSent) next(sendError);
        });
      });
    gzip(req, res, serveFile);
  };
}

function isAccordPackage(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'accord';
  } catch {
    return false;
  }
}

/**
 * Where the build put the web app: `dist/web` under the project root (the folder with Accord's
 * package.json), found from this file whether it runs from the sources or from `dist/`.
 * Undefined when the web app has not been built.
 */
export function findWebRoot(from: string = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (isAccordPackage(join(dir, 'package.json'))) {
      const root = join(dir, 'dist', 'web');
      return existsSync(join(root, 'index.html')) ? root : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}
