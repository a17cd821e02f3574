import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { CreateWebhookDto } from './webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Authorize(Action.Create, 'Webhook')
  create(@Auth() auth: AuthContext, @Body() dto: CreateWebhookDto) {
    return this.webhooks.create(auth, dto);
  }

  @Get()
  @Authorize(Action.List, 'Webhook')
  list(@Auth() auth: AuthContext) {
    return this.webhooks.list(auth);
  }

  @Delete(':webhookId')
  @HttpCode(204)
  @Authorize(Action.Delete, 'Webhook')
  remove(@Auth() auth: AuthContext, @Param('webhookId', new ParseUUIDPipe()) webhookId: string) {
    return this.webhooks.remove(auth, webhookId);
  }
}
