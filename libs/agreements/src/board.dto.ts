import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export const AUDIT_SORTS = ['seq', '-seq'] as const;

/** Audit search of one agreement's stream. Every filter is optional; sort comes from an allow-list. */
export class AuditSearchDto {
  @IsOptional() @IsDateString() from?: string;
  @IsOptional() @IsDateString() to?: string;
  @IsOptional() @Matches(/^[a-z][a-z0-9_.]{1,63}$/, { message: 'must be an action code such as disclosure.read' }) action?: string;
  @IsOptional() @IsIn(['success', 'failure', 'allowed', 'denied']) outcome?: string;
  @IsOptional() @IsUUID('4') actorOrgId?: string;
  @IsOptional() @Matches(/^[A-Za-z]{1,40}$/, { message: 'must be a subject type such as Disclosure' }) subjectType?: string;
  @IsOptional() @IsUUID('4') subjectId?: string;
  /** Keyset cursor: the seq to continue after. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) cursor?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsIn(AUDIT_SORTS) sort?: (typeof AUDIT_SORTS)[number];
}
