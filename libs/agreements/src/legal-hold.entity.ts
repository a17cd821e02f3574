import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '@accord/entities/identity';
import { Agreement } from './agreement.entity';

export const LEGAL_HOLD_REASONS = ['litigation', 'investigation', 'records_request', 'other'] as const;
export type LegalHoldReason = (typeof LEGAL_HOLD_REASONS)[number];

/** Pauses retention purges for everything shared under an agreement until lifted. */
@Entity({ name: 'legal_holds' })
@Index('legal_holds_agreement_id_idx', ['agreementId'], { where: 'lifted_at IS NULL' })
@Check('legal_holds_reason_check', `reason IN ('litigation', 'investigation', 'records_request', 'other')`)
export class LegalHold {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'legal_holds_pkey' })
  id!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => Agreement, { nullable: false })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'legal_holds_agreement_id_fkey' })
  agreement?: Agreement;

  @Column({ name: 'reason', type: 'text' })
  reason!: LegalHoldReason;

  @Column({ name: 'set_by', type: 'uuid' })
  setBy!: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'set_by', foreignKeyConstraintName: 'legal_holds_set_by_fkey' })
  setter?: User;

  @Column({ name: 'set_at', type: 'timestamptz' })
  setAt!: Date;

  @Column({ name: 'lifted_by', type: 'uuid', nullable: true })
  liftedBy!: string | null;

  @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true })
  liftedAt!: Date | null;
}
