import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization, User } from '@accord/entities/identity';
import { Agreement } from './agreement.entity';

/**
 * A board member's record that the agreement's report for a period was reviewed, with the board's
 * comments (docs/reports.md, "Review sign-off"). Shown to the boards of both parties, never to
 * other roles; who signed stays here (the answer names the organization, not the person).
 */
@Entity({ name: 'review_sign_offs' })
@Index('review_sign_offs_agreement_id_signed_at_idx', ['agreementId', 'signedAt'])
@Check('review_sign_offs_period_check', `period_from < period_to`)
@Check('review_sign_offs_comments_check', `comments IS NULL OR char_length(comments) <= 2000`)
export class ReviewSignOff {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'review_sign_offs_pkey' })
  id!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => Agreement, { nullable: false })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'review_sign_offs_agreement_id_fkey' })
  agreement?: Agreement;

  @Column({ name: 'period_from', type: 'timestamptz' })
  periodFrom!: Date;

  @Column({ name: 'period_to', type: 'timestamptz' })
  periodTo!: Date;

  /** The signer's organization: the side of the partnership that reviewed. */
  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'review_sign_offs_org_id_fkey' })
  org?: Organization;

  @Column({ name: 'signed_by', type: 'uuid' })
  signedBy!: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'signed_by', foreignKeyConstraintName: 'review_sign_offs_signed_by_fkey' })
  signer?: User;

  @Column({ name: 'comments', type: 'text', nullable: true })
  comments!: string | null;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;
}
