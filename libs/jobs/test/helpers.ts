import { Injectable, type Type } from '@nestjs/common';
import { JobHandler } from '../src/job-handler.decorator';
import type { JobName } from '../src/job-names';

export { redisProxy, type RedisProxy } from '@accord/testing';

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
