export * from './job-names';
export * from './job-handler.decorator';
export * from './job-payload';
export * from './jobs.constants';
export * from './outbox-job.entity';
export * from './outbox.service';
export * from './scheduled-jobs';
