import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ApiErrorResponses, JSON_BODY_ERRORS, UuidParam } from '@accord/http';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { LegalHoldDto, LiftedLegalHoldDto } from './agreement-response.dto';
import { LEGAL_HOLD_REASONS, type LegalHoldReason } from './legal-hold.entity';
import { LegalHoldsService } from './legal-holds.service';

export class SetLegalHoldDto {
  @ApiProperty({ enum: LEGAL_HOLD_REASONS }) @IsIn(LEGAL_HOLD_REASONS) reason!: LegalHoldReason;
}

@ApiTags('agreements')
@Controller()
export class LegalHoldsController {
  constructor(private readonly holds: LegalHoldsService) {}

  @Post('agreements/:agreementId/legal-holds')
  @Authorize(Action.Approve, 'Agreement')
  @ApiOperation({ summary: "Hold the agreement's records: retention purges wait until the hold is lifted" })
  @ApiCreatedResponse({ type: LegalHoldDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 404)
  set(
    @Auth() auth: AuthContext,
    @UuidParam('agreementId') agreementId: string,
    @Body() dto: SetLegalHoldDto,
  ): Promise<LegalHoldDto> {
    return this.holds.set(auth, agreementId, dto.reason);
  }

  @Get('agreements/:agreementId/legal-holds')
  @Authorize(Action.Approve, 'Agreement')
  @ApiOperation({ summary: 'The legal holds in place on the agreement, oldest first (org admins of either party)' })
  @ApiOkResponse({ type: [LegalHoldDto] })
  @ApiErrorResponses(400, 404)
  list(@Auth() auth: AuthContext, @UuidParam('agreementId') agreementId: string): Promise<LegalHoldDto[]> {
    return this.holds.listActive(auth, agreementId);
  }

  @Post('legal-holds/:holdId/lift')
  @Authorize(Action.Approve, 'Agreement')
  @ApiOperation({ summary: 'Lift a legal hold' })
  @ApiCreatedResponse({ type: LiftedLegalHoldDto })
  @ApiErrorResponses(400, 404)
  lift(@Auth() auth: AuthContext, @UuidParam('holdId') holdId: string): Promise<LiftedLegalHoldDto> {
    return this.holds.lift(auth, holdId);
  }
}
