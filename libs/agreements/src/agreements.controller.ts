import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Action, Auth, type AuthContext, Authorize, loadAgreementTemplates } from '@accord/policy';
import { CreateAgreementDto, EndAgreementDto, UpdateDraftDto, VersionDiffQueryDto } from './agreement.dto';
import { AgreementsService } from './agreements.service';

@ApiTags('agreements')
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Get()
  @Authorize(Action.List, 'Agreement')
  list(@Auth() auth: AuthContext) {
    return this.agreements.list(auth);
  }

  @Get('templates')
  @Authorize(Action.Create, 'AgreementVersion')
  templates() {
    return loadAgreementTemplates();
  }

  @Post()
  @Authorize(Action.Create, 'AgreementVersion')
  create(@Auth() auth: AuthContext, @Body() dto: CreateAgreementDto) {
    return this.agreements.create(auth, dto);
  }

  @Get(':agreementId')
  @Authorize(Action.Read, 'Agreement')
  get(@Auth() auth: AuthContext, @Param('agreementId', new ParseUUIDPipe()) agreementId: string) {
    return this.agreements.get(auth, agreementId);
  }

  @Get(':agreementId/diff')
  @Authorize(Action.Read, 'Agreement')
  diff(@Auth() auth: AuthContext, @Param('agreementId', new ParseUUIDPipe()) agreementId: string, @Query() query: VersionDiffQueryDto) {
    return this.agreements.diff(auth, agreementId, query.from, query.to);
  }

  @Post(':agreementId/amendments')
  @Authorize(Action.Create, 'AgreementVersion')
  amend(@Auth() auth: AuthContext, @Param('agreementId', new ParseUUIDPipe()) agreementId: string) {
    return this.agreements.amend(auth, agreementId);
  }

  @Post(':agreementId/end')
  @Authorize(Action.Approve, 'Agreement')
  end(@Auth() auth: AuthContext, @Param('agreementId', new ParseUUIDPipe()) agreementId: string, @Body() dto: EndAgreementDto) {
    return this.agreements.end(auth, agreementId, dto.action);
  }
}

@ApiTags('agreements')
@Controller('agreement-versions')
export class AgreementVersionsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Patch(':versionId')
  @Authorize(Action.Update, 'AgreementVersion')
  update(@Auth() auth: AuthContext, @Param('versionId', new ParseUUIDPipe()) versionId: string, @Body() dto: UpdateDraftDto) {
    return this.agreements.updateDraft(auth, versionId, dto);
  }

  @Post(':versionId/propose')
  @Authorize(Action.Update, 'AgreementVersion')
  propose(@Auth() auth: AuthContext, @Param('versionId', new ParseUUIDPipe()) versionId: string) {
    return this.agreements.propose(auth, versionId);
  }

  @Post(':versionId/approve')
  @Authorize(Action.Approve, 'Agreement')
  approve(@Auth() auth: AuthContext, @Param('versionId', new ParseUUIDPipe()) versionId: string) {
    return this.agreements.approve(auth, versionId);
  }
}
