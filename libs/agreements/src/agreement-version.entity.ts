import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '@accord/entities/identity';
import type { SharingParameters } from '@accord/policy';
import { Agreement } from './agreement.entity';

export enum VersionStatus {
  Draft = 'draft',
  Proposed = 'proposed',
  Active = 'active',
  Superseded = 'superseded',
  Suspended = 'suspended',
  Terminated = 'terminated',
  Expired = 'expired',
  /** A draft or proposal abandoned before it took effect. */
  Withdrawn = 'withdrawn',
}

@Entity({ name: 'agreement_versions' })
@Unique('agreement_versions_agreement_id_version_key', ['agreementId', 'version'])
@Index('agreement_versions_one_active_idx', ['agreementId'], { unique: true, where: `status = 'active'` })
@Index('agreement_versions_party_org_ids_idx', ['partyOrgIds'], { type: 'gin' })
@Check(
  'agreement_versions_status_check',
  `status IN ('draft', 'proposed', 'active', 'superseded', 'suspended', 'terminated', 'expired', 'withdrawn')`,
)
@Check('agreement_versions_version_check', `version >= 1`)
@Check(
  'agreement_versions_end_reason_check',
  `end_reason IS NULL OR end_reason IN ('superseded', 'suspended', 'terminated', 'expired', 'withdrawn')`,
)
export class AgreementVersion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'agreement_versions_pkey' })
  id!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => Agreement, { nullable: false })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'agreement_versions_agreement_id_fkey' })
  agreement?: Agreement;

  @Column({ name: 'version', type: 'integer' })
  version!: number;

  @Column({ name: 'status', type: 'text', default: VersionStatus.Draft })
  status!: VersionStatus;

  @Column({ name: 'party_org_ids', type: 'uuid', array: true })
  partyOrgIds!: string[];

  @Column({ name: 'sharing_parameters', type: 'jsonb' })
  sharingParameters!: SharingParameters;

  /** Users named as the partnership board for this version (board members of either party). */
  @Column({ name: 'board_member_ids', type: 'uuid', array: true, default: () => "'{}'" })
  boardMemberIds!: string[];

  /** The agreed end date; the expiry job ends the version then. */
  @Column({ name: 'effective_until', type: 'timestamptz', nullable: true })
  effectiveUntil!: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'agreement_versions_created_by_fkey' })
  creator?: User;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'proposed_by', type: 'uuid', nullable: true })
  proposedBy!: string | null;

  @Column({ name: 'proposed_at', type: 'timestamptz', nullable: true })
  proposedAt!: Date | null;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'ended_by', type: 'uuid', nullable: true })
  endedBy!: string | null;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason!: string | null;
}
