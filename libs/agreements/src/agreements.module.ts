import { Global, Module } from '@nestjs/common';
import { AuditModule } from '@accord/audit';
import { GRANTS_SOURCE } from '@accord/policy';
import { AgreementVersionsController, AgreementsController } from './agreements.controller';
import { AgreementExpiryProcessor } from './agreement-expiry.processor';
import { AgreementsService } from './agreements.service';

/**
 * Partnership agreements. Global because it is the GRANTS_SOURCE every caller's ability is
 * compiled from (identity's AbilityService asks it on each request); the clock comes from the
 * (global) identity module.
 */
@Global()
@Module({
  imports: [AuditModule],
  controllers: [AgreementsController, AgreementVersionsController],
  providers: [AgreementsService, AgreementExpiryProcessor, { provide: GRANTS_SOURCE, useExisting: AgreementsService }],
  exports: [AgreementsService, GRANTS_SOURCE],
})
export class AgreementsModule {}
