import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import type { AppConfig } from '@accord/config';
import {
  forbiddenKeysMiddleware,
  type PinoLoggerService,
  refuseDeepJson,
  requestIdMiddleware,
  requestLogMiddleware,
  sameOriginRequests,
} from '@accord/http';
import { SESSION_COOKIE } from '@accord/identity';
import { findWebRoot, noStoreForServerAnswers, securityHeaders, webAppMiddleware } from '@accord/web-static';
import { ApiModule } from './api.module';
import { applyGlobalPrefix, buildOpenApiDocument } from './openapi';

/**
 * Builds the configured HTTP application (used by main and by the e2e tests, so tests exercise
 * exactly what runs in production). It also serves the built web app (`dist/web`) at `/` when
 * there is one; `webRoot` points elsewhere (tests) or nowhere (`null`).
 */
export async function createApiApp(
  config: AppConfig,
  logger: PinoLoggerService | false,
  extra: DynamicModule['imports'] = [],
  webRoot: string | null = findWebRoot() ?? null,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, extra), {
    bodyParser: false,
    logger: logger === false ? false : logger,
    abortOnError: false,
  });
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from configured proxies; otherwise req.ip is the socket peer.
  const proxies = config.trustedProxies
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  app.set('trust proxy', proxies.length > 0 ? proxies : false);
  app.set('query parser', 'simple');
  app.use(requestIdMiddleware);
  if (logger !== false) app.use(requestLogMiddleware(logger));
  app.use(securityHeaders());
  app.use(noStoreForServerAnswers);
  if (webRoot) app.use(webAppMiddleware(webRoot));
  // CSRF: cookie-session changes only from Accord's own pages; JSON bodies only (docs/security.md, "The browser").
  app.use(sameOriginRequests({ sessionCookie: SESSION_COOKIE, allowedOrigins: [config.publicBaseUrl] }));
  // express.json directly: Nest's useBodyParser reserves `verify`, which refuses deep bodies here.
  app.use(
    json({
      limit: config.bodyLimit,
      strict: true,
      type: ['application/json', 'application/*+json'],
      verify: refuseDeepJson,
    }),
  );
  app.use(forbiddenKeysMiddleware);
  applyGlobalPrefix(app);
  // The docs map every route for anyone: only where PUBLIC_DIAGNOSTICS is on (off by default in production).
  if (config.publicDiagnostics)
    SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
