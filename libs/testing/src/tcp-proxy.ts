import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** The port on 127.0.0.1 to connect to instead of the target. */
  port: number;
  /** Down: new connections are refused and open ones cut, as when the line or the server dies. */
  setUp(up: boolean): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a real server that tests can take down and bring back: Redis for the
 * job and outage tests, the API for the browser tests' dropped connections (an open server-sent
 * event stream is cut like any other connection).
 */
export async function tcpProxy(target: { host: string; port: number }, initiallyUp = true): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let up = initiallyUp;
  const server: Server = createServer((client) => {
    if (!up) return void client.destroy();
    const upstream = connect(target.port, target.host);
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
  return {
    port: (server.address() as { port: number }).port,
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
