import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CONSENT_BASES,
  type ConsentBasis,
  DECLINE_REASONS,
  type DeclineReason,
  PARTNER_TARGETS,
  type ReferralStatus,
} from './referral-lifecycle';

export class ReferredPersonDto {
  @ApiProperty({ minLength: 1, maxLength: 200 }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ required: false, minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  contact?: string;
  @ApiProperty({ required: false, format: 'date' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  dateOfBirth?: string;
  @ApiProperty({ required: false, type: 'integer', minimum: 0, maximum: 120 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  age?: number;
  @ApiProperty({ minLength: 1, maxLength: 2000 }) @IsString() @Length(1, 2000) reason!: string;
  @ApiProperty({ required: false, type: [String], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  riskFactors?: string[];
}

export class ConsentDto {
  @ApiProperty({ enum: CONSENT_BASES }) @IsIn(CONSENT_BASES) basis!: ConsentBasis;
  @ApiProperty({ format: 'date' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  givenOn!: string;
  @ApiProperty({ required: false, format: 'date' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  expiresOn?: string;
}

export class CreateReferralDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() agreementId!: string;
  @ApiProperty({ type: () => ReferredPersonDto })
  @ValidateNested()
  @Type(() => ReferredPersonDto)
  person!: ReferredPersonDto;
  @ApiProperty({
    required: false,
    type: () => ConsentDto,
    description: 'Required when the referral flow requires consent',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent?: ConsentDto;
}

export class TransitionReferralDto {
  @ApiProperty({
    enum: [...PARTNER_TARGETS, 'retracted'],
    description: 'The sender may only retract; the partner moves it along its lifecycle',
  })
  @IsIn([...PARTNER_TARGETS, 'retracted'])
  to!: ReferralStatus;
  @ApiProperty({ required: false, enum: DECLINE_REASONS, description: 'Required to decline' })
  @IsOptional()
  @IsIn(DECLINE_REASONS)
  declineReason?: DeclineReason;
  @ApiProperty({ required: false, format: 'uuid', description: 'Required to assign: a worker of the organization' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;
}

export class CreateNoteDto {
  @ApiProperty({ minLength: 1, maxLength: 5000 }) @IsString() @Length(1, 5000) body!: string;
}
