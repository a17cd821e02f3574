import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from './user.entity';

export type SessionRevocationReason = 'logout' | 'disabled' | 'reset' | 'password_changed';

/** A server-side session. Only the SHA-256 of its token is stored, so a database leak opens no session. */
@Entity({ name: 'sessions' })
@Unique('sessions_token_hash_key', ['tokenHash'])
@Index('sessions_user_id_idx', ['userId'], { where: `revoked_at IS NULL` })
@Check(
  'sessions_revoked_reason_check',
  `revoked_reason IS NULL OR revoked_reason IN ('logout', 'disabled', 'reset', 'password_changed')`,
)
export class Session {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'sessions_pkey' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'sessions_user_id_fkey' })
  user?: User;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  /** Last proof of password + TOTP (login or re-authentication). */
  @Column({ name: 'authenticated_at', type: 'timestamptz' })
  authenticatedAt!: Date;

  /** Absolute end, fixed at login (12 hours), whatever the activity. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason!: SessionRevocationReason | null;
}
