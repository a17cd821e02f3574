import { IsString, MaxLength } from 'class-validator';

export class CreateWebhookDto {
  /** https:// (http:// outside production); checked further by the service. */
  @IsString() @MaxLength(2000)
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
