import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { CommunityConcernsService } from './community-concerns.service';
import { CreateConcernDto, CreateNoteDto, CreateReferralDto, TransitionReferralDto } from './referrals.dto';
import { ReferralsService } from './referrals.service';

export class ForwardReferralDto {
  @IsUUID() targetOrgId!: string;
}

@ApiTags('referrals')
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  @Authorize(Action.Create, 'Referral')
  create(@Auth() auth: AuthContext, @Body() dto: CreateReferralDto) {
    return this.referrals.create(auth, dto);
  }

  @Get()
  @Authorize(Action.List, 'Referral')
  list(@Auth() auth: AuthContext) {
    return this.referrals.list(auth);
  }

  @Get(':referralId')
  @Authorize(Action.Read, 'Referral')
  read(@Auth() auth: AuthContext, @Param('referralId', new ParseUUIDPipe()) id: string) {
    return this.referrals.read(auth, id);
  }

  @Post(':referralId/transitions')
  @HttpCode(200)
  @Authorize(Action.Update, 'Referral')
  transition(@Auth() auth: AuthContext, @Param('referralId', new ParseUUIDPipe()) id: string, @Body() dto: TransitionReferralDto) {
    return this.referrals.transition(auth, id, dto);
  }

  @Post(':referralId/consent-withdrawal')
  @HttpCode(200)
  @Authorize(Action.Update, 'Referral')
  withdrawConsent(@Auth() auth: AuthContext, @Param('referralId', new ParseUUIDPipe()) id: string) {
    return this.referrals.withdrawConsent(auth, id);
  }

  @Post(':referralId/notes')
  @Authorize(Action.Update, 'Referral')
  addNote(@Auth() auth: AuthContext, @Param('referralId', new ParseUUIDPipe()) id: string, @Body() dto: CreateNoteDto) {
    return this.referrals.addNote(auth, id, dto.body);
  }

  @Get(':referralId/notes')
  @Authorize(Action.Read, 'Referral')
  notes(@Auth() auth: AuthContext, @Param('referralId', new ParseUUIDPipe()) id: string) {
    return this.referrals.notes(auth, id);
  }

  @Post(':referralId/forward')
  @HttpCode(200)
  @Authorize(Action.Read, 'Referral')
  forward(@Auth() auth: AuthContext, @Param('referralId', new ParseUUIDPipe()) id: string, @Body() dto: ForwardReferralDto) {
    return this.referrals.forward(auth, id, dto.targetOrgId);
  }
}

@ApiTags('community-concerns')
@Controller('community-concerns')
export class CommunityConcernsController {
  constructor(private readonly concerns: CommunityConcernsService) {}

  /**
   * Declared as "read Agreement" (the caller must be party to some agreement), not "create
   * Disclosure": under a one-way agreement no such rule exists and the guard would refuse before
   * the service could audit the refused attempt. The service checks the flow and the caller's
   * right to send under it (create Disclosure, category community_concern) before anything is written.
   */
  @Post()
  @Authorize(Action.Read, 'Agreement')
  send(@Auth() auth: AuthContext, @Body() dto: CreateConcernDto) {
    return this.concerns.send(auth, dto);
  }
}
