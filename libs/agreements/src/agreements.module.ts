import { Global, Module } from '@nestjs/common';
import { AuditModule } from '@accord/audit';
import { GRANTS_SOURCE } from '@accord/policy';
import { AgreementVersionsController, AgreementsController } from './agreements.controller';
import { AgreementExpiryProcessor } from './agreement-expiry.processor';
import { AgreementsService } from './agreements.service';
import { BoardController } from './board.controller';
import { BoardService } from './board.service';
import { LegalHoldsController } from './legal-holds.controller';
import { LegalHoldsService } from './legal-holds.service';
import { ReviewSignOffsController } from './review-sign-offs.controller';
import { ReviewSignOffsService } from './review-sign-offs.service';

/**
 * Partnership agreements. Global because it is the GRANTS_SOURCE every caller's ability is
 * compiled from (identity's AbilityService asks it on each request); the clock comes from the
 * (global) identity module.
 */
@Global()
@Module({
  imports: [AuditModule],
  controllers: [
    AgreementsController,
    AgreementVersionsController,
    BoardController,
    LegalHoldsController,
    ReviewSignOffsController,
  ],
  providers: [
    AgreementsService,
    BoardService,
    LegalHoldsService,
    ReviewSignOffsService,
    AgreementExpiryProcessor,
    { provide: GRANTS_SOURCE, useExisting: AgreementsService },
  ],
  exports: [AgreementsService, BoardService, LegalHoldsService, ReviewSignOffsService, GRANTS_SOURCE],
})
export class AgreementsModule {}
