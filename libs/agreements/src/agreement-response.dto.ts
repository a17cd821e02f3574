import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { AuditBundle, AuditChainEntry, AuditCheckpoint, AuditDetailValue } from '@accord/audit';
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
  @ApiProperty({ enum: VersionStatus, enumName: 'AgreementVersionStatus', description: 'draft → proposed → active → superseded | suspended | terminated | expired; withdrawn' })
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

export class AgreementDto implements AgreementView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) policeOrgId!: string;
  @ApiProperty({ format: 'uuid' }) partnerOrgId!: string;
  @ApiProperty({ type: Date, nullable: true }) terminatedAt!: Date | null;
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
  oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }, { type: 'object', additionalProperties: true }, { type: 'array', items: {} }],
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
  @ApiProperty({ type: 'integer', nullable: true, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor!: number | null;
}

export class AuditPublicKeyDto {
  @ApiProperty() keyId!: string;
  @ApiProperty({ description: 'SPKI PEM of the Ed25519 public key' }) pem!: string;
}

export class AuditCheckpointDto implements AuditCheckpoint {
  @ApiProperty() stream!: string;
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty() hash!: string;
  @ApiProperty({ type: 'integer', description: 'Milliseconds since the epoch' }) signedAtMs!: number;
  @ApiProperty() keyId!: string;
  @ApiProperty({ description: 'Base64 of the Ed25519 signature' }) signature!: string;
}

export class AuditChainEntryDto implements AuditChainEntry {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() stream!: string;
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;
  @ApiProperty({ type: 'integer', description: 'Milliseconds since the epoch' }) occurredAtMs!: number;
  @ApiProperty({ type: String, nullable: true }) actorUserId!: string | null;
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
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true }) sourceIp!: string | null;
  @ApiProperty({ type: Object, nullable: true, additionalProperties: { oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }] } })
  details!: Record<string, AuditDetailValue> | null;
}

export class AuditBundleDto implements AuditBundle {
  @ApiProperty({ enum: ['accord-audit-bundle/v1'] }) format!: 'accord-audit-bundle/v1';
  @ApiProperty() stream!: string;
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ type: () => [AuditPublicKeyDto] }) publicKeys!: AuditPublicKeyDto[];
  @ApiProperty({ type: () => [AuditCheckpointDto] }) checkpoints!: AuditCheckpointDto[];
  @ApiProperty({ type: () => [AuditChainEntryDto], description: 'Verify offline with `npm run audit:verify -- --bundle FILE`' }) entries!: AuditChainEntryDto[];
}
