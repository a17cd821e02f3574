import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { AppConfig } from '@accord/config';
import { forbiddenKeysMiddleware, type PinoLoggerService, refuseDeepJson, requestIdMiddleware, requestLogMiddleware } from '@accord/http';
import { ApiModule } from './api.module';

export const API_PREFIX = 'api/v1';

/**
 * Builds the configured HTTP application (used by main and by the e2e tests, so tests exercise
 * exactly what runs in production).
 */
export async function createApiApp(config: AppConfig, logger: PinoLoggerService | false, extra: DynamicModule['imports'] = []): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, extra), {
    bodyParser: false,
    logger: logger === false ? false : logger,
    abortOnError: false,
  });
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from configured proxies; otherwise req.ip is the socket peer.
  const proxies = config.trustedProxies.split(',').map((p) => p.trim()).filter(Boolean);
  app.set('trust proxy', proxies.length > 0 ? proxies : false);
  app.set('query parser', 'simple');
  app.use(requestIdMiddleware);
  if (logger !== false) app.use(requestLogMiddleware(logger));
  app.use(helmet());
  app.useBodyParser('json', { limit: config.bodyLimit, strict: true, type: ['application/json', 'application/*+json'], verify: refuseDeepJson });
  app.use(forbiddenKeysMiddleware);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Accord API')
      .setDescription('Information sharing between police departments and Community Violence Intervention partners, enforced by signed partnership agreements.')
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('accord_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
