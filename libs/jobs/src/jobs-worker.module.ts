import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobsModule } from './jobs.module';
import { JOBS_WORKER_OPTIONS, type JobsWorkerOptions } from './jobs-worker.options';
import { JobsWorker } from './jobs-worker.service';

/**
 * Everything that runs jobs in a process: handler discovery, the outbox relay and the runner
 * (BullMQ with REDIS_URL, in-process without). Self-contained: it needs only the global
 * AppConfig and the application's DataSource, so the worker app and the API (when
 * RUN_WORKER_IN_PROCESS) import the same module. The modules holding the handlers are imported
 * by the app beside it.
 */
@Module({
  imports: [DiscoveryModule, JobsModule],
  providers: [JobHandlerRegistry, JobsWorker],
  exports: [JobsModule, JobHandlerRegistry, JobsWorker],
})
export class JobsWorkerModule {
  static forRoot(options: JobsWorkerOptions = {}): DynamicModule {
    return {
      module: JobsWorkerModule,
      providers: [{ provide: JOBS_WORKER_OPTIONS, useValue: options }],
    };
  }
}
