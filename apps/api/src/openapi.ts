import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { type AppConfig, loadConfig } from '@accord/config';
import { SESSION_COOKIE } from '@accord/identity';
import { BEARER_SCHEME, COOKIE_SCHEME, PUBLIC_POLICY } from '@accord/policy';
import { ApiModule } from './api.module';

export const API_PREFIX = 'api/v1';
/** Routes outside the versioned prefix (load balancers probe `/health`). */
const UNPREFIXED = ['health'];

/** The one routing rule, shared by the served app and the document built without a server. */
export function applyGlobalPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED });
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;

/**
 * The API's OpenAPI document, served at /api/docs-json and turned into the web app's typed client
 * (`npm run api:generate`). Routes describe themselves (DTO classes, @Authorize/@Public,
 * @ApiErrorResponses); this adds what belongs to the whole API.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Accord API')
    .setDescription(
      'Information sharing between police departments and Community Violence Intervention partners, enforced ' +
        'by signed partnership agreements.',
    )
    .setVersion('1')
    .addServer('/', 'This Accord instance (the web app and the API share one origin)')
    // addSecurity, not addBearerAuth: that one labels every bearer token a JWT, and ours is opaque.
    .addSecurity(BEARER_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      description: 'Opaque session token (not a JWT) from POST /api/v1/auth/login with client "api"',
    })
    .addCookieAuth(
      SESSION_COOKIE,
      {
        type: 'apiKey',
        in: 'cookie',
        description: 'HttpOnly session cookie set by POST /api/v1/auth/login (browsers)',
      },
      COOKIE_SCHEME,
    )
    .build();
  config.info.license = { name: 'UNLICENSED' };
  const document = SwaggerModule.createDocument(app, config);
  // Nest's explorer drops an empty `security` list, so public operations get theirs here: without
  // it a client generator cannot tell "no authentication" from "not documented".
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation: (OperationObject & { 'x-accord-policy'?: string }) | undefined = item[method];
      if (operation?.['x-accord-policy'] === PUBLIC_POLICY) operation.security = [];
    }
  }
  collapseSingleAllOf(document.components?.schemas ?? {});
  return document;
}

/**
 * Nest wraps a property that refers to a named enum in `allOf: [{ $ref }]` even when nothing else
 * sits beside it; that is the `$ref` itself, so say it plainly (linters rightly flag the wrapper).
 */
function collapseSingleAllOf(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(collapseSingleAllOf);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  for (const value of Object.values(record)) collapseSingleAllOf(value);
  if (Array.isArray(record.allOf) && record.allOf.length === 1 && Object.keys(record).length === 1) {
    const [only] = record.allOf as unknown[];
    delete record.allOf;
    Object.assign(record, only);
  }
}

/**
 * The document without a server or a database: Nest's preview mode registers every module,
 * controller and route but instantiates no provider, so nothing connects anywhere.
 */
export async function buildOpenApiDocumentOffline(
  config: AppConfig = loadConfig({ NODE_ENV: 'test' }),
): Promise<OpenAPIObject> {
  const app = await NestFactory.create(ApiModule.forRoot(config), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    applyGlobalPrefix(app);
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
