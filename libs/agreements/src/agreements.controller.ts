import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, JSON_BODY_ERRORS, UuidParam } from '@accord/http';
import { Action, Auth, type AuthContext, Authorize, loadAgreementTemplates } from '@accord/policy';
import { CreateAgreementDto, EndAgreementDto, UpdateDraftDto, VersionDiffQueryDto } from './agreement.dto';
import { AgreementDto, AgreementTemplateDto, AgreementVersionDto, ParameterChangeDto } from './agreement-response.dto';
import { AgreementsService } from './agreements.service';

@ApiTags('agreements')
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Get()
  @Authorize(Action.List, 'Agreement')
  @ApiOperation({ summary: "The agreements the caller's organization is party to, newest first" })
  @ApiOkResponse({ type: [AgreementDto] })
  list(@Auth() auth: AuthContext): Promise<AgreementDto[]> {
    return this.agreements.list(auth);
  }

  @Get('templates')
  @Authorize(Action.Create, 'AgreementVersion')
  @ApiOperation({ summary: 'The ready starting agreements (policies/templates)' })
  @ApiOkResponse({ type: [AgreementTemplateDto] })
  templates(): AgreementTemplateDto[] {
    return loadAgreementTemplates();
  }

  @Post()
  @Authorize(Action.Create, 'AgreementVersion')
  @ApiOperation({ summary: 'Start an agreement with another organization: its first version, as a draft' })
  @ApiCreatedResponse({ type: AgreementDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 422)
  create(@Auth() auth: AuthContext, @Body() dto: CreateAgreementDto): Promise<AgreementDto> {
    return this.agreements.create(auth, dto);
  }

  @Get(':agreementId')
  @Authorize(Action.Read, 'Agreement')
  @ApiOperation({ summary: 'One agreement with all its versions' })
  @ApiOkResponse({ type: AgreementDto })
  @ApiErrorResponses(400, 404)
  get(@Auth() auth: AuthContext, @UuidParam('agreementId') agreementId: string): Promise<AgreementDto> {
    return this.agreements.get(auth, agreementId);
  }

  @Get(':agreementId/diff')
  @Authorize(Action.Read, 'Agreement')
  @ApiOperation({ summary: 'What changes between two versions of the sharing parameters' })
  @ApiOkResponse({ type: [ParameterChangeDto] })
  @ApiErrorResponses(400, 404)
  diff(
    @Auth() auth: AuthContext,
    @UuidParam('agreementId') agreementId: string,
    @Query() query: VersionDiffQueryDto,
  ): Promise<ParameterChangeDto[]> {
    return this.agreements.diff(auth, agreementId, query.from, query.to);
  }

  @Post(':agreementId/amendments')
  @Authorize(Action.Create, 'AgreementVersion')
  @ApiOperation({ summary: 'Draft an amendment: a new version; the current one stays in force until it is approved' })
  @ApiCreatedResponse({ type: AgreementVersionDto })
  @ApiErrorResponses(400, 404, 409)
  amend(@Auth() auth: AuthContext, @UuidParam('agreementId') agreementId: string): Promise<AgreementVersionDto> {
    return this.agreements.amend(auth, agreementId);
  }

  @Post(':agreementId/end')
  @Authorize(Action.Approve, 'Agreement')
  @ApiOperation({ summary: 'Suspend or terminate the agreement, at once (either party alone)' })
  @ApiCreatedResponse({ type: AgreementDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 404, 409)
  end(
    @Auth() auth: AuthContext,
    @UuidParam('agreementId') agreementId: string,
    @Body() dto: EndAgreementDto,
  ): Promise<AgreementDto> {
    return this.agreements.end(auth, agreementId, dto.action);
  }
}

@ApiTags('agreements')
@Controller('agreement-versions')
export class AgreementVersionsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Patch(':versionId')
  @Authorize(Action.Update, 'AgreementVersion')
  @ApiOperation({ summary: 'Edit a draft version' })
  @ApiOkResponse({ type: AgreementVersionDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 404, 409, 422)
  update(
    @Auth() auth: AuthContext,
    @UuidParam('versionId') versionId: string,
    @Body() dto: UpdateDraftDto,
  ): Promise<AgreementVersionDto> {
    return this.agreements.updateDraft(auth, versionId, dto);
  }

  @Post(':versionId/propose')
  @Authorize(Action.Update, 'AgreementVersion')
  @ApiOperation({ summary: 'Propose a draft to the other party (validates the sharing parameters)' })
  @ApiCreatedResponse({ type: AgreementVersionDto })
  @ApiErrorResponses(400, 404, 409, 422)
  propose(@Auth() auth: AuthContext, @UuidParam('versionId') versionId: string): Promise<AgreementVersionDto> {
    return this.agreements.propose(auth, versionId);
  }

  @Post(':versionId/approve')
  @Authorize(Action.Approve, 'Agreement')
  @ApiOperation({ summary: "Approve a proposed version for the caller's side (needs a fresh re-authentication)" })
  @ApiCreatedResponse({ type: AgreementVersionDto })
  @ApiErrorResponses(400, 404, 409)
  approve(@Auth() auth: AuthContext, @UuidParam('versionId') versionId: string): Promise<AgreementVersionDto> {
    return this.agreements.approve(auth, versionId);
  }
}
