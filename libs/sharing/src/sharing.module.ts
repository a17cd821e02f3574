import { Module } from '@nestjs/common';
import { AuditModule } from '@accord/audit';
import { JobsModule } from '@accord/jobs';
import { AssignmentsService } from './assignments.service';
import { DeliveryAnnouncements } from './delivery-announcements';
import { DeliveryFollowUps } from './delivery-follow-ups';
import { DeliveryService } from './delivery.service';
import { DemoPartnershipSeeder } from './demo-partnership';
import { DisclosuresService } from './disclosures.service';
import { InboxService } from './inbox.service';
import { RetentionService } from './retention.service';
import { IncidentsController, InboxController } from './sharing.controller';
import { SharingService } from './sharing.service';
import { SharingResealing } from './sharing-resealing';
import { ServiceAreasController } from './service-areas.controller';
import { ServiceAreasService } from './service-areas.service';

/** Incidents, disclosures, delivery and the inbox. Agreements and identity are global modules. */
@Module({
  imports: [AuditModule, JobsModule],
  controllers: [IncidentsController, InboxController, ServiceAreasController],
  providers: [
    SharingService,
    DisclosuresService,
    DeliveryService,
    DeliveryAnnouncements,
    DeliveryFollowUps,
    AssignmentsService,
    InboxService,
    RetentionService,
    DemoPartnershipSeeder,
    SharingResealing,
    ServiceAreasService,
  ],
  exports: [
    SharingService,
    DisclosuresService,
    DeliveryService,
    DeliveryAnnouncements,
    DeliveryFollowUps,
    AssignmentsService,
    InboxService,
    RetentionService,
    DemoPartnershipSeeder,
    SharingResealing,
    ServiceAreasService,
  ],
})
export class SharingModule {}
