import { SetMetadata } from '@nestjs/common';
import type { JobName } from './job-names';

export const JOB_HANDLER_METADATA = 'accord:job-handler';

/**
 * Marks a provider method as the handler of one job name. The worker discovers these at boot
 * and refuses to start when a job name has no handler or more than one.
 * The method receives the job's payload (ids only) and must be idempotent.
 */
export const JobHandler = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER_METADATA, name);
