import { ApiExtraModels, ApiProperty, type ApiPropertyOptions, getSchemaPath } from '@nestjs/swagger';
import { DisclosureStatus } from './disclosure.entity';
import type { GeneralizedLocation } from './generalization';
import type { DisclosureView, InboxItem } from './inbox.service';
import {
  INCIDENT_NOTIFICATION_FIELDS,
  type IncidentNotificationPayload,
  type TextFindings,
  type WithheldField,
} from './incident-disclosure';
import type { IdentifierFinding, IdentifierKind } from './identifier-screening';
import { RESPONSE_TYPES, SERVICE_TYPES } from './sharing.dto';
import type { IncidentLocation, IncidentVictim } from './incident';
import type {
  CorrectionRevision,
  IncidentDisclosureCounts,
  IncidentPage,
  IncidentSummary,
  IncidentView,
  PreviewItem,
  SentDisclosureView,
  ShareResultItem,
} from './sharing.service';

/*
 * The OpenAPI description of what the incident and inbox routes answer. Each class implements the
 * service's own view type, so a field added there and not here fails to compile.
 */

const IDENTIFIER_KINDS: IdentifierKind[] = [
  'phone',
  'email',
  'date_of_birth',
  'street_address',
  'case_number',
  'name_on_record',
];
const CATEGORY = {
  description: 'incident_notification, referral, referral_status or community_concern',
} satisfies ApiPropertyOptions;
const PAYLOAD = {
  type: Object,
  additionalProperties: true,
  description:
    'Only the released fields, already generalized (for incident_notification an IncidentNotificationPayloadDto)',
} satisfies ApiPropertyOptions;

const REVISION = {
  type: 'integer',
  minimum: 1,
  description: '1 as first shared; each correction of the incident sends the next revision',
} satisfies ApiPropertyOptions;
const REVISION_OF = {
  type: String,
  format: 'uuid',
  nullable: true,
  description: 'The disclosure this revision updates (the same alert); null for the first',
} satisfies ApiPropertyOptions;
const NEXT_CURSOR = {
  type: String,
  format: 'uuid',
  nullable: true,
  description: 'Pass as `cursor` for the next page; null on the last',
} satisfies ApiPropertyOptions;

export class CreatedIncidentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class IdentifierFindingDto implements IdentifierFinding {
  @ApiProperty({ enum: IDENTIFIER_KINDS }) kind!: IdentifierKind;
  @ApiProperty({ type: 'integer', description: 'Offset of the first character in the text' }) start!: number;
  @ApiProperty({ type: 'integer', description: 'Offset after the last character' }) end!: number;
}

export class TextFindingsDto implements TextFindings {
  @ApiProperty({ enum: ['narrative', 'requestedResponse'] }) field!: 'narrative' | 'requestedResponse';
  @ApiProperty({ type: () => [IdentifierFindingDto] }) findings!: IdentifierFindingDto[];
}

export class WithheldFieldDto implements WithheldField {
  @ApiProperty({ enum: INCIDENT_NOTIFICATION_FIELDS }) field!: WithheldField['field'];
  @ApiProperty({ enum: ['not_in_agreement', 'precision_none', 'empty'] }) reason!: WithheldField['reason'];
}

export class PreviewItemDto implements PreviewItem {
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty({ type: 'integer' }) agreementVersion!: number;
  @ApiProperty() flowId!: string;
  @ApiProperty({ format: 'uuid' }) recipientOrgId!: string;
  @ApiProperty() recipientOrgName!: string;
  @ApiProperty({ description: 'False when free text holds identifiers and the sender has not chosen redaction' })
  ok!: boolean;
  @ApiProperty({ ...PAYLOAD, required: false, description: 'What this recipient would see (absent when not ok)' })
  payload?: Record<string, unknown>;
  @ApiProperty({ type: [String] }) fieldsReleased!: string[];
  @ApiProperty({ type: () => [WithheldFieldDto] }) fieldsWithheld!: WithheldFieldDto[];
  @ApiProperty({ type: () => [TextFindingsDto] }) findings!: TextFindingsDto[];
}

export class ShareResultItemDto implements ShareResultItem {
  @ApiProperty({ format: 'uuid' }) disclosureId!: string;
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty({ type: 'integer' }) agreementVersion!: number;
  @ApiProperty({ format: 'uuid' }) recipientOrgId!: string;
  @ApiProperty({ type: [String] }) fieldsReleased!: string[];
  @ApiProperty({ type: [String] }) fieldsWithheld!: string[];
  @ApiProperty({ description: 'The same share was already made: nothing new was written' }) alreadyShared!: boolean;
}

export class SentDisclosureDto implements SentDisclosureView {
  @ApiProperty({ format: 'uuid' }) disclosureId!: string;
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty({ type: 'integer' }) agreementVersion!: number;
  @ApiProperty({ format: 'uuid' }) recipientOrgId!: string;
  @ApiProperty() recipientOrgName!: string;
  @ApiProperty(REVISION) revision!: number;
  @ApiProperty(REVISION_OF) revisionOf!: string | null;
  @ApiProperty({
    enum: DisclosureStatus,
    enumName: 'DisclosureStatus',
    description: 'pending → delivered; withheld when the agreement stopped first; purged past retention',
  })
  status!: DisclosureStatus;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) deliveredAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) acknowledgedAt!: Date | null;
  @ApiProperty({
    type: Date,
    nullable: true,
    description: 'The acknowledgement deadline; null when the flow sets none',
  })
  acknowledgementDueAt!: Date | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Acknowledged within the agreed hours; null while open or without a deadline',
  })
  slaMet!: boolean | null;
  @ApiProperty({ description: 'Still unacknowledged after its deadline, and still pending or delivered' })
  overdue!: boolean;
  @ApiProperty({
    type: Date,
    nullable: true,
    description: "When the deadline passed unacknowledged and the partner's escalation ran",
  })
  escalatedAt!: Date | null;
}

export class CorrectionRevisionDto implements CorrectionRevision {
  @ApiProperty({ format: 'uuid' }) disclosureId!: string;
  @ApiProperty(REVISION) revision!: number;
  @ApiProperty({ format: 'uuid', description: 'The disclosure this revision updates' }) revisionOf!: string;
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty({ type: 'integer' }) agreementVersion!: number;
  @ApiProperty({ format: 'uuid' }) recipientOrgId!: string;
  @ApiProperty({ type: [String] }) fieldsReleased!: string[];
  @ApiProperty({ type: [String] }) fieldsWithheld!: string[];
}

export class IncidentDisclosureCountsDto implements IncidentDisclosureCounts {
  @ApiProperty({ type: 'integer', description: 'Alerts sent (a corrected one once), whatever their status' })
  shared!: number;
  @ApiProperty({ type: 'integer' }) acknowledged!: number;
  @ApiProperty({ type: 'integer', description: 'Unacknowledged past their deadline (pending or delivered)' })
  overdue!: number;
}

export class IncidentSummaryDto implements IncidentSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['shooting', 'homicide'] }) type!: 'shooting' | 'homicide';
  @ApiProperty() occurredAt!: Date;
  @ApiProperty() serviceArea!: string;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'unknown'] }) retaliationRisk!: IncidentSummary['retaliationRisk'];
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: () => IncidentDisclosureCountsDto }) disclosures!: IncidentDisclosureCountsDto;
}

export class IncidentPageDto implements IncidentPage {
  @ApiProperty({ type: () => [IncidentSummaryDto], description: 'Newest occurrence first' })
  items!: IncidentSummaryDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor!: string | null;
}

export class IncidentRecordLocationDto implements IncidentLocation {
  @ApiProperty() latitude!: number;
  @ApiProperty() longitude!: number;
  @ApiProperty({ required: false }) houseNumber?: string;
  @ApiProperty() street!: string;
  @ApiProperty() serviceArea!: string;
}

export class IncidentRecordVictimDto implements IncidentVictim {
  @ApiProperty({ type: 'integer', nullable: true }) age!: number | null;
  @ApiProperty() fatal!: boolean;
  @ApiProperty({ required: false }) name?: string;
}

/** The police's own record: every field as recorded, and each disclosure made of it. */
export class IncidentDetailDto implements IncidentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['shooting', 'homicide'] }) type!: 'shooting' | 'homicide';
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({ type: () => IncidentRecordLocationDto }) location!: IncidentRecordLocationDto;
  @ApiProperty({ type: () => [IncidentRecordVictimDto] }) victims!: IncidentRecordVictimDto[];
  @ApiProperty({ type: String, nullable: true }) hospital!: string | null;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'unknown'] }) retaliationRisk!: IncidentView['retaliationRisk'];
  @ApiProperty({ type: String, nullable: true }) narrative!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestedResponse!: string | null;
  @ApiProperty({ type: String, nullable: true }) caseNumber!: string | null;
  @ApiProperty({ type: [String] }) otherNames!: string[];
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: () => [SentDisclosureDto], description: 'Oldest first' }) disclosures!: SentDisclosureDto[];
}

export class InboxItemDto implements InboxItem {
  @ApiProperty({ format: 'uuid' }) disclosureId!: string;
  @ApiProperty(CATEGORY) category!: string;
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty({ type: 'integer' }) agreementVersion!: number;
  @ApiProperty({ format: 'uuid' }) senderOrgId!: string;
  @ApiProperty(REVISION) revision!: number;
  @ApiProperty(REVISION_OF) revisionOf!: string | null;
  @ApiProperty() receivedAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) readAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) acknowledgedAt!: Date | null;
  @ApiProperty({
    type: Date,
    nullable: true,
    description:
      'Acknowledge before this (the agreement’s response expectation; for a referral assigned to the caller, ' +
      'counted from the assignment)',
  })
  ackDueAt!: Date | null;
  @ApiProperty({
    required: false,
    format: 'uuid',
    description:
      'Category referral only: open it with GET /referrals/{referralId} (the payload is sealed and not ' +
      'returned by the inbox)',
  })
  referralId?: string;
}

export class InboxPageDto {
  @ApiProperty({ type: () => [InboxItemDto], description: 'Newest first' }) items!: InboxItemDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor!: string | null;
}

type RecordedResponse = NonNullable<DisclosureView['response']>;

export class RecordedResponseDto implements RecordedResponse {
  @ApiProperty() responded!: boolean;
  @ApiProperty({ enum: RESPONSE_TYPES, isArray: true }) responseTypes!: string[];
  @ApiProperty({ type: Date, nullable: true }) startedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) endedAt!: Date | null;
  @ApiProperty({ enum: SERVICE_TYPES, isArray: true }) services!: string[];
  @ApiProperty({ type: Date, nullable: true }) followUpDueAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) followUpDoneAt!: Date | null;
  @ApiProperty() updatedAt!: Date;
}

export class GeneralizedLocationDto {
  @ApiProperty({ enum: ['exact', 'block', 'grid', 'area'], description: 'Which of the other fields are present' })
  precision!: 'exact' | 'block' | 'grid' | 'area';
  @ApiProperty() serviceArea!: string;
  @ApiProperty({ required: false, description: 'exact only' }) latitude?: number;
  @ApiProperty({ required: false, description: 'exact only' }) longitude?: number;
  @ApiProperty({ required: false, description: 'exact only' }) address?: string;
  @ApiProperty({ required: false, description: 'block only: "1200 block of W Division St"' }) block?: string;
  @ApiProperty({ required: false, description: 'grid only: the H3 cell' }) cell?: string;
  @ApiProperty({ required: false, type: 'integer', description: 'grid only: the H3 resolution' }) resolution?: number;
}

/** The payload of an incident_notification disclosure: each field only when the agreement releases it. */
export class IncidentNotificationPayloadDto implements IncidentNotificationPayload {
  @ApiProperty({ required: false, enum: ['shooting', 'homicide'] }) incidentType?: string;
  @ApiProperty({ required: false, description: 'ISO 8601, at the agreed precision (exact, hour or day)' })
  occurredAt?: string;
  @ApiProperty({ required: false, type: () => GeneralizedLocationDto }) location?: GeneralizedLocation;
  @ApiProperty({ required: false, type: 'integer' }) victimCount?: number;
  @ApiProperty({ required: false, type: [String], description: 'Five-year age bands such as 15-19, or unknown' })
  victimAgeBands?: string[];
  @ApiProperty({ required: false }) fatal?: boolean;
  @ApiProperty({ required: false, type: String, nullable: true }) hospital?: string | null;
  @ApiProperty({ required: false, enum: ['low', 'medium', 'high', 'unknown'] }) retaliationRisk?: string;
  @ApiProperty({ required: false, type: String, nullable: true, description: 'Screened for identifiers' }) narrative?:
    string | null;
  @ApiProperty({ required: false, type: String, nullable: true }) requestedResponse?: string | null;
}

@ApiExtraModels(IncidentNotificationPayloadDto)
export class DisclosureDto extends InboxItemDto implements DisclosureView {
  @ApiProperty({
    description:
      'Only the released fields, already generalized: an IncidentNotificationPayloadDto for ' +
      'incident_notification, another object per category',
    anyOf: [
      { $ref: getSchemaPath(IncidentNotificationPayloadDto) },
      { type: 'object', additionalProperties: true, nullable: true },
    ],
  })
  payload!: Record<string, unknown> | null;
  @ApiProperty({ type: [String] }) fieldsReleased!: string[];
  @ApiProperty({ type: [String] }) fieldsWithheld!: string[];
  @ApiProperty({
    type: () => RecordedResponseDto,
    nullable: true,
    description: "The partner's own record of its response; never shown to the sender",
  })
  response!: RecordedResponseDto | null;
}
