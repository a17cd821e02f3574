import { IsDateString, IsIn, IsOptional } from 'class-validator';

export class ReportQueryDto {
  /** Start of the period (inclusive). */
  @IsDateString() from!: string;
  /** End of the period (exclusive). */
  @IsDateString() to!: string;
  @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}
