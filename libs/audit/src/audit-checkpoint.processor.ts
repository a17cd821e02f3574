import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, type JobPayloads } from '@accord/jobs';
import { AuditCheckpointService } from './audit-checkpoint.service';

/** Scheduled every AUDIT_CHECKPOINT_INTERVAL_SECONDS; idempotent (an unmoved head is skipped). */
@Injectable()
export class AuditCheckpointProcessor {
  constructor(private readonly checkpoints: AuditCheckpointService) {}

  @JobHandler(JobName.AuditCheckpoint)
  async handle(_payload: JobPayloads[JobName.AuditCheckpoint]): Promise<void> {
    // Refusals are logged by the service and left for the nightly verification to report in
    // full: retrying would not make a broken chain signable.
    await this.checkpoints.checkpointActiveStreams();
  }
}
