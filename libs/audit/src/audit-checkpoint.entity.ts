import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BIGINT_AS_NUMBER } from './audit-entry.entity';

/**
 * A signed checkpoint of one stream's head (Ed25519; see audit-signing-key.ts for the signed
 * bytes). At most one per (stream, seq): concurrent checkpoint jobs signing the same head
 * collapse into one row. Append-only like the entries.
 */
@Entity({ name: 'audit_checkpoints' })
@Unique('audit_checkpoints_stream_seq_key', ['stream', 'seq'])
@Check('audit_checkpoints_seq_check', `seq >= 1`)
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
}
