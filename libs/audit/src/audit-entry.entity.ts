import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique, type ValueTransformer } from 'typeorm';
import type { AuditDetailValue } from './audit-chain';

/** Sequence numbers stay far below 2^53, so a JS number holds them exactly. */
export const BIGINT_AS_NUMBER: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One audit entry (docs/audit.md). Written only by AuditService.record — through the database
 * function `audit_append`, never through this entity — and never updated or deleted: the
 * application role may only SELECT and EXECUTE `audit_append` (no INSERT of its own), and
 * triggers refuse changes even to the owner. Read it for reports; verify it with the chain
 * functions. Format 2 (see audit-chain.ts) hashes commitments to the private fields, made with
 * the entry's `commit_key`; format-1 rows (before issue 13) have none.
 */
@Entity({ name: 'audit_entries' })
@Unique('audit_entries_stream_seq_key', ['stream', 'seq'])
// The report and the board's search read a stream's entries of a period, or of one action newest first.
@Index('audit_entries_stream_occurred_at_idx', ['stream', 'occurredAt'])
@Index('audit_entries_stream_action_seq_idx', ['stream', 'action', 'seq'])
// A person's account events, newest first (GET /users/:id/events; migration AccountAndWebhookHistories).
@Index('audit_entries_stream_subject_seq_idx', ['stream', 'subjectType', 'subjectId', 'seq'])
@Check(
  'audit_entries_stream_check',
  `stream = 'system' OR stream ~ '^agreement:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`,
)
@Check('audit_entries_seq_check', `seq >= 1`)
@Check('audit_entries_outcome_check', `outcome IN ('success', 'failure', 'allowed', 'denied')`)
@Check('audit_entries_details_check', `details IS NULL OR jsonb_typeof(details) = 'object'`)
@Check(
  'audit_entries_format_check',
  `(format = 1 AND commit_key IS NULL) OR (format = 2 AND commit_key ~ '^[0-9a-f]{64}$')`,
)
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'audit_entries_pkey' })
  id!: string;

  @Column({ name: 'stream', type: 'text' })
  stream!: string;

  @Column({ name: 'seq', type: 'bigint', transformer: BIGINT_AS_NUMBER })
  seq!: number;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  @Column({ name: 'hash', type: 'text' })
  hash!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'actor_org_id', type: 'uuid', nullable: true })
  actorOrgId!: string | null;

  @Column({ name: 'actor_roles', type: 'text', array: true })
  actorRoles!: string[];

  @Column({ name: 'action', type: 'text' })
  action!: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'text', nullable: true })
  subjectId!: string | null;

  @Column({ name: 'agreement_id', type: 'uuid', nullable: true })
  agreementId!: string | null;

  @Column({ name: 'agreement_version', type: 'integer', nullable: true })
  agreementVersion!: number | null;

  @Column({ name: 'outcome', type: 'text' })
  outcome!: string;

  @Column({ name: 'reason', type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'fields_released', type: 'text', array: true })
  fieldsReleased!: string[];

  @Column({ name: 'fields_withheld', type: 'text', array: true })
  fieldsWithheld!: string[];

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'source_ip', type: 'text', nullable: true })
  sourceIp!: string | null;

  @Column({ name: 'details', type: 'jsonb', nullable: true })
  details!: Record<string, AuditDetailValue> | null;

  @Column({ name: 'format', type: 'smallint', default: 1 })
  format!: number;

  /** Format 2: the secret the field salts derive from (hex, 32 bytes). Never leaves the server. */
  @Column({ name: 'commit_key', type: 'text', nullable: true })
  commitKey!: string | null;
}
