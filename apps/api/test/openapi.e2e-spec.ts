import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { loadConfig } from '@accord/config';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import {
  CLIENT_SCHEMA_PATH,
  formatLintProblems,
  generateClientTypes,
  lintOpenApi,
} from '../../../scripts/openapi-tools';
import { createApiApp } from '../src/create-api-app';
import { buildOpenApiDocumentOffline } from '../src/openapi';

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, unknown>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: unknown;
  format?: string;
};
type Operation = {
  operationId: string;
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: Array<Record<string, string[]>>;
  'x-accord-policy'?: string;
  'x-accord-always-refused'?: boolean;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function operationsOf(document: OpenAPIObject): Array<{ name: string; op: Operation }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = (item as Record<string, Operation | undefined>)[method];
      return op ? [{ name: `${method.toUpperCase()} ${path}`, op }] : [];
    }),
  );
}

/** A schema that says something: a reference, a typed value, or a composition of those. */
function isDescribed(schema: Schema | undefined): boolean {
  if (!schema) return false;
  if (schema.$ref || schema.oneOf?.length || schema.anyOf?.length) return true;
  if (schema.type === 'array') return isDescribed(schema.items);
  if (schema.type === 'object')
    return Object.keys(schema.properties ?? {}).length > 0 || schema.additionalProperties !== undefined;
  return schema.type !== undefined;
}

/** The component a `$ref` names, so an empty class behind a reference is caught too. */
function resolve(document: OpenAPIObject, schema: Schema | undefined): Schema | undefined {
  const ref = schema?.$ref;
  return ref
    ? (document.components?.schemas?.[ref.replace('#/components/schemas/', '')] as Schema | undefined)
    : schema;
}

/**
 * The API's OpenAPI document is what the web app's typed client is generated from, so it must be
 * complete and valid: linted by a real OpenAPI linter, shaped by the rules below, and in step with
 * the committed apps/web/src/api/schema.d.ts.
 */
describe('the OpenAPI document', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let live: OpenAPIObject;
  let operations: Array<{ name: string; op: Operation }>;

  beforeAll(async () => {
    db = await createTestDatabase('openapi');
    app = await createApiApp(
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: db.appUrl,
        DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      }),
      false,
    );
    await app.init();
    live = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body as OpenAPIObject;
    operations = operationsOf(live);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('served at /api/docs-json is the one `npm run api:generate` builds without a server or a database', async () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(JSON.parse(JSON.stringify(await buildOpenApiDocumentOffline()))).toEqual(live);
  });

  it('passes Redocly lint (recommended rules) with no error and no warning', () => {
    const { errors, warnings } = lintOpenApi(live);
    const problems = formatLintProblems([...errors, ...warnings]);
    expect(problems).toBe('');
    expect(errors).toHaveLength(0);
    expect(warnings).toHaveLength(0);
  }, 120_000);

  it('generates exactly the committed apps/web/src/api/schema.d.ts (after an API change: npm run api:generate)', () => {
    const committed = readFileSync(CLIENT_SCHEMA_PATH, 'utf8');
    expect(generateClientTypes(live)).toBe(committed);
  }, 120_000);

  it('documents a success schema for every operation (204 aside, and the one always refused)', () => {
    const missing = operations.filter(({ op }) => {
      if (op['x-accord-always-refused']) return false;
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) return true;
      return success.some(
        ([status, response]) =>
          status !== '204' && !Object.values(response.content ?? {}).some((media) => isDescribed(media.schema)),
      );
    });
    expect(missing.map((m) => m.name)).toEqual([]);
    expect(operations.filter(({ op }) => op['x-accord-always-refused']).map((m) => m.name)).toEqual([
      'POST /api/v1/referrals/{referralId}/forward',
    ]);
  });

  it('has no request body with an empty schema', () => {
    const withBody = operations.filter(({ op }) => op.requestBody);
    expect(withBody.length).toBeGreaterThan(20);
    const empty = withBody.filter(
      ({ op }) =>
        !Object.values(op.requestBody!.content).every(
          (media) =>
            isDescribed(resolve(live, media.schema)) &&
            Object.keys(resolve(live, media.schema)?.properties ?? { any: 1 }).length > 0,
        ),
    );
    expect(empty.map((e) => e.name)).toEqual([]);
  });

  it('gives every id path parameter the uuid format', () => {
    const ids = operations.flatMap(({ name, op }) =>
      (op.parameters ?? [])
        .filter((p) => p.in === 'path' && /(^id|Id)$/.test(p.name))
        .map((p) => ({ name, param: p.name, format: p.schema?.format })),
    );
    expect(ids.length).toBeGreaterThan(30);
    expect(ids.filter((p) => p.format !== 'uuid')).toEqual([]);
  });

  it('marks public operations `security: []` and every other with the bearer token or the session cookie', () => {
    const publicOps = operations.filter(({ op }) => op['x-accord-policy'] === 'public');
    expect(publicOps.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'GET /health',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/enrollment',
        'POST /api/v1/auth/enrollment/confirm',
      ]),
    );
    expect(
      publicOps.filter(({ op }) => !(Array.isArray(op.security) && op.security.length === 0)).map((p) => p.name),
    ).toEqual([]);
    const guarded = operations.filter(({ op }) => op['x-accord-policy'] !== 'public');
    expect(guarded.length).toBeGreaterThan(40);
    expect(
      guarded
        .filter(({ op }) => JSON.stringify(op.security) !== JSON.stringify([{ bearer: [] }, { cookie: [] }]))
        .map((g) => g.name),
    ).toEqual([]);
    expect(live.components?.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      cookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'accord_session' }),
    });
    expect(live.components?.securitySchemes?.bearer).not.toHaveProperty('bearerFormat');
  });

  it('describes every error answer with the one error body, and 401/403 on every guarded operation', () => {
    const errorRef = '#/components/schemas/ApiErrorBodyDto';
    const wrong = operations.flatMap(({ name, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => /^[45]\d\d$/.test(status) && !(name === 'GET /health' && status === '503'))
        .filter(([, response]) => response.content?.['application/json']?.schema?.$ref !== errorRef)
        .map(([status]) => `${name} ${status}`),
    );
    expect(wrong).toEqual([]);
    const guarded = operations.filter(({ op }) => op['x-accord-policy'] !== 'public');
    expect(guarded.filter(({ op }) => !op.responses['401'] || !op.responses['403']).map((g) => g.name)).toEqual([]);
  });

  it('documents the inbox stream as server-sent events', () => {
    const stream = operations.find((o) => o.name === 'GET /api/v1/inbox/stream')!;
    expect(Object.keys(stream.op.responses['200']!.content ?? {})).toEqual(['text/event-stream']);
  });
});
