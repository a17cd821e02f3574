import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, type JobPayloads } from '@accord/jobs';
import { AuditVerificationService } from './audit-verification.service';

/**
 * The nightly full verification. A tampered chain is a finding, logged as an error, not a job
 * failure: retrying would find the same. Only an unreachable database fails (and retries) it.
 */
@Injectable()
export class AuditVerifyProcessor {
  constructor(private readonly verification: AuditVerificationService) {}

  @JobHandler(JobName.AuditVerify)
  async handle(_payload: JobPayloads[JobName.AuditVerify]): Promise<void> {
    await this.verification.verifyAll();
  }
}
