import { Controller, Get, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { InboxStreamService } from './inbox-stream.service';

@ApiTags('inbox')
@Controller('inbox')
export class InboxStreamController {
  constructor(private readonly streams: InboxStreamService) {}

  /** Server-sent events: `disclosure` with `{ disclosureId, category }` per new inbox entry. */
  @Get('stream')
  @ApiProduces('text/event-stream')
  @Authorize(Action.List, 'Disclosure')
  stream(@Auth() auth: AuthContext, @Res() res: Response): Promise<void> {
    return this.streams.open(auth, res);
  }
}
