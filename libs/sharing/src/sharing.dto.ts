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
  @IsOptional() @IsInt() @Min(0) @Max(120) age!: number | null;
  @IsBoolean() fatal!: boolean;
  /** Stays on the police record; used only to screen free text before anything leaves. */
  @IsOptional() @IsString() @Length(1, 200) name?: string;
}

export class IncidentLocationDto {
  @IsLatitude() latitude!: number;
  @IsLongitude() longitude!: number;
  @IsOptional() @Matches(/^\d{1,6}[A-Za-z]?$/, { message: 'must be a house number' }) houseNumber?: string;
  @IsString() @Length(1, 200) street!: string;
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'must be a service-area code' }) serviceArea!: string;
}

export class CreateIncidentDto {
  @IsIn(['shooting', 'homicide']) type!: 'shooting' | 'homicide';
  @IsDateString() occurredAt!: string;
  @ValidateNested() @Type(() => IncidentLocationDto) location!: IncidentLocationDto;
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => VictimDto) victims!: VictimDto[];
  @IsOptional() @IsString() @Length(1, 200) hospital?: string;
  @IsIn(['low', 'medium', 'high', 'unknown']) retaliationRisk!: 'low' | 'medium' | 'high' | 'unknown';
  @IsOptional() @IsString() @MaxLength(4000) narrative?: string;
  @IsOptional() @IsString() @MaxLength(200) requestedResponse?: string;
  @IsOptional() @IsString() @Length(1, 64) caseNumber?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 200, { each: true }) otherNames?: string[];
}

export class ShareIncidentDto {
  /** Replace identifiers found in free text with markers instead of refusing the share. */
  @IsBoolean() redact!: boolean;
}

export class InboxQueryDto {
  @IsOptional() @IsUUID('4') cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsIn(['unacknowledged', 'all']) filter?: 'unacknowledged' | 'all';
}

export const RESPONSE_TYPES = ['hospital_visit', 'post_incident_walk', 'family_contact', 'mediation', 'vigil_support', 'other'] as const;
export const SERVICE_TYPES = ['housing', 'employment', 'mental_health', 'substance_use', 'legal', 'education', 'relocation', 'victim_services', 'other'] as const;

export class RecordResponseDto {
  @IsBoolean() responded!: boolean;
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsIn(RESPONSE_TYPES, { each: true }) responseTypes?: string[];
  @IsOptional() @IsDateString() startedAt?: string;
  @IsOptional() @IsDateString() endedAt?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsIn(SERVICE_TYPES, { each: true }) services?: string[];
  @IsOptional() @IsDateString() followUpDueAt?: string;
  @IsOptional() @IsDateString() followUpDoneAt?: string;
}
