import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';

const SHARING_PARAMETERS_INPUT = {
  required: false,
  type: Object,
  additionalProperties: true,
  description:
    '`{ flows: [...] }`, checked against policies/sharing-parameters.schema.json (422 SHARING_PARAMETERS_INVALID)',
} satisfies ApiPropertyOptions;
const BOARD_MEMBER_IDS = {
  required: false,
  type: String,
  format: 'uuid',
  isArray: true,
  maxItems: 20,
} satisfies ApiPropertyOptions;

export class CreateAgreementDto {
  /** The other party: a police organization if the caller is a partner, a partner otherwise. */
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') counterpartOrgId!: string;
  @ApiProperty({ minLength: 1, maxLength: 200 }) @IsString() @Length(1, 200) title!: string;
  /** Start from a template in policies/templates (by key), or give sharing parameters. */
  @ApiProperty({
    required: false,
    minLength: 1,
    maxLength: 80,
    description: 'Key of a template from GET /agreements/templates',
  })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  templateKey?: string;
  @ApiProperty(SHARING_PARAMETERS_INPUT) @IsOptional() @IsObject() sharingParameters?: Record<string, unknown>;
  @ApiProperty(BOARD_MEMBER_IDS)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('4', { each: true })
  boardMemberIds?: string[];
  @ApiProperty({ required: false, format: 'date-time' }) @IsOptional() @IsDateString() effectiveUntil?: string;
}

export class UpdateDraftDto {
  @ApiProperty(SHARING_PARAMETERS_INPUT) @IsOptional() @IsObject() sharingParameters?: Record<string, unknown>;
  @ApiProperty(BOARD_MEMBER_IDS)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('4', { each: true })
  boardMemberIds?: string[];
  @ApiProperty({ required: false, format: 'date-time' }) @IsOptional() @IsDateString() effectiveUntil?: string;
}

export class EndAgreementDto {
  @ApiProperty({ enum: ['suspend', 'terminate'] }) @IsIn(['suspend', 'terminate']) action!: 'suspend' | 'terminate';
}

/** Query strings are text: the numbers are converted explicitly here, then checked. */
export class VersionDiffQueryDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100000, description: 'Version number' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  from!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100000, description: 'Version number' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  to!: number;
}
