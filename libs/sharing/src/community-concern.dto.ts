import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

export class CreateConcernDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() agreementId!: string;
  @ApiProperty({ enum: ['rising_tension', 'retaliation_risk', 'coordinate_walk', 'other'] })
  @IsIn(['rising_tension', 'retaliation_risk', 'coordinate_walk', 'other'])
  concernType!: string;
  /** A service-area code, never an address. */
  @ApiProperty({ pattern: '^[A-Za-z0-9-]{1,20}$', description: 'A service-area code, never an address' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,20}$/, { message: 'must be a service-area code' })
  area!: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() occurredAt!: string;
  @ApiProperty({ required: false, minLength: 1, maxLength: 2000, description: 'Screened for identifiers' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  narrative?: string;
  @ApiProperty({ required: false, minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  requestedAction?: string;
  /** Remove identifiers found in the narrative instead of refusing. */
  @ApiProperty({ required: false, description: 'Remove identifiers found in the narrative instead of refusing' })
  @IsOptional()
  @IsIn([true, false])
  redact?: boolean;
}

/** What a sent concern answers: the disclosure it became and which fields the flow released. */
export class SentConcernDto {
  @ApiProperty({ format: 'uuid' }) disclosureId!: string;
  @ApiProperty({ type: [String], description: 'Field names released to the recipient' }) fieldsReleased!: string[];
  @ApiProperty({ type: [String], description: 'Field names the agreement withheld' }) fieldsWithheld!: string[];
}
