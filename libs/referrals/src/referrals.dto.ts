import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CONSENT_BASES, type ConsentBasis, DECLINE_REASONS, type DeclineReason, PARTNER_TARGETS, type ReferralStatus } from './referral-lifecycle';

export class ReferredPersonDto {
  @IsString() @Length(1, 200) name!: string;
  @IsOptional() @IsString() @Length(1, 200) contact?: string;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }) dateOfBirth?: string;
  @IsOptional() @IsInt() @Min(0) @Max(120) age?: number;
  @IsString() @Length(1, 2000) reason!: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 100, { each: true }) riskFactors?: string[];
}

export class ConsentDto {
  @IsIn(CONSENT_BASES) basis!: ConsentBasis;
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }) givenOn!: string;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }) expiresOn?: string;
}

export class CreateReferralDto {
  @IsUUID() agreementId!: string;
  @ValidateNested() @Type(() => ReferredPersonDto) person!: ReferredPersonDto;
  @IsOptional() @ValidateNested() @Type(() => ConsentDto) consent?: ConsentDto;
}

export class TransitionReferralDto {
  @IsIn([...PARTNER_TARGETS, 'retracted']) to!: ReferralStatus;
  @IsOptional() @IsIn(DECLINE_REASONS) declineReason?: DeclineReason;
  @IsOptional() @IsUUID() assigneeId?: string;
}

export class CreateNoteDto {
  @IsString() @Length(1, 5000) body!: string;
}

export class CreateConcernDto {
  @IsUUID() agreementId!: string;
  @IsIn(['rising_tension', 'retaliation_risk', 'coordinate_walk', 'other']) concernType!: string;
  /** A service-area code, never an address. */
  @IsString() @Matches(/^[A-Za-z0-9-]{1,20}$/, { message: 'must be a service-area code' }) area!: string;
  @IsDateString() occurredAt!: string;
  @IsOptional() @IsString() @Length(1, 2000) narrative?: string;
  @IsOptional() @IsString() @Length(1, 200) requestedAction?: string;
  /** Remove identifiers found in the narrative instead of refusing. */
  @IsOptional() @IsIn([true, false]) redact?: boolean;
}
