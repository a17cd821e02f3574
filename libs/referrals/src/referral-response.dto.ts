import { ApiExtraModels, ApiProperty, type ApiPropertyOptions, getSchemaPath } from '@nestjs/swagger';
import {
  CONSENT_BASES,
  type CoarseStatus,
  DECLINE_REASONS,
  PARTNER_TARGETS,
  type ReferralStatus,
} from './referral-lifecycle';
import type { PersonRecord } from './referral-sealing';
import type { PartnerReferralView, PoliceReferralView } from './referrals.service';

/*
 * The OpenAPI description of what the referral routes answer. Each class
 * implements the service's own view type, so a field added there and not here fails to compile.
 */

const REFERRAL_STATUSES: ReferralStatus[] = [
  'sent',
  'retracted',
  'accepted',
  'declined',
  'assigned',
  'contact_attempted',
  'engaged',
  'unable_to_reach',
  'refused_services',
  'closed',
];
const COARSE_STATUSES: CoarseStatus[] = ['pending', 'engaged', 'not_engaged', 'closed'];
const RELEASED = { type: [String], description: 'Field names released to the recipient' } satisfies ApiPropertyOptions;
const WITHHELD = { type: [String], description: 'Field names the agreement withheld' } satisfies ApiPropertyOptions;

export class CreatedReferralDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: "The partner's copy" }) disclosureId!: string;
  @ApiProperty(RELEASED) fieldsReleased!: string[];
  @ApiProperty(WITHHELD) fieldsWithheld!: string[];
}

/** Decrypted personal data: each field only when held (and, on the partner side, released). */
export class ReferredPersonRecordDto implements PersonRecord {
  @ApiProperty({ required: false }) name?: string;
  @ApiProperty({ required: false }) contact?: string;
  @ApiProperty({ required: false, description: 'YYYY-MM-DD' }) dateOfBirth?: string;
  @ApiProperty({
    required: false,
    description: 'Years as text, or an age band such as 15-19 where the agreement says so',
  })
  age?: string;
  @ApiProperty({ required: false }) reason?: string;
  @ApiProperty({ required: false, description: 'A JSON array of strings, as text' }) riskFactors?: string;
}

export class ReferralConsentDto {
  @ApiProperty({ type: String, enum: CONSENT_BASES, nullable: true }) basis!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'YYYY-MM-DD' }) givenOn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'YYYY-MM-DD' }) expiresOn!: string | null;
  @ApiProperty({ type: Date, nullable: true }) withdrawnAt!: Date | null;
}

export class ReferralStatusBackDto {
  @ApiProperty({ enum: COARSE_STATUSES }) status!: CoarseStatus;
  @ApiProperty({ description: 'When the partner last moved it (ISO 8601; empty when unknown)' }) updatedAt!: string;
}

/** The sending (police) side's view: its own record, and only the coarse status a flow lets back. */
export class PoliceReferralDto implements PoliceReferralView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty({ format: 'uuid' }) recipientOrgId!: string;
  @ApiProperty({ type: () => ReferredPersonRecordDto }) person!: ReferredPersonRecordDto;
  @ApiProperty({ type: () => ReferralConsentDto }) consent!: ReferralConsentDto;
  @ApiProperty() retracted!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({
    type: () => ReferralStatusBackDto,
    nullable: true,
    description: 'Null unless a referral_status flow lets it back and the partner moved the referral',
  })
  statusBack!: ReferralStatusBackDto | null;
}

/** The receiving (partner) side's view: the released fields of its copy and its own lifecycle. */
export class PartnerReferralDto implements PartnerReferralView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty({ format: 'uuid' }) senderOrgId!: string;
  @ApiProperty({ type: () => ReferredPersonRecordDto }) person!: ReferredPersonRecordDto;
  @ApiProperty({ type: String, enum: CONSENT_BASES, nullable: true }) consentBasis!: string | null;
  @ApiProperty({
    enum: REFERRAL_STATUSES,
    description:
      'sent → accepted | declined → assigned → contact_attempted → engaged | unable_to_reach | ' +
      'refused_services → closed',
  })
  status!: ReferralStatus;
  @ApiProperty({ type: String, enum: DECLINE_REASONS, nullable: true }) declineReason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The assigned worker' }) assignedTo!:
    string | null;
  @ApiProperty() receivedAt!: Date;
  @ApiProperty({ description: 'Another open referral to this organization probably names the same person' })
  possibleDuplicate!: boolean;
  @ApiProperty({
    enum: PARTNER_TARGETS,
    isArray: true,
    description:
      'The steps the caller may take now (POST /referrals/{referralId}/transitions), outcomes first; the API ' +
      'checks each request again',
  })
  nextSteps!: ReferralStatus[];
}

export class CreatedNoteDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() createdAt!: Date;
}

export class ReferralNoteDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null once purged by retention' }) body!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class ReferralNoteListDto {
  @ApiProperty({ type: () => [ReferralNoteDto], description: 'Oldest first' }) items!: ReferralNoteDto[];
}

/** Either side's view: the sender sees a PoliceReferralDto, the recipient a PartnerReferralDto. */
export const REFERRAL_VIEW = {
  oneOf: [{ $ref: getSchemaPath(PoliceReferralDto) }, { $ref: getSchemaPath(PartnerReferralDto) }],
};

@ApiExtraModels(PoliceReferralDto, PartnerReferralDto)
export class ReferralListDto {
  @ApiProperty({
    type: 'array',
    items: REFERRAL_VIEW,
    description: 'Newest first, at most 100; a worker sees only the referrals assigned to them',
  })
  items!: (PoliceReferralDto | PartnerReferralDto)[];
}
