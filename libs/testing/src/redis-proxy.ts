import { tcpProxy } from './tcp-proxy';
import { TEST_REDIS_URL } from './test-redis';

export interface RedisProxy {
  url: string;
  /** Down: new connections are refused and open ones cut, as when Redis dies. */
  setUp(up: boolean): void;
  close(): Promise<void>;
}

/** A TCP proxy in front of the real Redis that tests can take down and bring back. */
export async function redisProxy(initiallyUp = false): Promise<RedisProxy> {
  const target = new URL(TEST_REDIS_URL);
  const proxy = await tcpProxy({ host: target.hostname, port: Number(target.port || 6379) }, initiallyUp);
  return { url: `redis://127.0.0.1:${proxy.port}`, setUp: (up) => proxy.setUp(up), close: () => proxy.close() };
}
