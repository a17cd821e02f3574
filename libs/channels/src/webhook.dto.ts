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

export interface WebhookView {
  id: string;
  url: string;
  enabled: boolean;
  createdAt: Date;
}

/** The only response that ever carries the secret: the one answering the creation. */
export interface CreatedWebhookView extends WebhookView {
  secret: string;
}

export class WebhookDto implements WebhookView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() createdAt!: Date;
}

export class CreatedWebhookDto extends WebhookDto implements CreatedWebhookView {
  @ApiProperty({ description: 'The signing secret (HMAC-SHA256): shown this once, never again' }) secret!: string;
}
