import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import Redis from 'ioredis';
import { AppConfig } from '@accord/config';
import { withTimeout } from '@accord/http';
import { checkRedisSettings } from '@accord/jobs';

export type CheckStatus = 'up' | 'down' | 'not_configured' | 'stale';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  checks: Record<string, { status: CheckStatus; latencyMs?: number; [key: string]: unknown }>;
}

const CHECK_TIMEOUT_MS = 1500;

/** Extra checks other libs contribute (e.g. the audit checkpoint age). */
export interface HealthIndicator {
  readonly name: string;
  /** `critical` indicators turn the whole report to `down`; others to `degraded`. */
  readonly critical: boolean;
  check(): Promise<{ status: CheckStatus; [key: string]: unknown }>;
}

export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');

/**
 * Answers whether this instance can do its job: the database is required (down → 503), Redis and
 * the audit checkpoint only degrade the report (work waits in the outbox while Redis is away).
 */
@Injectable()
export class HealthService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Health');
  private redis?: Redis;
  /** Checks that were not `up` at the last report, so a change is logged once, not every poll. */
  private readonly failing = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** At start: one warning line if Redis would lose or evict jobs (never blocks the boot). */
  onApplicationBootstrap(): void {
    if (!this.config.redisUrl) return;
    checkRedisSettings(this.config.redisUrl, this.logger).catch(() => undefined);
    // Connect now, so the first report does not find the client still connecting.
    this.redisClient();
  }

  async report(indicators: HealthIndicator[] = []): Promise<HealthReport> {
    const checks: HealthReport['checks'] = {};
    let critical = false;
    let degraded = false;

    const started = Date.now();
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), CHECK_TIMEOUT_MS, 'health check timed out');
      checks.database = { status: 'up', latencyMs: Date.now() - started };
    } catch {
      checks.database = { status: 'down' };
      critical = true;
    }

    if (this.config.redisUrl) {
      const redisStarted = Date.now();
      try {
        await withTimeout(this.redisClient().ping(), CHECK_TIMEOUT_MS);
        checks.redis = { status: 'up', latencyMs: Date.now() - redisStarted };
        const problems = await withTimeout(
          checkRedisSettings(this.config.redisUrl, this.logger),
          CHECK_TIMEOUT_MS,
        ).catch(() => null);
        if (problems && problems.length > 0) {
          checks.redis.problems = problems;
          degraded = true;
        }
      } catch {
        checks.redis = { status: 'down' };
        degraded = true;
      }
    } else {
      checks.redis = { status: 'not_configured', jobs: 'in-process' };
    }

    for (const indicator of indicators) {
      try {
        const result = await withTimeout(indicator.check(), CHECK_TIMEOUT_MS);
        checks[indicator.name] = result;
        if (result.status === 'down' || result.status === 'stale') {
          if (indicator.critical) critical = true;
          else degraded = true;
        }
      } catch {
        checks[indicator.name] = { status: 'down' };
        if (indicator.critical) critical = true;
        else degraded = true;
      }
    }
    this.logChanges(checks);
    return { status: critical ? 'down' : degraded ? 'degraded' : 'ok', checks };
  }

  /**
   * Says so loudly when a check goes bad (a stale audit checkpoint means the trail is not being
   * signed), once per change rather than on every poll, and when it recovers.
   */
  private logChanges(checks: HealthReport['checks']): void {
    for (const [name, check] of Object.entries(checks)) {
      const bad = check.status === 'down' || check.status === 'stale';
      if (bad && !this.failing.has(name)) {
        this.failing.add(name);
        this.logger.error({ event: 'health.check-failing', check: name, ...check });
      } else if (!bad && this.failing.delete(name)) {
        this.logger.log({ event: 'health.check-recovered', check: name });
      }
    }
  }

  private redisClient(): Redis {
    this.redis ??= new Redis(this.config.redisUrl!, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: CHECK_TIMEOUT_MS,
      retryStrategy: (times) => Math.min(times * 500, 5000),
    });
    this.redis.on('error', () => undefined);
    return this.redis;
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
