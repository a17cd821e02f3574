import Redis from 'ioredis';
import { RELAY_REDIS_COMMAND_TIMEOUT_MS, RELAY_REDIS_CONNECT_TIMEOUT_MS } from './jobs.constants';

/**
 * A one-shot Redis connection that fails at once when Redis is unreachable: no offline queue,
 * no reconnects, short timeouts. For work that must not hang on an outage (upserting schedules,
 * deciding how to shut down).
 */
export async function openFailFastRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: RELAY_REDIS_CONNECT_TIMEOUT_MS,
    commandTimeout: RELAY_REDIS_COMMAND_TIMEOUT_MS,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    throw error;
  }
}

export async function isRedisReachable(url: string): Promise<boolean> {
  try {
    const redis = await openFailFastRedis(url);
    try {
      return (await redis.ping()) === 'PONG';
    } finally {
      redis.disconnect();
    }
  } catch {
    return false;
  }
}

/**
 * A long-lived connection that never queues or hangs: no offline queue and short timeouts, so a
 * command during an outage fails at once, while it keeps reconnecting in the background (a
 * little less eagerly each time) until disconnected. Connection errors surface as failed
 * commands; the `error` event itself is noise. Connect with `connect()` when `status` is `wait`.
 */
export function reconnectingRedis(url: string): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: RELAY_REDIS_CONNECT_TIMEOUT_MS,
    commandTimeout: RELAY_REDIS_COMMAND_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  redis.on('error', () => undefined);
  return redis;
}

/**
 * What is wrong with a Redis for BullMQ (its production guide): no persistence (neither AOF nor
 * RDB snapshots), or a `maxmemory-policy` other than `noeviction` (an evicting Redis drops queued
 * jobs). Empty when all is well; null when Redis does not let us read its settings (a managed
 * Redis that disables CONFIG), which is not a reason to warn.
 */
export async function redisSettingsProblems(redis: Redis): Promise<string[] | null> {
  let settings: Record<string, string>;
  try {
    const read = async (name: string) => ((await redis.call('CONFIG', 'GET', name)) as string[])[1] ?? '';
    settings = {
      appendonly: await read('appendonly'),
      save: await read('save'),
      policy: await read('maxmemory-policy'),
    };
  } catch {
    return null;
  }
  const problems: string[] = [];
  if (settings.appendonly !== 'yes' && settings.save.trim() === '')
    problems.push('no persistence (appendonly no, no RDB snapshots): a restart loses every queued job');
  if (settings.policy !== 'noeviction')
    problems.push(`maxmemory-policy is ${settings.policy || 'unknown'}, not noeviction: Redis may evict queued jobs`);
  return problems;
}

const warnedRedisSettings = new Map<string, Promise<string[] | null>>();

/**
 * Checks the Redis settings once per process and URL and logs one warning line when they are
 * unsafe; later calls share the first answer. A Redis that cannot be reached is asked again later.
 */
export function checkRedisSettings(url: string, logger: { warn(message: unknown): void }): Promise<string[] | null> {
  let pending = warnedRedisSettings.get(url);
  if (!pending) {
    pending = (async () => {
      const redis = await openFailFastRedis(url);
      try {
        const problems = await redisSettingsProblems(redis);
        if (problems && problems.length > 0) {
          logger.warn({
            event: 'redis.unsafe-settings',
            problems,
            note:
              'nothing is lost (the outbox reconciler re-adds what Redis drops), but work is late; see ' +
              'docs/jobs.md',
          });
        }
        return problems;
      } finally {
        redis.disconnect();
      }
    })();
    warnedRedisSettings.set(url, pending);
    pending.catch(() => warnedRedisSettings.delete(url));
  }
  return pending;
}
