import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export const AUDIT_SORTS = ['seq', '-seq'] as const;

/** Audit search of one agreement's stream. Every filter is optional; sort comes from an allow-list. */
export class AuditSearchDto {
  @ApiProperty({ required: false, format: 'date-time' }) @IsOptional() @IsDateString() from?: string;
  @ApiProperty({ required: false, format: 'date-time' }) @IsOptional() @IsDateString() to?: string;
  @ApiProperty({
    required: false,
    pattern: '^[a-z][a-z0-9_.]{1,63}$',
    description: 'An action code such as disclosure.read',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_.]{1,63}$/, { message: 'must be an action code such as disclosure.read' })
  action?: string;
  @ApiProperty({ required: false, enum: ['success', 'failure', 'allowed', 'denied'] })
  @IsOptional()
  @IsIn(['success', 'failure', 'allowed', 'denied'])
  outcome?: string;
  @ApiProperty({ required: false, format: 'uuid' }) @IsOptional() @IsUUID('4') actorOrgId?: string;
  @ApiProperty({ required: false, pattern: '^[A-Za-z]{1,40}$', description: 'A subject type such as Disclosure' })
  @IsOptional()
  @Matches(/^[A-Za-z]{1,40}$/, { message: 'must be a subject type such as Disclosure' })
  subjectType?: string;
  @ApiProperty({ required: false, format: 'uuid' }) @IsOptional() @IsUUID('4') subjectId?: string;
  /** Keyset cursor: the seq to continue after. */
  @ApiProperty({ required: false, type: 'integer', minimum: 0, description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  cursor?: number;
  @ApiProperty({ required: false, type: 'integer', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiProperty({ required: false, enum: AUDIT_SORTS, default: 'seq' })
  @IsOptional()
  @IsIn(AUDIT_SORTS)
  sort?: (typeof AUDIT_SORTS)[number];
}
