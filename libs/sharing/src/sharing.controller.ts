import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { InboxService } from './inbox.service';
import { CreateIncidentDto, InboxQueryDto, RecordResponseDto, ShareIncidentDto } from './sharing.dto';
import { SharingService } from './sharing.service';

export class PreviewQueryDto {
  /** Explicit: only the strings "true" and "false" are accepted. */
  @IsOptional() @IsIn(['true', 'false']) redact?: 'true' | 'false';
}

@ApiTags('incidents')
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly sharing: SharingService) {}

  @Post()
  @Authorize(Action.Create, 'Incident')
  create(@Auth() auth: AuthContext, @Body() dto: CreateIncidentDto) {
    return this.sharing.createIncident(auth, dto);
  }

  @Get(':incidentId/preview')
  @Authorize(Action.Read, 'Incident')
  preview(@Auth() auth: AuthContext, @Param('incidentId', new ParseUUIDPipe()) incidentId: string, @Query() query: PreviewQueryDto) {
    return this.sharing.preview(auth, incidentId, query.redact === 'true');
  }

  @Post(':incidentId/share')
  @HttpCode(200)
  @Authorize(Action.Create, 'Disclosure')
  share(@Auth() auth: AuthContext, @Param('incidentId', new ParseUUIDPipe()) incidentId: string, @Body() dto: ShareIncidentDto) {
    return this.sharing.share(auth, incidentId, dto.redact);
  }

  @Get(':incidentId/disclosures')
  @Authorize(Action.Read, 'Incident')
  disclosures(@Auth() auth: AuthContext, @Param('incidentId', new ParseUUIDPipe()) incidentId: string) {
    return this.sharing.sentDisclosures(auth, incidentId);
  }
}

@ApiTags('inbox')
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @Authorize(Action.List, 'Disclosure')
  list(@Auth() auth: AuthContext, @Query() query: InboxQueryDto) {
    return this.inbox.list(auth, query);
  }

  @Get(':disclosureId')
  @Authorize(Action.Read, 'Disclosure')
  read(@Auth() auth: AuthContext, @Param('disclosureId', new ParseUUIDPipe()) disclosureId: string) {
    return this.inbox.read(auth, disclosureId);
  }

  @Post(':disclosureId/acknowledge')
  @HttpCode(200)
  @Authorize(Action.Update, 'Disclosure')
  acknowledge(@Auth() auth: AuthContext, @Param('disclosureId', new ParseUUIDPipe()) disclosureId: string) {
    return this.inbox.acknowledge(auth, disclosureId);
  }

  @Put(':disclosureId/response')
  @Authorize(Action.Update, 'Disclosure')
  recordResponse(@Auth() auth: AuthContext, @Param('disclosureId', new ParseUUIDPipe()) disclosureId: string, @Body() dto: RecordResponseDto) {
    return this.inbox.recordResponse(auth, disclosureId, dto);
  }
}
