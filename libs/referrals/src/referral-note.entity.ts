import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization, User } from '@accord/entities/identity';
import { Referral } from './referral.entity';

/** A case note of the partner: sealed, private to the partner organization, never part of any flow. */
@Entity({ name: 'referral_notes' })
@Index('referral_notes_referral_id_idx', ['referralId', 'createdAt'])
export class ReferralNote {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'referral_notes_pkey' })
  id!: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @ManyToOne(() => Referral, { nullable: false })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'referral_notes_referral_id_fkey' })
  referral?: Referral;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'referral_notes_org_id_fkey' })
  org?: Organization;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'referral_notes_author_id_fkey' })
  author?: User;

  @Column({ name: 'body_sealed', type: 'text' })
  bodySealed!: string;

  @Column({ name: 'key_id', type: 'text' })
  keyId!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Set when retention removed the sealed personal data; the row stays as a tombstone. */
  @Column({ name: 'purged_at', type: 'timestamptz', nullable: true })
  purgedAt!: Date | null;
}
