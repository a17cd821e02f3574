import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsObject, IsOptional, IsString, IsUUID, Length } from 'class-validator';

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

export class VersionNumbersDto {
  @Type(() => Number) from!: number;
  @Type(() => Number) to!: number;
}
