import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { NotBefore } from '@accord/http';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class VictimDto {
  @ApiProperty({ required: false, type: 'integer', minimum: 0, maximum: 120, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  age!: number | null;
  @ApiProperty() @IsBoolean() fatal!: boolean;
  /** Stays on the police record; used only to screen free text before anything leaves. */
  @ApiProperty({
    required: false,
    minLength: 1,
    maxLength: 200,
    description: 'Stays on the police record; only used to screen free text',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
}

export class IncidentLocationDto {
  @ApiProperty({ minimum: -90, maximum: 90 }) @IsLatitude() latitude!: number;
  @ApiProperty({ minimum: -180, maximum: 180 }) @IsLongitude() longitude!: number;
  @ApiProperty({ required: false, pattern: '^\\d{1,6}[A-Za-z]?$' })
  @IsOptional()
  @Matches(/^\d{1,6}[A-Za-z]?$/, { message: 'must be a house number' })
  houseNumber?: string;
  @ApiProperty({ minLength: 1, maxLength: 200 }) @IsString() @Length(1, 200) street!: string;
  @ApiProperty({
    required: false,
    pattern: '^[A-Za-z0-9_-]{1,32}$',
    description:
      'A service-area code; ignored when the organization has service areas loaded (it is derived from the point), ' +
      'required when it has none',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'must be a service-area code' })
  serviceArea?: string;
}

export class CreateIncidentDto {
  @ApiProperty({ enum: ['shooting', 'homicide'] }) @IsIn(['shooting', 'homicide']) type!: 'shooting' | 'homicide';
  @ApiProperty({ format: 'date-time' }) @IsDateString() occurredAt!: string;
  @ApiProperty({ type: () => IncidentLocationDto })
  @ValidateNested()
  @Type(() => IncidentLocationDto)
  location!: IncidentLocationDto;
  @ApiProperty({ type: () => [VictimDto], maxItems: 50 })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => VictimDto)
  victims!: VictimDto[];
  @ApiProperty({ required: false, minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  hospital?: string;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'unknown'] })
  @IsIn(['low', 'medium', 'high', 'unknown'])
  retaliationRisk!: 'low' | 'medium' | 'high' | 'unknown';
  @ApiProperty({ required: false, maxLength: 4000, description: 'Screened for identifiers before anything is shared' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  narrative?: string;
  @ApiProperty({ required: false, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  requestedResponse?: string;
  @ApiProperty({ required: false, minLength: 1, maxLength: 64, description: 'Stays on the police record' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  caseNumber?: string;
  @ApiProperty({
    required: false,
    type: [String],
    maxItems: 50,
    description: 'Other names on the record (suspects, witnesses): stay on the record, screen free text',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  otherNames?: string[];
}

/**
 * A correction of the record after sharing (a victim later died, a wrong time): each field given
 * replaces the recorded one, and `null` clears an optional one (hospital, narrative, requested
 * response, case number); the correction goes to recipients as a new revision of their alert.
 */
export class CorrectIncidentDto extends PartialType(
  OmitType(CreateIncidentDto, ['hospital', 'narrative', 'requestedResponse', 'caseNumber'] as const),
) {
  @ApiProperty({
    type: String,
    required: false,
    minLength: 1,
    maxLength: 200,
    nullable: true,
    description: 'null clears it',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  hospital?: string | null;
  @ApiProperty({
    type: String,
    required: false,
    maxLength: 4000,
    nullable: true,
    description: 'Screened for identifiers before anything is shared; null clears it',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  narrative?: string | null;
  @ApiProperty({ type: String, required: false, maxLength: 200, nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  requestedResponse?: string | null;
  @ApiProperty({
    type: String,
    required: false,
    minLength: 1,
    maxLength: 64,
    nullable: true,
    description: 'null clears it',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  caseNumber?: string | null;

  @ApiProperty({
    description: 'Replace identifiers found in free text with markers instead of refusing the correction',
  })
  @IsBoolean()
  redact!: boolean;
}

export class ShareIncidentDto {
  /** Replace identifiers found in free text with markers instead of refusing the share. */
  @ApiProperty({ description: 'Replace identifiers found in free text with markers instead of refusing the share' })
  @IsBoolean()
  redact!: boolean;
}

/** Keyset paging, the same for every list: the previous page's `nextCursor` and a page size. */
export class PageQueryDto {
  @ApiProperty({ required: false, format: 'uuid', description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @IsUUID('4')
  cursor?: string;
  @ApiProperty({ required: false, type: 'integer', minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class InboxQueryDto extends PageQueryDto {
  @ApiProperty({ required: false, enum: ['unacknowledged', 'all'], default: 'all' })
  @IsOptional()
  @IsIn(['unacknowledged', 'all'])
  filter?: 'unacknowledged' | 'all';
}

/** The police's own incidents, newest occurrence first; every filter narrows, none widens. */
export class IncidentsQueryDto extends PageQueryDto {
  @ApiProperty({ required: false, format: 'date-time', description: 'Occurred at or after this instant' })
  @IsOptional()
  @IsDateString()
  occurredFrom?: string;
  @ApiProperty({
    required: false,
    format: 'date-time',
    description: 'Occurred at or before this instant (not before occurredFrom)',
  })
  @IsOptional()
  @IsDateString()
  @NotBefore('occurredFrom')
  occurredTo?: string;
  @ApiProperty({ required: false, pattern: '^[A-Za-z0-9_-]{1,32}$', description: 'A service-area code' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'must be a service-area code' })
  serviceArea?: string;
  @ApiProperty({ required: false, enum: ['shooting', 'homicide'] })
  @IsOptional()
  @IsIn(['shooting', 'homicide'])
  type?: 'shooting' | 'homicide';
}

export const RESPONSE_TYPES = [
  'hospital_visit',
  'post_incident_walk',
  'family_contact',
  'mediation',
  'vigil_support',
  'other',
] as const;
export const SERVICE_TYPES = [
  'housing',
  'employment',
  'mental_health',
  'substance_use',
  'legal',
  'education',
  'relocation',
  'victim_services',
  'other',
] as const;

export class RecordResponseDto {
  @ApiProperty() @IsBoolean() responded!: boolean;
  @ApiProperty({ required: false, enum: RESPONSE_TYPES, isArray: true, maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(RESPONSE_TYPES, { each: true })
  responseTypes?: string[];
  @ApiProperty({ required: false, format: 'date-time' }) @IsOptional() @IsDateString() startedAt?: string;
  @ApiProperty({ required: false, format: 'date-time', description: 'Not before startedAt' })
  @IsOptional()
  @IsDateString()
  @NotBefore('startedAt')
  endedAt?: string;
  @ApiProperty({ required: false, enum: SERVICE_TYPES, isArray: true, maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(SERVICE_TYPES, { each: true })
  services?: string[];
  @ApiProperty({ required: false, format: 'date-time' }) @IsOptional() @IsDateString() followUpDueAt?: string;
  @ApiProperty({ required: false, format: 'date-time' }) @IsOptional() @IsDateString() followUpDoneAt?: string;
}
