import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { LEGAL_HOLD_REASONS, type LegalHoldReason } from './legal-hold.entity';
import { LegalHoldsService } from './legal-holds.service';

export class SetLegalHoldDto {
  @IsIn(LEGAL_HOLD_REASONS) reason!: LegalHoldReason;
}

@ApiTags('agreements')
@Controller()
export class LegalHoldsController {
  constructor(private readonly holds: LegalHoldsService) {}

  @Post('agreements/:agreementId/legal-holds')
  @Authorize(Action.Approve, 'Agreement')
  set(@Auth() auth: AuthContext, @Param('agreementId', new ParseUUIDPipe()) agreementId: string, @Body() dto: SetLegalHoldDto) {
    return this.holds.set(auth, agreementId, dto.reason);
  }

  @Post('legal-holds/:holdId/lift')
  @Authorize(Action.Approve, 'Agreement')
  lift(@Auth() auth: AuthContext, @Param('holdId', new ParseUUIDPipe()) holdId: string) {
    return this.holds.lift(auth, holdId);
  }
}
