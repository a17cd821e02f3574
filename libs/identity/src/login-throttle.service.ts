import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import { DomainException, ErrorCode } from '@accord/http';
import { Clock } from './clock';
import { SecretBox } from './secret-box';

const INCR_WITH_EXPIRY =
  `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], ` + `ARGV[1]) end return n`;

/**
 * Login attempts per source address in a fixed window, so an attacker cannot cheaply guess (or
 * lock) many accounts from one address. With REDIS_URL the counter lives in Redis and every API
 * instance shares it; otherwise (or while Redis is unreachable) in PostgreSQL. The address is
 * stored only as a keyed fingerprint.
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly redis?: Redis;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly box: SecretBox,
  ) {
    if (config.redisUrl) {
      this.redis = new Redis(config.redisUrl, {
        lazyConnect: true,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        connectTimeout: 1000,
      });
      this.redis.on('error', () => undefined);
    }
  }

  /** Counts one attempt from `sourceIp`; throws RATE_LIMITED past the limit. */
  async hit(sourceIp: string | undefined): Promise<void> {
    const key = this.box.fingerprint('login-throttle', sourceIp ?? 'unknown');
    const attempts = await this.count(key);
    if (attempts > this.config.loginThrottleMaxAttempts) {
      throw new DomainException(ErrorCode.RateLimited, 'Too many login attempts from this address; try again later');
    }
  }

  private async count(key: string): Promise<number> {
    if (this.redis) {
      try {
        if (this.redis.status === 'wait') await this.redis.connect();
        const value = await this.redis.eval(
          INCR_WITH_EXPIRY,
          1,
          `${this.config.redisKeyPrefix}:login-throttle:${key}`,
          this.config.loginThrottleWindowSeconds,
        );
        return Number(value);
      } catch {
        this.logger.warn(
          { event: 'login_throttle_redis_unavailable' },
          'Redis unreachable; counting login attempts in PostgreSQL',
        );
      }
    }
    return this.countInPostgres(key);
  }

  private async countInPostgres(key: string): Promise<number> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - this.config.loginThrottleWindowSeconds * 1000);
    const rows = await this.dataSource.query<{ attempts: number }[]>(
      `INSERT INTO login_throttle_counters AS c (key, window_started_at, attempts) VALUES ($1, $2, 1)
       ON CONFLICT (key) DO UPDATE SET
         attempts = CASE WHEN c.window_started_at <= $3 THEN 1 ELSE c.attempts + 1 END,
         window_started_at = CASE WHEN c.window_started_at <= $3 THEN $2 ELSE c.window_started_at END
       RETURNING attempts`,
      [key, now, windowStart],
    );
    // Expired windows are swept now and then rather than on every attempt.
    if (Math.random() < 0.01)
      await this.dataSource.query(`DELETE FROM login_throttle_counters WHERE window_started_at <= $1`, [windowStart]);
    return rows[0]!.attempts;
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
