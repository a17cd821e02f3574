import { Injectable } from '@nestjs/common';
import { AuditCheckpointService } from './audit-checkpoint.service';

/**
 * Health indicator (the shape HealthModule.forRoot({ indicators }) takes): `stale` when an
 * entry has waited more than two checkpoint intervals for a signature. Not critical: the API
 * keeps serving, operators see the degraded report.
 */
@Injectable()
export class AuditCheckpointHealthIndicator {
  readonly name = 'auditCheckpoint';
  readonly critical = false;

  constructor(private readonly checkpoints: AuditCheckpointService) {}

  async check(): Promise<{
    status: 'up' | 'stale';
    lastCheckpointAgeSeconds: number | null;
    oldestUnsignedEntryAgeSeconds: number | null;
  }> {
    const status = await this.checkpoints.status();
    return { status: this.checkpoints.isStale(status) ? 'stale' : 'up', ...status };
  }
}
