import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from './user.entity';

/** A one-time enrollment link (invite or reset): stored as SHA-256, valid 24 hours, used once. */
@Entity({ name: 'enrollment_tokens' })
@Unique('enrollment_tokens_token_hash_key', ['tokenHash'])
@Index('enrollment_tokens_user_id_idx', ['userId'])
export class EnrollmentToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'enrollment_tokens_pkey' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'enrollment_tokens_user_id_fkey' })
  user?: User;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
