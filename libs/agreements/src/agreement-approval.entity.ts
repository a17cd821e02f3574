import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Organization, User } from '@accord/entities/identity';
import { AgreementVersion } from './agreement-version.entity';

/** One party's approval of a proposed version; two, from two different people, activate it. */
@Entity({ name: 'agreement_approvals' })
@Unique('agreement_approvals_version_id_org_id_key', ['versionId', 'orgId'])
@Unique('agreement_approvals_version_id_user_id_key', ['versionId', 'userId'])
export class AgreementApproval {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'agreement_approvals_pkey' })
  id!: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId!: string;

  @ManyToOne(() => AgreementVersion, { nullable: false })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'agreement_approvals_version_id_fkey' })
  agreementVersion?: AgreementVersion;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'agreement_approvals_org_id_fkey' })
  org?: Organization;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'agreement_approvals_user_id_fkey' })
  user?: User;

  @Column({ name: 'approved_at', type: 'timestamptz' })
  approvedAt!: Date;
}
