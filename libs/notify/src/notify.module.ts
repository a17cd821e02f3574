import { Module } from '@nestjs/common';
import { AppConfig } from '@accord/config';
import { JobsModule } from '@accord/jobs';
import { SharingModule } from '@accord/sharing';
import { InboxEventBus } from './inbox-event.bus';
import { InboxEventPublisher } from './inbox-event.publisher';
import { InboxStreamController } from './inbox-stream.controller';
import { InboxStreamService } from './inbox-stream.service';
import { LocalInboxEventBus } from './local-inbox-event.bus';
import { RedisInboxEventBus } from './redis-inbox-event.bus';

/**
 * Notifications of new inbox entries: the live stream (`GET /api/v1/inbox/stream`) and the job
 * that feeds it. Imported by the API and by the worker (which runs the job). It must come before
 * SharingModule in the API's imports: Express matches routes in registration order, and
 * `inbox/:disclosureId` would otherwise catch `inbox/stream`.
 */
@Module({
  // The assignments whose assignee an event goes to. Listed after this module in the API, Sharing's
  // routes still register after the stream's. Jobs: the outbox, to withdraw a fallback no longer needed.
  imports: [SharingModule, JobsModule],
  controllers: [InboxStreamController],
  providers: [
    {
      provide: InboxEventBus,
      inject: [AppConfig],
      useFactory: (config: AppConfig): InboxEventBus =>
        config.redisUrl ? new RedisInboxEventBus(config.redisUrl, config.redisKeyPrefix) : new LocalInboxEventBus(),
    },
    InboxEventPublisher,
    InboxStreamService,
  ],
  exports: [InboxEventBus, InboxStreamService],
})
export class NotifyModule {}
