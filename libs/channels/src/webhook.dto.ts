import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class CreateWebhookDto {
  /** https:// (http:// outside production); checked further by the service. */
  @ApiProperty({
    maxLength: 2000,
    format: 'uri',
    description:
      'https:// (http:// outside production); in production loopback, private and link-local addresses are refused',
  })
  @IsString()
  @MaxLength(2000)
  url!: string;
}

/**
 * One call of a webhook for a delivered disclosure, as the ledger (notification_sends) knows it: the delivery id the
 * receiver saw in `X-Accord-Delivery`, where it stands, how many tries, the last failure's code. Nothing of the
 * disclosure: not even its id, which the admin could not open anyway.
 */
export interface WebhookDeliveryView {
  deliveryId: string;
  status: string;
  attempts: number;
  lastErrorCode: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface WebhookView {
  id: string;
  url: string;
  enabled: boolean;
  createdAt: Date;
  /** The most recent calls first, at most WEBHOOK_RECENT_DELIVERIES; only in the list (a new webhook has none). */
  lastDeliveries?: WebhookDeliveryView[];
}

/** The only response that ever carries the secret: the one answering the creation. */
export interface CreatedWebhookView extends WebhookView {
  secret: string;
}

export class WebhookDeliveryDto implements WebhookDeliveryView {
  @ApiProperty({ format: 'uuid', description: 'The `X-Accord-Delivery` id the receiver got (the same on every retry)' })
  deliveryId!: string;
  @ApiProperty({
    enum: ['pending', 'sending', 'sent'],
    description:
      'sent: the receiver answered 2xx; pending: the last try failed and a retry is due; sending: a try runs',
  })
  status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The last failed try's code (HTTP_503, TARGET_REFUSED, …); null once sent",
  })
  lastErrorCode!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: Date | null;
}

export class WebhookDto implements WebhookView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({
    type: () => [WebhookDeliveryDto],
    required: false,
    description:
      'The last calls for delivered disclosures, newest first (at most 5; in the list only). Checkpoint copies ' +
      '(audit.checkpoint) keep no ledger and are not listed',
  })
  lastDeliveries?: WebhookDeliveryDto[];
}

export class CreatedWebhookDto extends WebhookDto implements CreatedWebhookView {
  @ApiProperty({ description: 'The signing secret (HMAC-SHA256): shown this once, never again' }) secret!: string;
}
