import type { JobsOptions } from 'bullmq';
import type { JobDefinition } from './job-names';
import { COMPLETED_JOB_KEEP_SECONDS, FAILED_JOB_KEEP_SECONDS } from './jobs.constants';

/** A job's retry rules (from its definition) and how long BullMQ keeps it once finished. */
export function bullRetryOptions(
  definition: JobDefinition,
): Pick<JobsOptions, 'attempts' | 'backoff' | 'removeOnComplete' | 'removeOnFail'> {
  return {
    attempts: definition.attempts,
    backoff: { type: 'exponential', delay: definition.backoffMs },
    // While a finished job is kept, a re-add with its id is ignored: that is what makes a relay
    // crash between `add` and "mark dispatched" harmless.
    removeOnComplete: { age: COMPLETED_JOB_KEEP_SECONDS },
    removeOnFail: { age: FAILED_JOB_KEEP_SECONDS },
  };
}

export function bullJobOptions(jobId: string, definition: JobDefinition, delayMs = 0): JobsOptions {
  return { jobId, delay: Math.max(0, Math.round(delayMs)), ...bullRetryOptions(definition) };
}
