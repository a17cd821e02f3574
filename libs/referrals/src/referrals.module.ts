import { Module } from '@nestjs/common';
import { AuditModule } from '@accord/audit';
import { JobsModule } from '@accord/jobs';
import { CommunityConcernsService } from './community-concerns.service';
import { ReferralMaintenanceService } from './referral-maintenance.service';
import { CommunityConcernsController, ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';

/** Referrals, their lifecycle, case notes, status back and community concerns. Agreements and identity are global. */
@Module({
  imports: [AuditModule, JobsModule],
  controllers: [ReferralsController, CommunityConcernsController],
  providers: [ReferralsService, CommunityConcernsService, ReferralMaintenanceService],
  exports: [ReferralsService, CommunityConcernsService, ReferralMaintenanceService],
})
export class ReferralsModule {}
