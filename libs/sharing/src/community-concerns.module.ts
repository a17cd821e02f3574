import { Module } from '@nestjs/common';
import { AuditModule } from '@accord/audit';
import { CommunityConcernsController } from './community-concerns.controller';
import { CommunityConcernsService } from './community-concerns.service';
import { SharingModule } from './sharing.module';

/**
 * Community concerns (partner → police), disclosed through sharing like every other category. A
 * module of its own so the application lists its route where it always stood (after the referral
 * routes), which keeps the OpenAPI document, the web client and the route snapshots unchanged.
 */
@Module({
  imports: [AuditModule, SharingModule],
  controllers: [CommunityConcernsController],
  providers: [CommunityConcernsService],
  exports: [CommunityConcernsService],
})
export class CommunityConcernsModule {}
