import { Module } from '@nestjs/common';
import { AuditModule } from '@accord/audit';
import { JobsModule } from '@accord/jobs';
import { SharingModule } from '@accord/sharing';
import { DemoHistorySeeder } from './demo-history';
import { DemoReferralSeeder } from './demo-referral';
import { ReferralMaintenanceService } from './referral-maintenance.service';
import { ReferralResealing } from './referral-resealing';
import { ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';

/**
 * Referrals, their lifecycle, case notes and status back (community concerns are sharing's). Agreements and identity
 * are global.
 */
@Module({
  // SharingModule for the demo partnerships a demo referral is sent under, and for resealing the partner's copies.
  imports: [AuditModule, JobsModule, SharingModule],
  controllers: [ReferralsController],
  // The demo's history after its sample referral (DemoHistorySeeder seeds the sample first either way).
  providers: [ReferralsService, ReferralMaintenanceService, ReferralResealing, DemoReferralSeeder, DemoHistorySeeder],
  exports: [ReferralsService, ReferralMaintenanceService, ReferralResealing, DemoReferralSeeder, DemoHistorySeeder],
})
export class ReferralsModule {}
