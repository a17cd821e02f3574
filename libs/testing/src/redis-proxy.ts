import { createServer, connect, type Server, type Socket } from 'node:net';
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
  const sockets = new Set<Socket>();
  let up = initiallyUp;
  const server: Server = createServer((client) => {
    if (!up) return void client.destroy();
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `redis://127.0.0.1:${port}`,
    setUp(value) {
      up = value;
      if (!value) for (const s of sockets) s.destroy();
    },
    close: () => {
      up = false;
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
