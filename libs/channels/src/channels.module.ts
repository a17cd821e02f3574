import { Module } from '@nestjs/common';
import { AuditModule } from '@accord/audit';
import { AppConfig } from '@accord/config';
import { JobsModule } from '@accord/jobs';
import { SharingModule } from '@accord/sharing';
import { EMAIL_TRANSPORT, emailTransportFor } from './email.transport';
import { EmailService } from './email.service';
import { EscalationService } from './escalation.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';
import { WebhookSecretResealing } from './webhook-secret-resealing';

/**
 * Notification channels beyond the inbox: content-free e-mail, signed webhooks, and escalation of
 * unacknowledged disclosures. Imported by the API (routes; handlers when jobs run in-process) and
 * by the worker (handlers). Identity, agreements and config are global.
 */
@Module({
  // SharingModule: the referral assignments whose e-mails and deadlines these channels carry.
  imports: [AuditModule, JobsModule, SharingModule],
  controllers: [WebhooksController],
  providers: [
    { provide: EMAIL_TRANSPORT, useFactory: emailTransportFor, inject: [AppConfig] },
    EmailService,
    WebhooksService,
    EscalationService,
    WebhookSecretResealing,
  ],
  exports: [EMAIL_TRANSPORT, EmailService, WebhooksService, EscalationService, WebhookSecretResealing],
})
export class ChannelsModule {}
