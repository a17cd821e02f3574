import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization, User } from '@accord/entities/identity';

/** A partnership between one police organization and one partner organization. */
@Entity({ name: 'agreements' })
@Index('agreements_party_org_ids_idx', ['partyOrgIds'], { type: 'gin' })
@Check(
  'agreements_parties_check',
  `police_org_id <> partner_org_id AND party_org_ids = ARRAY[police_org_id, partner_org_id]`,
)
@Check('agreements_title_check', `char_length(title) BETWEEN 1 AND 200`)
export class Agreement {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'agreements_pkey' })
  id!: string;

  @Column({ name: 'police_org_id', type: 'uuid' })
  policeOrgId!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'police_org_id', foreignKeyConstraintName: 'agreements_police_org_id_fkey' })
  policeOrg?: Organization;

  @Column({ name: 'partner_org_id', type: 'uuid' })
  partnerOrgId!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'partner_org_id', foreignKeyConstraintName: 'agreements_partner_org_id_fkey' })
  partnerOrg?: Organization;

  /** Both parties, for policy conditions (`partyOrgIds $in [$orgId]`) and their SQL twin. */
  @Column({ name: 'party_org_ids', type: 'uuid', array: true })
  partyOrgIds!: string[];

  @Column({ name: 'title', type: 'text' })
  title!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'agreements_created_by_fkey' })
  creator?: User;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'terminated_at', type: 'timestamptz', nullable: true })
  terminatedAt!: Date | null;
}
