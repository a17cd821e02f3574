import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtension,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ApiErrorResponses, JSON_BODY_ERRORS, UuidParam } from '@accord/http';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import {
  CreatedNoteDto,
  CreatedReferralDto,
  PartnerReferralDto,
  PoliceReferralDto,
  REFERRAL_VIEW,
  ReferralListDto,
  ReferralNoteListDto,
} from './referral-response.dto';
import { CreateNoteDto, CreateReferralDto, TransitionReferralDto } from './referrals.dto';
import { ReferralsService } from './referrals.service';

export class ForwardReferralDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() targetOrgId!: string;
}

@ApiTags('referrals')
@ApiExtraModels(PoliceReferralDto, PartnerReferralDto)
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  @Authorize(Action.Create, 'Referral')
  @ApiOperation({
    summary: 'Refer a person at high risk to the partner under an agreement (sealed record and partner copy)',
  })
  @ApiCreatedResponse({ type: CreatedReferralDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 404, 409, 422)
  create(@Auth() auth: AuthContext, @Body() dto: CreateReferralDto): Promise<CreatedReferralDto> {
    return this.referrals.create(auth, dto);
  }

  @Get()
  @Authorize(Action.List, 'Referral')
  @ApiOperation({ summary: 'Referrals the caller may see: sent ones (police) or received ones (partner)' })
  @ApiOkResponse({ type: ReferralListDto })
  list(@Auth() auth: AuthContext): Promise<ReferralListDto> {
    return this.referrals.list(auth);
  }

  @Get(':referralId')
  @Authorize(Action.Read, 'Referral')
  @ApiOperation({ summary: "One referral, as the caller's side sees it (the read is audited)" })
  @ApiOkResponse({ schema: REFERRAL_VIEW })
  @ApiErrorResponses(400, 404)
  read(
    @Auth() auth: AuthContext,
    @UuidParam('referralId') id: string,
  ): Promise<PoliceReferralDto | PartnerReferralDto> {
    return this.referrals.read(auth, id);
  }

  @Post(':referralId/transitions')
  @HttpCode(200)
  @Authorize(Action.Update, 'Referral')
  @ApiOperation({ summary: 'Move the referral one step along its lifecycle (the sender may only retract)' })
  @ApiOkResponse({ schema: REFERRAL_VIEW })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 404, 409)
  transition(
    @Auth() auth: AuthContext,
    @UuidParam('referralId') id: string,
    @Body() dto: TransitionReferralDto,
  ): Promise<PoliceReferralDto | PartnerReferralDto> {
    return this.referrals.transition(auth, id, dto);
  }

  @Post(':referralId/consent-withdrawal')
  @HttpCode(200)
  @Authorize(Action.Update, 'Referral')
  @ApiOperation({ summary: "Record that the person withdrew consent: the partner's copy is hidden at once and purged" })
  @ApiOkResponse({ type: PoliceReferralDto })
  @ApiErrorResponses(400, 404, 409)
  withdrawConsent(@Auth() auth: AuthContext, @UuidParam('referralId') id: string): Promise<PoliceReferralDto> {
    return this.referrals.withdrawConsent(auth, id);
  }

  @Post(':referralId/notes')
  @Authorize(Action.Update, 'Referral')
  @ApiOperation({ summary: "Add a case note (private to the partner's organization)" })
  @ApiCreatedResponse({ type: CreatedNoteDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 404)
  addNote(
    @Auth() auth: AuthContext,
    @UuidParam('referralId') id: string,
    @Body() dto: CreateNoteDto,
  ): Promise<CreatedNoteDto> {
    return this.referrals.addNote(auth, id, dto.body);
  }

  @Get(':referralId/notes')
  @Authorize(Action.Read, 'Referral')
  @ApiOperation({ summary: "The referral's case notes (the partner's organization only)" })
  @ApiOkResponse({ type: ReferralNoteListDto })
  @ApiErrorResponses(400, 404)
  notes(@Auth() auth: AuthContext, @UuidParam('referralId') id: string): Promise<ReferralNoteListDto> {
    return this.referrals.notes(auth, id);
  }

  /** Documented without a success answer: no agreement can allow forwarding, so it always refuses. */
  @Post(':referralId/forward')
  @HttpCode(200)
  @Authorize(Action.Read, 'Referral')
  @ApiOperation({
    summary: 'Forward to a third organization: always refused (403) and audited, since no agreement allows it',
  })
  @ApiExtension('x-accord-always-refused', true)
  @ApiErrorResponses(...JSON_BODY_ERRORS, 404)
  forward(
    @Auth() auth: AuthContext,
    @UuidParam('referralId') id: string,
    @Body() dto: ForwardReferralDto,
  ): Promise<never> {
    return this.referrals.forward(auth, id, dto.targetOrgId);
  }
}
