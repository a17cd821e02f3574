import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BIGINT_AS_NUMBER } from './audit-entry.entity';

/**
 * A signed checkpoint of one stream's head (Ed25519; see audit-signing-key.ts for the signed
 * bytes). At most one per (stream, seq): concurrent checkpoint jobs signing the same head
 * collapse into one row. Append-only like the entries, and written only through the function
 * `audit_checkpoint_append`. Format 2 also signs its span: the hashes of entries from_seq…seq.
 */
@Entity({ name: 'audit_checkpoints' })
@Unique('audit_checkpoints_stream_seq_key', ['stream', 'seq'])
@Check('audit_checkpoints_seq_check', `seq >= 1`)
@Check(
  'audit_checkpoints_format_check',
  `(format = 1 AND from_seq IS NULL AND span_hashes IS NULL) OR (format = 2 AND from_seq >= 1 AND from_seq <= seq ` +
    `AND cardinality(span_hashes) = seq - from_seq + 1)`,
)
@Index('audit_checkpoints_signed_at_idx', ['signedAt'])
export class AuditCheckpointEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'audit_checkpoints_pkey' })
  id!: string;

  @Column({ name: 'stream', type: 'text' })
  stream!: string;

  @Column({ name: 'seq', type: 'bigint', transformer: BIGINT_AS_NUMBER })
  seq!: number;

  @Column({ name: 'hash', type: 'text' })
  hash!: string;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;

  @Column({ name: 'key_id', type: 'text' })
  keyId!: string;

  /** Base64 of the 64-byte Ed25519 signature. */
  @Column({ name: 'signature', type: 'text' })
  signature!: string;

  @Column({ name: 'format', type: 'smallint', default: 1 })
  format!: number;

  @Column({ name: 'from_seq', type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  fromSeq!: number | null;

  @Column({ name: 'span_hashes', type: 'text', array: true, nullable: true })
  spanHashes!: string[] | null;
}
