import { Body, Controller, Get, Module, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { createServer, type Server, type Socket, connect } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '@accord/config';
import { Action, Authorize, Public } from '@accord/policy';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { createApiApp } from '../src/create-api-app';

class PlaceDto {
  @IsString() @MaxLength(20) code!: string;
}
class EchoDto {
  @IsString() @MaxLength(40) label!: string;
  @IsInt() @Min(0) count!: number;
  @IsBoolean() urgent!: boolean;
  @ValidateNested() @Type(() => PlaceDto) place!: PlaceDto;
}

@Controller('probe')
class ProbeController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('db')
  @Public()
  async db() {
    const rows = await this.dataSource.query<{ one: number }[]>('SELECT 1 AS one');
    return { one: rows[0]!.one };
  }

  @Get('undeclared')
  undeclared() {
    return { opened: true };
  }

  @Post('echo')
  @Public()
  echo(@Body() body: EchoDto) {
    return { label: body.label, count: body.count, urgent: body.urgent, isDto: body instanceof EchoDto };
  }

  @Get('things/:id')
  @Public()
  thing(@Param('id', new ParseUUIDPipe()) id: string) {
    return { id };
  }

  @Get('protected')
  @Authorize(Action.Read, 'Disclosure')
  protectedRoute() {
    return { secret: true };
  }

  @Get('boom')
  @Public()
  boom() {
    throw new Error('internal detail that must not leak');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

/** A TCP relay in front of PostgreSQL that the test can cut, to see how the API behaves when the database goes away. */
async function startRelay(targetPort: number): Promise<{ port: number; cut(): void; server: Server }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    server,
    cut() {
      server.close();
      for (const socket of sockets) socket.destroy();
    },
  };
}

describe('API skeleton', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let relay: Awaited<ReturnType<typeof startRelay>>;

  beforeAll(async () => {
    db = await createTestDatabase('apiskeleton');
    relay = await startRelay(5432);
    const appUrl = new URL(db.appUrl);
    appUrl.port = String(relay.port);
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: appUrl.toString(),
      BODY_LIMIT: '2kb',
      DATABASE_CONNECT_TIMEOUT_MS: '500',
    });
    app = await createApiApp(config, false, [ProbeModule]);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    relay?.cut();
    await db?.drop();
  });

  const valid = { label: 'walk', count: 2, urgent: false, place: { code: 'NE-3' } };

  it('refuses a route that declares neither a policy nor @Public(), for everyone', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/probe/undeclared');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('POLICY_UNDECLARED');
    expect(res.body).not.toHaveProperty('opened');
  });

  it('answers 401 on a declared route without a session', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/probe/protected');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('accepts a valid body as a real DTO, with booleans kept as booleans', async () => {
    const res = await request(app.getHttpServer()).post('/api/v1/probe/echo').send(valid);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ label: 'walk', count: 2, urgent: false, isDto: true });
  });

  it.each([
    ['an unknown field', { ...valid, extra: 1 }, 'extra'],
    ['a string where a boolean belongs', { ...valid, urgent: 'false' }, 'urgent'],
    ['a string where a number belongs', { ...valid, count: '2' }, 'count'],
    ['a bad nested value', { ...valid, place: { code: 42 } }, 'place.code'],
    ['an unknown nested field', { ...valid, place: { code: 'x', lat: 1 } }, 'place.lat'],
  ])('refuses %s with VALIDATION_FAILED naming the field', async (_label, body, path) => {
    const res = await request(app.getHttpServer()).post('/api/v1/probe/echo').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(path);
  });

  it('refuses prototype-pollution keys and pollutes nothing', async () => {
    for (const payload of [
      '{"__proto__":{"polluted":true},"label":"x"}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"place":{"__proto__":{"polluted":true}}}',
    ]) {
      const res = await request(app.getHttpServer())
        .post('/api/v1/probe/echo')
        .set('content-type', 'application/json')
        .send(payload);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('FORBIDDEN_KEY');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers 400 MALFORMED_JSON to broken JSON and 413 to an oversized body', async () => {
    const broken = await request(app.getHttpServer())
      .post('/api/v1/probe/echo')
      .set('content-type', 'application/json')
      .send('{"label": ');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('MALFORMED_JSON');
    const big = await request(app.getHttpServer())
      .post('/api/v1/probe/echo')
      .send({ ...valid, label: 'x'.repeat(5000) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('BODY_TOO_LARGE');
  });

  it('parses UUID parameters and refuses anything else', async () => {
    const good = await request(app.getHttpServer()).get('/api/v1/probe/things/7f1e8d3a-2c4b-4f5e-9a6b-1c2d3e4f5a6b');
    expect(good.status).toBe(200);
    const bad = await request(app.getHttpServer()).get('/api/v1/probe/things/1%20OR%201=1');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/nowhere');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('turns an unexpected error into a 500 with an error id and no internals', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/probe/boom');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL_ERROR');
    expect(res.body.error.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(res.body)).not.toMatch(/internal detail|at .*\.ts|stack/);
  });

  it(
    'sets security headers and a request id, keeping a ' + 'well-formed client id and replacing a hostile one',
    async () => {
      const res = await request(app.getHttpServer()).get('/health').set('X-Request-Id', 'client-abc-12345');
      expect(res.headers['x-request-id']).toBe('client-abc-12345');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
      const hostile = await request(app.getHttpServer()).get('/health').set('X-Request-Id', 'x injected <script>');
      expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  it('publishes OpenAPI with every route’s policy', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.paths['/health'].get['x-accord-policy']).toBe('public');
    expect(res.body.paths['/api/v1/probe/protected'].get['x-accord-policy']).toBe('read Disclosure');
  });

  it('reports health, and fails fast with 503 once PostgreSQL is unreachable', async () => {
    const healthy = await request(app.getHttpServer()).get('/health');
    expect(healthy.status).toBe(200);
    expect((await request(app.getHttpServer()).get('/api/v1/probe/db')).body).toEqual({ one: 1 });
    expect(healthy.body.checks.database.status).toBe('up');

    relay.cut();
    const started = Date.now();
    const down = await request(app.getHttpServer()).get('/health');
    expect(down.status).toBe(503);
    expect(down.body.checks.database.status).toBe('down');
    expect(Date.now() - started).toBeLessThan(5000);

    const query = await request(app.getHttpServer()).get('/api/v1/probe/db');
    expect(query.status).toBe(503);
    expect(query.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(query.headers['retry-after']).toBe('2');
  });
});
