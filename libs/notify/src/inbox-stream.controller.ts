import { Controller, Get, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProperty, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import type { InboxEvent } from './inbox-event';
import { InboxStreamService } from './inbox-stream.service';

/** The `data` of a `disclosure` event: ids only; the client reads the content itself. */
export class InboxEventDto implements InboxEvent {
  @ApiProperty({ format: 'uuid', description: 'Read it with GET /api/v1/inbox/{disclosureId}' }) disclosureId!: string;
  @ApiProperty({ description: 'incident_notification, referral, referral_status or community_concern' })
  category!: string;
}

@ApiTags('inbox')
@Controller('inbox')
export class InboxStreamController {
  constructor(private readonly streams: InboxStreamService) {}

  /** Server-sent events: `disclosure` with `{ disclosureId, category }` per new inbox entry. */
  @Get('stream')
  @Authorize(Action.List, 'Disclosure')
  @ApiOperation({ summary: "The caller's inbox, live: a server-sent event per new entry" })
  @ApiExtraModels(InboxEventDto)
  // OpenAPI 3.0 cannot describe a stream's items: the schema given is that of each event's data.
  @ApiOkResponse({
    description:
      'Server-sent events: `event: disclosure` with `data:` an InboxEventDto as JSON per new inbox entry; ' +
      'comment lines as heartbeats; `retry:` sets the reconnection delay. The stream ends with the session.',
    content: { 'text/event-stream': { schema: { $ref: getSchemaPath(InboxEventDto) } } },
  })
  stream(@Auth() auth: AuthContext, @Res() res: Response): Promise<void> {
    return this.streams.open(auth, res);
  }
}
