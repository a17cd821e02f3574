import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadConfig } from '@accord/config';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { createApiApp } from '../src/create-api-app';

/** The CSP's directives as a map (`script-src` → `'self'`). */
function csp(header: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

/**
 * The API serves the built web app at `/` (a folder shaped like Vite's output stands in for
 * dist/web): the shell for client routes, never in place of the API, its docs or the health probe.
 */
describe('web app served by the API', () => {
  const root = mkdtempSync(join(tmpdir(), 'accord-web-'));
  let db: TestDatabase;
  let app: NestExpressApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><head><title>Accord</title></head><div id="root"></div><script type="module" ' +
        'src="/assets/index-Ab12Cd.js"></script>',
    );
    // As the web build writes it (apps/web/src/app/early-requests.mts), with one entry the API must refuse.
    writeFileSync(
      join(root, 'early-requests.json'),
      JSON.stringify({
        '/inbox': ['/api/v1/me', '/api/v1/inbox?filter=all&limit=25'],
        '/agreements': ['https://elsewhere.example/steal'],
      }),
    );
    writeFileSync(join(root, 'assets', 'index-Ab12Cd.js'), 'console.log("accord")');
    writeFileSync(join(root, 'assets', 'index-Ef34Gh.css'), 'body{margin:0}');
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    db = await createTestDatabase('webapp');
    app = await createApiApp(loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.appUrl }), false, [], root);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers the shell at / and at every client route, never stored', async () => {
    for (const path of [
      '/',
      '/inbox',
      '/inbox/3f2c1a9e-0000-4000-8000-000000000000',
      '/sign-in?reason=expired',
      '/enroll',
    ]) {
      const res = await http().get(path);
      expect({ path, status: res.status, type: res.type, cache: res.headers['cache-control'] }).toEqual({
        path,
        status: 200,
        type: 'text/html',
        cache: 'no-store',
      });
      expect(res.text).toContain('<div id="root">');
    }
    expect((await http().get('/index.html')).headers['cache-control']).toBe('no-store');
  });

  it('announces the early requests of /inbox in its shell as preloads, none on other pages', async () => {
    const preloads = (html: string) =>
      [...html.matchAll(/<link rel="preload" as="fetch" crossorigin="anonymous" href="([^"]+)">/g)].map((m) => m[1]);
    for (const path of ['/inbox', '/inbox/']) {
      const res = await http().get(path);
      expect({ status: res.status, type: res.type, cache: res.headers['cache-control'] }).toEqual({
        status: 200,
        type: 'text/html',
        cache: 'no-store',
      });
      expect(preloads(res.text)).toEqual(['/api/v1/me', '/api/v1/inbox?filter=all&amp;limit=25']);
      expect(res.text).toContain('<div id="root">');
    }
    // An alert page, other pages, and a path whose list is not the API's own announce nothing.
    for (const path of ['/inbox/3f2c1a9e-0000-4000-8000-000000000000', '/', '/agreements', '/sign-in']) {
      const res = await http().get(path);
      expect(res.status).toBe(200);
      expect(preloads(res.text)).toEqual([]);
    }
  });

  it('caches hashed assets for a year and revalidates other files', async () => {
    const asset = await http().get('/assets/index-Ab12Cd.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await http().get('/favicon.svg')).headers['cache-control']).toBe('no-cache');
  });

  it('sends hashed stylesheets gzipped and immutable too: a return visit asks for none of them', async () => {
    for (const encoding of ['gzip', 'identity']) {
      const sheet = await http().get('/assets/index-Ef34Gh.css').set('Accept-Encoding', encoding);
      expect({
        status: sheet.status,
        type: sheet.type,
        encoding: sheet.headers['content-encoding'],
        cache: sheet.headers['cache-control'],
        body: sheet.text,
      }).toEqual({
        status: 200,
        type: 'text/css',
        encoding: encoding === 'gzip' ? 'gzip' : undefined,
        cache: 'public, max-age=31536000, immutable',
        body: 'body{margin:0}',
      });
    }
  });

  it('sends hashed scripts gzipped to a browser that takes gzip, as they are to one that does not', async () => {
    const zipped = await http().get('/assets/index-Ab12Cd.js').set('Accept-Encoding', 'gzip, deflate');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('Accept-Encoding');
    expect(zipped.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zipped.type).toBe('text/javascript');
    // What went over the wire is the gzip of the file (supertest unzips it for the text).
    const file = Buffer.from('console.log("accord")');
    expect(Number(zipped.headers['content-length'])).toBe(gzipSync(file, { level: 9 }).length);
    expect(zipped.text).toBe(file.toString());
    const plain = await http().get('/assets/index-Ab12Cd.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe('console.log("accord")');
    expect((await http().get('/assets/index-Gone99.js').set('Accept-Encoding', 'gzip')).status).toBe(404);
  });

  it('answers 404 for a missing file instead of the shell', async () => {
    const res = await http().get('/assets/index-Gone99.js');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<div id="root">');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('never shadows the API, its docs or the health probe', async () => {
    const unknown = await http().get('/api/v1/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('ROUTE_NOT_FOUND');
    expect((await http().get('/api')).status).toBe(404);
    const me = await http().get('/api/v1/me');
    expect(me.status).toBe(401);
    expect(me.type).toBe('application/json');
    const health = await http().get('/health');
    expect(health.type).toBe('application/json');
    const docs = await http().get('/api/docs-json');
    expect(docs.body.openapi).toMatch(/^3\./);
    expect((await http().post('/').send({})).status).toBe(404);
  });

  it('marks every API and health answer no-store, public or not, success or error', async () => {
    for (const res of [
      await http().get('/api/v1/me'),
      await http().get('/health'),
      await http().post('/api/v1/auth/login').send({ email: 'a@b.example', password: 'x', code: '123456' }),
    ]) {
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('allows scripts and styles from this origin only, no inline script, no third party', async () => {
    for (const path of ['/', '/sign-in', '/assets/index-Ab12Cd.js', '/api/v1/me']) {
      const policy = csp((await http().get(path)).headers['content-security-policy']);
      expect(policy['default-src']).toBe("'self'");
      expect(policy['script-src']).toBe("'self'");
      expect(policy['script-src-attr']).toBe("'none'");
      expect(policy['style-src']).toBe("'self'");
      expect(policy['connect-src']).toBe("'self'");
      expect(policy['img-src']).toBe("'self' data:");
      expect(policy['frame-ancestors']).toBe("'none'");
      expect(policy['object-src']).toBe("'none'");
    }
  });

  it('lets only the Swagger page use inline styles, never inline scripts', async () => {
    const policy = csp((await http().get('/api/docs/')).headers['content-security-policy']);
    expect(policy['style-src']).toBe("'self' 'unsafe-inline'");
    expect(policy['script-src']).toBe("'self'");
  });
});
