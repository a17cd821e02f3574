import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@accord/config';
import { JobsModule } from '@accord/jobs';
import { AuditCheckpointEntity } from './audit-checkpoint.entity';
import { AuditCheckpointHealthIndicator } from './audit-checkpoint.health';
import { AuditCheckpointProcessor } from './audit-checkpoint.processor';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditSigningKey, loadAuditSigningKey } from './audit-signing-key';
import { AuditVerificationService } from './audit-verification.service';
import { AuditVerifyProcessor } from './audit-verify.processor';
import { AuditService } from './audit.service';

/**
 * The audit trail: AuditService for every lib that records, plus the checkpoint and
 * verification job handlers. Needs the global AppConfig and a TypeORM root connection; asks for
 * the witness job of each new checkpoint through the outbox (JobsModule).
 */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntryEntity, AuditCheckpointEntity]), JobsModule],
  providers: [
    { provide: AuditSigningKey, inject: [AppConfig], useFactory: (config: AppConfig) => loadAuditSigningKey(config) },
    AuditService,
    AuditCheckpointService,
    AuditVerificationService,
    AuditCheckpointProcessor,
    AuditVerifyProcessor,
    AuditCheckpointHealthIndicator,
  ],
  exports: [
    AuditService,
    AuditCheckpointService,
    AuditVerificationService,
    AuditSigningKey,
    AuditCheckpointHealthIndicator,
  ],
})
export class AuditModule {}
