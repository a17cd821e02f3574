import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export class CreateAgreementDto {
  /** The other party: a police organization if the caller is a partner, a partner otherwise. */
  @IsUUID('4') counterpartOrgId!: string;
  @IsString() @Length(1, 200) title!: string;
  /** Start from a template in policies/templates (by key), or give sharing parameters. */
  @IsOptional() @IsString() @Length(1, 80) templateKey?: string;
  @IsOptional() @IsObject() sharingParameters?: Record<string, unknown>;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('4', { each: true }) boardMemberIds?: string[];
  @IsOptional() @IsDateString() effectiveUntil?: string;
}

export class UpdateDraftDto {
  @IsOptional() @IsObject() sharingParameters?: Record<string, unknown>;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('4', { each: true }) boardMemberIds?: string[];
  @IsOptional() @IsDateString() effectiveUntil?: string;
}

export class EndAgreementDto {
  @IsIn(['suspend', 'terminate']) action!: 'suspend' | 'terminate';
}

/** Query strings are text: the numbers are converted explicitly here, then checked. */
export class VersionDiffQueryDto {
  @Type(() => Number) @IsInt() @Min(1) @Max(100000) from!: number;
  @Type(() => Number) @IsInt() @Min(1) @Max(100000) to!: number;
}
