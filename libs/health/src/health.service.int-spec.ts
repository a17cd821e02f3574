import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@accord/config';
import { redisSettingsProblems } from '@accord/jobs';
import { createTestDatabase, privateRedis, type PrivateRedis, type TestDatabase } from '@accord/testing';
import Redis from 'ioredis';
import { HealthService } from './health.service';

describe('health and what Redis must be (persistence on, noeviction)', () => {
  let db: TestDatabase;
  let app: DataSource;
  const servers: PrivateRedis[] = [];
  const warnings: unknown[] = [];
  const errors: unknown[] = [];

  beforeAll(async () => {
    Logger.overrideLogger({
      log: () => undefined,
      error: (message: unknown) => errors.push(message),
      warn: (message: unknown) => warnings.push(message),
      debug: () => undefined,
      verbose: () => undefined,
    });
    db = await createTestDatabase('health');
    app = await db.connectApp(2);
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await app.destroy();
    await db.drop();
    Logger.overrideLogger(false);
  });

  const serve = async (args: string[]) => {
    const server = await privateRedis(args);
    servers.push(server);
    return server;
  };
  /** The service connects at bootstrap; a report before the connection is up says Redis is down. */
  const started = async (health: HealthService) => {
    health.onApplicationBootstrap();
    const deadline = Date.now() + 5_000;
    for (;;) {
      const report = await health.report();
      if (report.checks.redis?.status === 'up') return report;
      if (Date.now() > deadline) throw new Error('Redis never came up for the health check');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const problemsOf = async (url: string) => {
    const redis = new Redis(url);
    try {
      return await redisSettingsProblems(redis);
    } finally {
      redis.disconnect();
    }
  };

  it('names both problems of a Redis that persists nothing and evicts keys', async () => {
    const unsafe = await serve(['--maxmemory-policy', 'allkeys-lru']);
    expect(await problemsOf(unsafe.url)).toEqual([
      expect.stringMatching(/^no persistence/),
      expect.stringMatching(/^maxmemory-policy is allkeys-lru/),
    ]);
  });

  it('finds nothing wrong with AOF on and noeviction, or with RDB snapshots only', async () => {
    expect(await problemsOf((await serve(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction'])).url)).toEqual(
      [],
    );
    expect(await problemsOf((await serve(['--save', '60 1', '--maxmemory-policy', 'noeviction'])).url)).toEqual([]);
  });

  it('reports degraded with the problems and warns once, not on every poll', async () => {
    const unsafe = await serve(['--maxmemory-policy', 'volatile-lru']);
    const health = new HealthService(
      app,
      loadConfig({ DATABASE_URL: db.appUrl, REDIS_URL: unsafe.url, NODE_ENV: 'test' }),
    );
    try {
      const first = await started(health);
      const second = await health.report();
      expect(first.status).toBe('degraded');
      expect(first.checks.redis).toMatchObject({
        status: 'up',
        problems: [expect.stringMatching(/^no persistence/), expect.stringMatching(/volatile-lru/)],
      });
      expect(second.status).toBe('degraded');
      expect(warnings.filter((w) => (w as { event?: string }).event === 'redis.unsafe-settings')).toHaveLength(1);
    } finally {
      health.onModuleDestroy();
    }
  });

  it('reports ok for a Redis with safe settings', async () => {
    const safe = await serve(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']);
    const health = new HealthService(
      app,
      loadConfig({ DATABASE_URL: db.appUrl, REDIS_URL: safe.url, NODE_ENV: 'test' }),
    );
    try {
      const report = await started(health);
      expect(report.status).toBe('ok');
      expect(report.checks.redis).toEqual({ status: 'up', latencyMs: expect.any(Number) });
    } finally {
      health.onModuleDestroy();
    }
  });

  it('says loudly, once, that the audit checkpoint is stale, and when it is signed again', async () => {
    let stale = true;
    const checkpoint = {
      name: 'auditCheckpoint',
      critical: false,
      check: async () => ({
        status: stale ? ('stale' as const) : ('up' as const),
        oldestUnsignedEntryAgeSeconds: stale ? 600 : 0,
      }),
    };
    const health = new HealthService(app, loadConfig({ DATABASE_URL: db.appUrl, NODE_ENV: 'test' }));
    const before = errors.length;
    expect((await health.report([checkpoint])).status).toBe('degraded');
    expect((await health.report([checkpoint])).status).toBe('degraded');
    expect(errors.slice(before)).toEqual([
      expect.objectContaining({
        event: 'health.check-failing',
        check: 'auditCheckpoint',
        status: 'stale',
        oldestUnsignedEntryAgeSeconds: 600,
      }),
    ]);
    stale = false;
    expect((await health.report([checkpoint])).status).toBe('ok');
  });
});
