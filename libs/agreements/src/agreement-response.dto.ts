import { ApiExtraModels, ApiProperty, type ApiPropertyOptions, getSchemaPath } from '@nestjs/swagger';
import type {
  AuditBundle,
  AuditCheckpoint,
  AuditDetailValue,
  PlainChainEntry,
  Sealed,
  SealedChainEntry,
  WithheldChainEntry,
} from '@accord/audit';
import type { AgreementTemplate, ParameterChange, SharingParameters } from '@accord/policy';
import { VersionStatus } from './agreement-version.entity';
import type { AgreementView, VersionView } from './agreements.service';
import type { BoardAuditEntry } from './board.service';
import { LEGAL_HOLD_REASONS } from './legal-hold.entity';

/*
 * The OpenAPI description of what the agreement, board and legal-hold routes answer. Each class
 * implements the service's own view type, so a field added there and not here fails to compile.
 */

const SHARING_PARAMETERS = {
  type: Object,
  additionalProperties: true,
  description: '`{ flows: [...] }`, valid against policies/sharing-parameters.schema.json',
} satisfies ApiPropertyOptions;

export class ApprovalDto {
  @ApiProperty({ format: 'uuid', description: 'The approving organization (never the person)' }) orgId!: string;
  @ApiProperty() approvedAt!: Date;
}

export class AgreementVersionDto implements VersionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @ApiProperty({
    enum: VersionStatus,
    enumName: 'AgreementVersionStatus',
    description: 'draft → proposed → active → superseded | suspended | terminated | expired; withdrawn',
  })
  status!: VersionStatus;
  @ApiProperty({ enum: ['one_way', 'two_way'] }) direction!: 'one_way' | 'two_way';
  @ApiProperty(SHARING_PARAMETERS) sharingParameters!: SharingParameters;
  @ApiProperty({ type: String, format: 'uuid', isArray: true }) boardMemberIds!: string[];
  @ApiProperty({ type: Date, nullable: true }) effectiveUntil!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) proposedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) activatedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) endedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) endReason!: string | null;
  @ApiProperty({ type: () => [ApprovalDto] }) approvals!: ApprovalDto[];
}

export class AgreementAuditKeyDto {
  @ApiProperty({ description: 'First 16 hex characters of the fingerprint; checkpoints name it' }) keyId!: string;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'Hex SHA-256 of the raw Ed25519 public key' })
  fingerprint!: string;
}

export class AgreementDto implements AgreementView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) policeOrgId!: string;
  @ApiProperty({ description: 'The police department’s name (both parties see both names)' }) policeOrgName!: string;
  @ApiProperty({ format: 'uuid' }) partnerOrgId!: string;
  @ApiProperty({ description: 'The partner organization’s name (both parties see both names)' })
  partnerOrgName!: string;
  @ApiProperty({ type: Date, nullable: true }) terminatedAt!: Date | null;
  @ApiProperty({
    type: () => AgreementAuditKeyDto,
    description: 'The partnership’s audit key: boards verify bundles with it (GET /agreements/:id/audit/public-key)',
  })
  auditKey!: AgreementAuditKeyDto;
  @ApiProperty({ type: () => [AgreementVersionDto], description: 'Oldest first' }) versions!: AgreementVersionDto[];
}

export class AgreementTemplateDto implements AgreementTemplate {
  @ApiProperty({ description: 'File name in policies/templates without extension; pass as templateKey' }) key!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty(SHARING_PARAMETERS) sharingParameters!: SharingParameters;
}

/** Any JSON value: the parameter as it was or is. */
const ANY_JSON = {
  oneOf: [
    { type: 'string', nullable: true },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'object', additionalProperties: true },
    { type: 'array', items: {} },
  ],
} satisfies ApiPropertyOptions;

export class ParameterChangeDto implements ParameterChange {
  @ApiProperty({ description: '`flow shooting-alerts`, `flow shooting-alerts › fields.location`, …' }) path!: string;
  @ApiProperty({ enum: ['added', 'removed', 'changed'] }) change!: 'added' | 'removed' | 'changed';
  @ApiProperty({ required: false, ...ANY_JSON }) before?: unknown;
  @ApiProperty({ required: false, ...ANY_JSON }) after?: unknown;
}

export class LegalHoldDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty({ enum: LEGAL_HOLD_REASONS }) reason!: string;
  @ApiProperty() setAt!: Date;
}

export class LiftedLegalHoldDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() liftedAt!: Date;
}

export class BoardAuditEntryDto implements BoardAuditEntry {
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorOrgId!: string | null;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiProperty({ description: 'An action code such as disclosure.read' }) action!: string;
  @ApiProperty() subjectType!: string;
  @ApiProperty({ type: String, nullable: true }) subjectId!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) agreementVersion!: number | null;
  @ApiProperty() outcome!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: [String] }) fieldsReleased!: string[];
  @ApiProperty({ type: [String] }) fieldsWithheld!: string[];
}

export class AuditSearchResultDto {
  @ApiProperty({ type: () => [BoardAuditEntryDto] }) entries!: BoardAuditEntryDto[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor!: number | null;
}

export class AuditPublicKeyDto {
  @ApiProperty({ description: 'First 16 hex characters of the fingerprint' }) keyId!: string;
  @ApiProperty({ description: 'SPKI PEM of the Ed25519 public key' }) pem!: string;
}

/** The partnership's published audit key (GET /agreements/:id/audit/public-key). */
export class PartnershipAuditKeyDto extends AuditPublicKeyDto {
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: 'Ed25519';
  @ApiProperty({
    pattern: '^[0-9a-f]{64}$',
    description: 'Hex SHA-256 of the raw 32-byte public key: compare it with the one shown on the agreement',
  })
  fingerprint!: string;
}

const HEX_HASH = { pattern: '^[0-9a-f]{64}$' } satisfies ApiPropertyOptions;

export class AuditCheckpointDto implements AuditCheckpoint {
  @ApiProperty() stream!: string;
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty(HEX_HASH) hash!: string;
  @ApiProperty({ type: 'integer', description: 'Milliseconds since the epoch' }) signedAtMs!: number;
  @ApiProperty() keyId!: string;
  @ApiProperty({ description: 'Base64 of the Ed25519 signature' }) signature!: string;
  @ApiProperty({
    required: false,
    enum: [1, 2],
    description: 'Absent or 1: the head only is signed; 2: the span since the previous checkpoint too',
  })
  format?: 1 | 2;
  @ApiProperty({
    required: false,
    type: 'integer',
    description: 'Format 2: the first seq the span covers (the previous checkpoint is at fromSeq − 1)',
  })
  fromSeq?: number;
  @ApiProperty({
    required: false,
    ...HEX_HASH,
    description: 'Format 2: hex SHA-256 of the JSON array spanHashes (signed)',
  })
  spanDigest?: string;
  @ApiProperty({ required: false, type: [String], description: 'Format 2: the hashes of entries fromSeq…seq' })
  spanHashes?: string[];
}

const DETAIL_VALUE = { oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }] };

/**
 * One private field of a format-2 entry: `value` and `salt` when this party may read it, else only
 * `commitment`. The entry hash covers the commitment: hex SHA-256 of "accord-audit-commit/v2:" + salt + ":" + the value
 * as JSON.
 */
export class AuditSealedValueDto {
  @ApiProperty({
    required: false,
    ...DETAIL_VALUE,
    description: 'The value, when this party may read it (a string for the top-level fields)',
  })
  value?: AuditDetailValue;
  @ApiProperty({ required: false, ...HEX_HASH, description: 'With value: its salt' }) salt?: string;
  @ApiProperty({ required: false, ...HEX_HASH, description: 'Instead of value and salt: the commitment alone' })
  commitment?: string;
}

const SEALED_NULLABLE = { type: () => AuditSealedValueDto, nullable: true } satisfies ApiPropertyOptions;

/** Entry fields both parties read, whatever the format. */
class AuditEntryPublicFieldsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() stream!: string;
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty(HEX_HASH) prevHash!: string;
  @ApiProperty(HEX_HASH) hash!: string;
  @ApiProperty({ type: 'integer', description: 'Milliseconds since the epoch' }) occurredAtMs!: number;
  @ApiProperty({ type: String, nullable: true }) actorOrgId!: string | null;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiProperty() action!: string;
  @ApiProperty() subjectType!: string;
  @ApiProperty({ type: String, nullable: true }) subjectId!: string | null;
  @ApiProperty({ type: String, nullable: true }) agreementId!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) agreementVersion!: number | null;
  @ApiProperty() outcome!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: [String] }) fieldsReleased!: string[];
  @ApiProperty({ type: [String] }) fieldsWithheld!: string[];
}

/** A format-2 entry: each private field is its value with its salt, or only its commitment. */
export class AuditSealedEntryDto extends AuditEntryPublicFieldsDto implements SealedChainEntry {
  @ApiProperty({ enum: [2] }) format!: 2;
  @ApiProperty(SEALED_NULLABLE) actorUserId!: Sealed<string> | null;
  @ApiProperty(SEALED_NULLABLE) requestId!: Sealed<string> | null;
  @ApiProperty(SEALED_NULLABLE) sourceIp!: Sealed<string> | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: { $ref: getSchemaPath(AuditSealedValueDto) } })
  details!: Record<string, Sealed<AuditDetailValue>> | null;
}

/** A format-1 entry nothing of which is private to the reader, whole. */
export class AuditChainEntryDto extends AuditEntryPublicFieldsDto implements PlainChainEntry {
  @ApiProperty({ enum: [1] }) format!: 1;
  @ApiProperty({ type: String, nullable: true }) actorUserId!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true }) sourceIp!: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: DETAIL_VALUE }) details!: Record<
    string,
    AuditDetailValue
  > | null;
}

/** A format-1 entry with something private to the reader: only its place in the chain. */
export class AuditWithheldEntryDto implements WithheldChainEntry {
  @ApiProperty({ enum: [1] }) format!: 1;
  @ApiProperty({ enum: [true] }) withheld!: true;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() stream!: string;
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty(HEX_HASH) prevHash!: string;
  @ApiProperty(HEX_HASH) hash!: string;
}

export class AuditBundleAudienceDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The organization the bundle was made for: its own entries whole, the other party’s sealed',
  })
  orgId!: string;
}

@ApiExtraModels(AuditSealedValueDto, AuditSealedEntryDto, AuditChainEntryDto, AuditWithheldEntryDto)
export class AuditBundleDto implements AuditBundle {
  @ApiProperty({ enum: ['accord-audit-bundle/v2'] }) format!: 'accord-audit-bundle/v2';
  @ApiProperty() stream!: string;
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ type: () => AuditBundleAudienceDto, nullable: true }) audience!: AuditBundleAudienceDto | null;
  @ApiProperty({ type: () => [AuditPublicKeyDto] }) publicKeys!: AuditPublicKeyDto[];
  @ApiProperty({
    type: () => [AuditCheckpointDto],
    description: 'The last one signs the bundle’s last entry (signed at export)',
  })
  checkpoints!: AuditCheckpointDto[];
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [
        { $ref: getSchemaPath(AuditSealedEntryDto) },
        { $ref: getSchemaPath(AuditChainEntryDto) },
        { $ref: getSchemaPath(AuditWithheldEntryDto) },
      ],
    },
    description: 'Verify offline with `npm run audit:verify -- --bundle FILE [--previous OLD_FILE]`',
  })
  entries!: Array<AuditSealedEntryDto | AuditChainEntryDto | AuditWithheldEntryDto>;
}
