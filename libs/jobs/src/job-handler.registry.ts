import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { JOB_HANDLER_METADATA } from './job-handler.decorator';
import { JOB_DEFINITIONS, JobName } from './job-names';
import { isJobName } from './job-payload';

export type JobHandlerFn = (payload: Record<string, unknown>) => Promise<unknown>;

/** What a runner needs from the registry: the one handler of a job name. */
export interface JobHandlerLookup {
  get(name: string): JobHandlerFn | undefined;
}

export class JobHandlerRegistryError extends Error {
  constructor(readonly problems: string[]) {
    super(`Refusing to start the job runner:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'JobHandlerRegistryError';
  }
}

interface FoundHandler {
  name: string;
  where: string;
  fn: JobHandlerFn;
}

/**
 * Maps each job name to exactly one handler. Checks the whole set so a deployment with a job
 * nobody would run — or one two handlers would run — never starts.
 */
export function buildHandlerMap(found: FoundHandler[]): Map<JobName, JobHandlerFn> {
  const problems: string[] = [];
  const byName = new Map<string, FoundHandler[]>();
  for (const handler of found) byName.set(handler.name, [...(byName.get(handler.name) ?? []), handler]);
  for (const [name, handlers] of byName) {
    if (!isJobName(name))
      problems.push(`@JobHandler('${name}') on ${handlers.map((h) => h.where).join(', ')} names no known job`);
  }
  for (const name of Object.keys(JOB_DEFINITIONS) as JobName[]) {
    const handlers = byName.get(name) ?? [];
    if (handlers.length === 0) problems.push(`job ${name} has no @JobHandler (is its feature module imported?)`);
    if (handlers.length > 1)
      problems.push(`job ${name} has ${handlers.length} handlers: ${handlers.map((h) => h.where).join(', ')}`);
  }
  if (problems.length > 0) throw new JobHandlerRegistryError(problems);
  return new Map([...byName].map(([name, handlers]) => [name as JobName, handlers[0]!.fn]));
}

/**
 * Discovers every `@JobHandler` method of every provider at boot (before any job runs) and
 * refuses to start when a job name has no handler or two.
 */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit, JobHandlerLookup {
  private readonly logger = new Logger('JobHandlerRegistry');
  private handlers: Map<JobName, JobHandlerFn> | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    this.handlers = buildHandlerMap(this.discover());
    this.logger.log(`${this.handlers.size} job handlers registered`);
  }

  get(name: string): JobHandlerFn | undefined {
    if (!this.handlers) throw new Error('JobHandlerRegistry used before the application initialised');
    return isJobName(name) ? this.handlers.get(name) : undefined;
  }

  private discover(): FoundHandler[] {
    const found: FoundHandler[] = [];
    // A class provided in two modules is two instances: that counts as two handlers.
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!wrapper.isDependencyTreeStatic() || instance === null || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object | null;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const name: unknown = Reflect.getMetadata(JOB_HANDLER_METADATA, fn);
        if (typeof name !== 'string') continue;
        found.push({
          name,
          where: `${instance.constructor.name}.${method}`,
          fn: (payload) => Promise.resolve((fn as (p: unknown) => unknown).call(instance, payload)),
        });
      }
    }
    return found;
  }
}
