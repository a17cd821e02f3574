import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiErrorResponses, JSON_BODY_ERRORS, UuidParam } from '@accord/http';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { InboxService } from './inbox.service';
import {
  CorrectIncidentDto,
  CreateIncidentDto,
  InboxQueryDto,
  IncidentsQueryDto,
  RecordResponseDto,
  ShareIncidentDto,
} from './sharing.dto';
import {
  CorrectionRevisionDto,
  CreatedIncidentDto,
  DisclosureDto,
  InboxPageDto,
  IncidentDetailDto,
  IncidentPageDto,
  PreviewItemDto,
  SentDisclosureDto,
  ShareResultItemDto,
} from './sharing-response.dto';
import { SharingService } from './sharing.service';

export class PreviewQueryDto {
  /** Explicit: only the strings "true" and "false" are accepted. */
  @ApiProperty({
    required: false,
    enum: ['true', 'false'],
    default: 'false',
    description: 'Preview with identifiers in free text replaced by markers',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  redact?: 'true' | 'false';
}

@ApiTags('incidents')
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly sharing: SharingService) {}

  @Post()
  @Authorize(Action.Create, 'Incident')
  @ApiOperation({ summary: "Record an incident (the police's full record; nothing is shared yet)" })
  @ApiCreatedResponse({ type: CreatedIncidentDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS)
  create(@Auth() auth: AuthContext, @Body() dto: CreateIncidentDto): Promise<CreatedIncidentDto> {
    return this.sharing.createIncident(auth, dto);
  }

  @Get()
  @Authorize(Action.List, 'Incident')
  @ApiOperation({ summary: "The organization's incidents, newest occurrence first, in pages (opens no sealed field)" })
  @ApiOkResponse({ type: IncidentPageDto })
  @ApiErrorResponses(400)
  list(@Auth() auth: AuthContext, @Query() query: IncidentsQueryDto): Promise<IncidentPageDto> {
    return this.sharing.listIncidents(auth, query);
  }

  @Get(':incidentId')
  @Authorize(Action.Read, 'Incident')
  @ApiOperation({ summary: 'The incident as recorded, with each disclosure made of it (the read is audited)' })
  @ApiOkResponse({ type: IncidentDetailDto })
  @ApiErrorResponses(400, 404)
  read(@Auth() auth: AuthContext, @UuidParam('incidentId') incidentId: string): Promise<IncidentDetailDto> {
    return this.sharing.readIncident(auth, incidentId);
  }

  @Patch(':incidentId')
  @Authorize(Action.Update, 'Incident')
  @ApiOperation({
    summary: 'Correct the incident; each live alert of it gets the correction as its next revision (re-screened)',
  })
  @ApiOkResponse({ type: [CorrectionRevisionDto] })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 404, 422)
  correct(
    @Auth() auth: AuthContext,
    @UuidParam('incidentId') incidentId: string,
    @Body() dto: CorrectIncidentDto,
  ): Promise<CorrectionRevisionDto[]> {
    return this.sharing.correctIncident(auth, incidentId, dto);
  }

  @Get(':incidentId/preview')
  @Authorize(Action.Read, 'Incident')
  @ApiOperation({ summary: 'Exactly what each recipient would see if the incident were shared now' })
  @ApiOkResponse({ type: [PreviewItemDto] })
  @ApiErrorResponses(400, 404)
  preview(
    @Auth() auth: AuthContext,
    @UuidParam('incidentId') incidentId: string,
    @Query() query: PreviewQueryDto,
  ): Promise<PreviewItemDto[]> {
    return this.sharing.preview(auth, incidentId, query.redact === 'true');
  }

  @Post(':incidentId/share')
  @HttpCode(200)
  @Authorize(Action.Create, 'Disclosure')
  @ApiOperation({ summary: 'Share the incident: one disclosure per recipient and flow (idempotent)' })
  @ApiOkResponse({ type: [ShareResultItemDto] })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 404, 422)
  share(
    @Auth() auth: AuthContext,
    @UuidParam('incidentId') incidentId: string,
    @Body() dto: ShareIncidentDto,
  ): Promise<ShareResultItemDto[]> {
    return this.sharing.share(auth, incidentId, dto.redact);
  }

  @Get(':incidentId/disclosures')
  @Authorize(Action.Read, 'Incident')
  @ApiOperation({ summary: 'What was shared of the incident, with whom, and how fast it was acknowledged' })
  @ApiOkResponse({ type: [SentDisclosureDto] })
  @ApiErrorResponses(400, 404)
  disclosures(@Auth() auth: AuthContext, @UuidParam('incidentId') incidentId: string): Promise<SentDisclosureDto[]> {
    return this.sharing.sentDisclosures(auth, incidentId);
  }
}

@ApiTags('inbox')
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @Authorize(Action.List, 'Disclosure')
  @ApiOperation({ summary: "The caller's inbox, newest first, in pages" })
  @ApiOkResponse({ type: InboxPageDto })
  @ApiErrorResponses(400)
  list(@Auth() auth: AuthContext, @Query() query: InboxQueryDto): Promise<InboxPageDto> {
    return this.inbox.list(auth, query);
  }

  @Get(':disclosureId')
  @Authorize(Action.Read, 'Disclosure')
  @ApiOperation({ summary: 'Read one disclosure exactly as released (the read is audited)' })
  @ApiOkResponse({ type: DisclosureDto })
  @ApiErrorResponses(400, 404)
  read(@Auth() auth: AuthContext, @UuidParam('disclosureId') disclosureId: string): Promise<DisclosureDto> {
    return this.inbox.read(auth, disclosureId);
  }

  @Post(':disclosureId/acknowledge')
  @HttpCode(200)
  @Authorize(Action.Update, 'Disclosure')
  @ApiOperation({ summary: "Acknowledge for the caller's organization (the first acknowledgement counts)" })
  @ApiOkResponse({ type: DisclosureDto })
  @ApiErrorResponses(400, 404)
  acknowledge(@Auth() auth: AuthContext, @UuidParam('disclosureId') disclosureId: string): Promise<DisclosureDto> {
    return this.inbox.acknowledge(auth, disclosureId);
  }

  @Put(':disclosureId/response')
  @Authorize(Action.Update, 'Disclosure')
  @ApiOperation({ summary: "Record the organization's response (private to it; never flows back)" })
  @ApiOkResponse({ type: DisclosureDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 404)
  recordResponse(
    @Auth() auth: AuthContext,
    @UuidParam('disclosureId') disclosureId: string,
    @Body() dto: RecordResponseDto,
  ): Promise<DisclosureDto> {
    return this.inbox.recordResponse(auth, disclosureId, dto);
  }
}
