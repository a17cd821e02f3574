import { createServer, connect, type Server, type Socket } from 'node:net';
import { Injectable, type Type } from '@nestjs/common';
import { TEST_REDIS_URL } from '@accord/testing';
import { JobHandler } from '../src/job-handler.decorator';
import type { JobName } from '../src/job-names';

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

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(15);
  }
}

/**
 * A provider with a no-op `@JobHandler` for each given job name, so a test module can satisfy
 * the registry for every job it does not exercise (the JobName list grows with each feature).
 */
export function noopHandlersFor(names: readonly string[]): Type {
  const cls = class NoopJobHandlers {};
  names.forEach((name, i) => {
    const method = `handle${i}`;
    Object.defineProperty(cls.prototype, method, { value: async () => undefined, writable: true, configurable: true });
    JobHandler(name as JobName)(cls.prototype, method, Object.getOwnPropertyDescriptor(cls.prototype, method)!);
  });
  Injectable()(cls);
  return cls;
}
