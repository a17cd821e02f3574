import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional } from 'class-validator';

export class ReportQueryDto {
  /** Start of the period (inclusive). */
  @ApiProperty({ format: 'date-time', description: 'Start of the period (inclusive)' }) @IsDateString() from!: string;
  /** End of the period (exclusive). */
  @ApiProperty({ format: 'date-time', description: 'End of the period (exclusive); at most 366 days after from' })
  @IsDateString()
  to!: string;
  @ApiProperty({ required: false, enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
