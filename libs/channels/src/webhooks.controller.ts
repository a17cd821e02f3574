import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, JSON_BODY_ERRORS, UuidParam } from '@accord/http';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { CreatedWebhookDto, CreateWebhookDto, WebhookDto } from './webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Authorize(Action.Create, 'Webhook')
  @ApiOperation({ summary: "Add a webhook for the organization's notifications (content-free, HMAC-signed)" })
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 409)
  create(@Auth() auth: AuthContext, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    return this.webhooks.create(auth, dto);
  }

  @Get()
  @Authorize(Action.List, 'Webhook')
  @ApiOperation({ summary: "The organization's webhooks (never their secrets)" })
  @ApiOkResponse({ type: [WebhookDto] })
  list(@Auth() auth: AuthContext): Promise<WebhookDto[]> {
    return this.webhooks.list(auth);
  }

  @Delete(':webhookId')
  @HttpCode(204)
  @Authorize(Action.Delete, 'Webhook')
  @ApiOperation({ summary: 'Remove a webhook' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 404)
  remove(@Auth() auth: AuthContext, @UuidParam('webhookId') webhookId: string): Promise<void> {
    return this.webhooks.remove(auth, webhookId);
  }
}
