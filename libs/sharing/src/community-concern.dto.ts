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

/** A concern the caller's organization sent, as the sender may follow it: when, and whether acknowledged in time. */
export class SentConcernSummaryDto {
  @ApiProperty({ format: 'uuid' }) disclosureId!: string;
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty({ description: 'The police organization it went to' }) recipientOrgName!: string;
  @ApiProperty({
    type: String,
    enum: ['rising_tension', 'retaliation_risk', 'coordinate_walk', 'other'],
    nullable: true,
    description: 'Null once the payload is purged at retention',
  })
  concernType!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The service-area code; null once purged' })
  area!: string | null;
  @ApiProperty() sentAt!: Date;
  @ApiProperty({ type: Date, nullable: true, description: 'The police are expected to acknowledge by then' })
  ackDueAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'When the department acknowledged it (never who)' })
  acknowledgedAt!: Date | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Acknowledged within the deadline; null until acknowledged',
  })
  slaMet!: boolean | null;
  @ApiProperty({
    type: Date,
    nullable: true,
    description: 'When the deadline passed unacknowledged and it was escalated',
  })
  escalatedAt!: Date | null;
}

export class SentConcernListDto {
  @ApiProperty({ type: () => [SentConcernSummaryDto], description: 'Newest first, at most 100' })
  items!: SentConcernSummaryDto[];
}
