import { Injectable, Module, type Type } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { JobHandler } from './job-handler.decorator';
import { JobHandlerRegistry, JobHandlerRegistryError } from './job-handler.registry';
import { JobName } from './job-names';

/** A provider class with one `@JobHandler` method per given name (built, since JobName grows). */
function handlersFor(className: string, names: string[], calls: string[] = []): Type {
  const cls = { [className]: class {} }[className]!;
  names.forEach((name, i) => {
    const method = `handle${i}`;
    Object.defineProperty(cls.prototype, method, {
      value: async function handle(this: unknown, payload: unknown) {
        calls.push(`${className}:${name}:${JSON.stringify(payload)}`);
      },
      writable: true,
      configurable: true,
    });
    JobHandler(name as JobName)(cls.prototype, method, Object.getOwnPropertyDescriptor(cls.prototype, method)!);
  });
  Injectable()(cls);
  return cls;
}

async function boot(...providers: Type[]) {
  @Module({ imports: [DiscoveryModule], providers: [JobHandlerRegistry, ...providers] })
  class TestModule {}
  return NestFactory.createApplicationContext(TestModule, { logger: false, abortOnError: false });
}

const ALL = Object.values(JobName);

describe('JobHandlerRegistry', () => {
  it('maps every job name to its one handler', async () => {
    const calls: string[] = [];
    const app = await boot(handlersFor('AllHandlers', ALL, calls));
    try {
      const registry = app.get(JobHandlerRegistry);
      for (const name of ALL) await registry.get(name)!({ n: 1 });
      expect(calls).toEqual(ALL.map((name) => `AllHandlers:${name}:{"n":1}`));
      expect(registry.get('no.such-job')).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('refuses to start when a job name has no handler, naming the job', async () => {
    const [missing, ...rest] = ALL;
    const started = boot(handlersFor('MostHandlers', rest));
    await expect(started).rejects.toThrow(JobHandlerRegistryError);
    await expect(started).rejects.toThrow(`job ${missing} has no @JobHandler`);
  });

  it('refuses to start when a job name has two handlers, naming the job and both handlers', async () => {
    const [twice] = ALL;
    const started = boot(handlersFor('AllHandlers', ALL), handlersFor('SecondHandler', [twice!]));
    await expect(started).rejects.toThrow(
      new RegExp(`job ${twice!.replace('.', '\\.')} has 2 handlers: .*AllHandlers\\.handle0.*SecondHandler\\.handle0`),
    );
  });

  it('refuses a handler for a job name that does not exist', async () => {
    const started = boot(handlersFor('AllHandlers', ALL), handlersFor('Stray', ['audit.nothing']));
    await expect(started).rejects.toThrow(/@JobHandler\('audit\.nothing'\) on Stray\.handle0 names no known job/);
  });
});
