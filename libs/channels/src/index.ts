// The entities are in @accord/entities/channels (for the schema module); their enums are public vocabulary.
export { NotificationChannel, NotificationSendStatus } from './notification-send.entity';
export * from './notification-sends';
export * from './email.content';
export * from './email.transport';
export * from './email.service';
export * from './webhook-signature';
export * from './webhook.dto';
export * from './webhooks.service';
export * from './webhooks.controller';
export * from './escalation.service';
export * from './channels.module';
export * from './webhook-url';
export * from './webhook-secret-resealing';
