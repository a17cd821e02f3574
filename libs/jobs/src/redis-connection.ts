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
