import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agreement } from '@accord/entities/agreements';
import { Organization, User } from '@accord/entities/identity';
import { Disclosure } from '@accord/entities/sharing';
import type { ConsentBasis, DeclineReason, ReferralStatus } from './referral-lifecycle';

/**
 * The police record of a referred person and its lifecycle at the partner. Every personal field is
 * sealed (`SecretBox.seal(value, 'referral:<id>:<field>')`); nothing here is readable with SQL alone.
 */
@Entity({ name: 'referrals' })
@Index('referrals_sender_idx', ['senderOrgId', 'createdAt'])
@Index('referrals_recipient_idx', ['recipientOrgId', 'agreementId', 'createdAt'])
@Index('referrals_person_index_idx', ['recipientOrgId', 'personIndex'])
@Index('referrals_key_id_idx', ['keyId'])
@Check('referrals_category_check', `category = 'referral'`)
@Check(
  'referrals_consent_basis_check',
  `consent_basis IS NULL OR consent_basis IN ('written', 'verbal', 'guardian', 'statutory')`,
)
@Check(
  'referrals_status_check',
  `status IN ('sent', 'retracted', 'accepted', 'declined', 'assigned', 'contact_attempted', 'engaged', ` +
    `'unable_to_reach', 'refused_services', 'closed')`,
)
@Check(
  'referrals_decline_reason_check',
  `decline_reason IS NULL OR decline_reason IN ('outside_service_area', 'outside_age_range', 'at_capacity', ` +
    `'already_served', 'safety_concern', 'other')`,
)
export class Referral {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'referrals_pkey' })
  id!: string;

  /** Always `referral`: lets the agreement-narrowed CASL rules (category per flow) apply in SQL. */
  @Column({ name: 'category', type: 'text', default: 'referral' })
  category!: 'referral';

  @Column({ name: 'sender_org_id', type: 'uuid' })
  senderOrgId!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'sender_org_id', foreignKeyConstraintName: 'referrals_sender_org_id_fkey' })
  senderOrg?: Organization;

  @Column({ name: 'recipient_org_id', type: 'uuid' })
  recipientOrgId!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'recipient_org_id', foreignKeyConstraintName: 'referrals_recipient_org_id_fkey' })
  recipientOrg?: Organization;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => Agreement, { nullable: false })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'referrals_agreement_id_fkey' })
  agreement?: Agreement;

  @Column({ name: 'agreement_version', type: 'integer' })
  agreementVersion!: number;

  @Column({ name: 'flow_id', type: 'text' })
  flowId!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'referrals_created_by_fkey' })
  creator?: User;

  @Column({ name: 'name_sealed', type: 'text', nullable: true })
  nameSealed!: string | null;

  @Column({ name: 'contact_sealed', type: 'text', nullable: true })
  contactSealed!: string | null;

  @Column({ name: 'date_of_birth_sealed', type: 'text', nullable: true })
  dateOfBirthSealed!: string | null;

  @Column({ name: 'age_sealed', type: 'text', nullable: true })
  ageSealed!: string | null;

  @Column({ name: 'reason_sealed', type: 'text', nullable: true })
  reasonSealed!: string | null;

  @Column({ name: 'risk_factors_sealed', type: 'text', nullable: true })
  riskFactorsSealed!: string | null;

  /** The key every sealed field of this row (and of its recipient copy) was sealed with. */
  @Column({ name: 'key_id', type: 'text' })
  keyId!: string;

  /** Keyed blind index of normalized name + birth date: duplicate warnings without decrypting. */
  @Column({ name: 'person_index', type: 'text', nullable: true })
  personIndex!: string | null;

  @Column({ name: 'consent_basis', type: 'text', nullable: true })
  consentBasis!: ConsentBasis | null;

  @Column({ name: 'consent_date', type: 'date', nullable: true })
  consentDate!: string | null;

  @Column({ name: 'consent_expires_on', type: 'date', nullable: true })
  consentExpiresOn!: string | null;

  @Column({ name: 'consent_withdrawn_at', type: 'timestamptz', nullable: true })
  consentWithdrawnAt!: Date | null;

  @Column({ name: 'status', type: 'text', default: 'sent' })
  status!: ReferralStatus;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason!: DeclineReason | null;

  /** The partner's outreach worker; never in any police response. */
  @Column({ name: 'assigned_to', type: 'uuid', nullable: true })
  assignedTo!: string | null;

  @ManyToOne(() => User, { nullable: true })
  @JoinColumn({ name: 'assigned_to', foreignKeyConstraintName: 'referrals_assigned_to_fkey' })
  assignee?: User | null;

  /** The recipient's copy (a `disclosures` row of category `referral`). */
  @Column({ name: 'disclosure_id', type: 'uuid', nullable: true })
  disclosureId!: string | null;

  @ManyToOne(() => Disclosure, { nullable: true })
  @JoinColumn({ name: 'disclosure_id', foreignKeyConstraintName: 'referrals_disclosure_id_fkey' })
  disclosure?: Disclosure | null;

  @Column({ name: 'status_changed_at', type: 'timestamptz', default: () => 'now()' })
  statusChangedAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Set when retention removed the sealed personal data; the row stays as a tombstone. */
  @Column({ name: 'purged_at', type: 'timestamptz', nullable: true })
  purgedAt!: Date | null;
}
