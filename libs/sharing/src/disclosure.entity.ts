import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Agreement } from '@accord/entities/agreements';
import { Organization } from '@accord/entities/identity';
import type { FlowCategory } from '@accord/policy';

export enum DisclosureStatus {
  /** Written with the share; delivery has not run yet. */
  Pending = 'pending',
  Delivered = 'delivered',
  /** The agreement stopped (suspended, terminated, expired) before delivery: never shown. */
  Withheld = 'withheld',
  /** Past retention: payload removed, tombstone and audit kept. */
  Purged = 'purged',
}

/**
 * What one recipient organization may see of a record, exactly as released: only the fields the
 * flow allowed, already generalized, stamped with the agreement version it was shared under.
 * Recipients only ever read disclosures, never the source record.
 */
@Entity({ name: 'disclosures' })
// One chain of revisions per source, agreement and flow: a correction of the source is revision n+1.
@Unique('disclosures_source_agreement_flow_revision_key', ['sourceId', 'agreementId', 'flowId', 'revision'])
@Index('disclosures_revision_of_idx', ['revisionOf'])
@Index('disclosures_recipient_idx', ['recipientOrgId', 'agreementId', 'category', 'createdAt'])
@Index('disclosures_sender_idx', ['senderOrgId', 'sourceId'])
// The agreement report reads one agreement's disclosures of a period, and those purged in it.
@Index('disclosures_agreement_id_created_at_idx', ['agreementId', 'createdAt'])
@Index('disclosures_agreement_id_purged_at_idx', ['agreementId', 'purgedAt'], { where: 'purged_at IS NOT NULL' })
@Check(
  'disclosures_category_check',
  `category IN ('incident_notification', 'referral', 'referral_status', 'community_concern')`,
)
@Check('disclosures_source_type_check', `source_type IN ('incident', 'referral', 'concern')`)
@Check('disclosures_status_check', `status IN ('pending', 'delivered', 'withheld', 'purged')`)
export class Disclosure {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'disclosures_pkey' })
  id!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => Agreement, { nullable: false })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'disclosures_agreement_id_fkey' })
  agreement?: Agreement;

  @Column({ name: 'agreement_version', type: 'integer' })
  agreementVersion!: number;

  @Column({ name: 'flow_id', type: 'text' })
  flowId!: string;

  @Column({ name: 'category', type: 'text' })
  category!: FlowCategory;

  @Column({ name: 'sender_org_id', type: 'uuid' })
  senderOrgId!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'sender_org_id', foreignKeyConstraintName: 'disclosures_sender_org_id_fkey' })
  senderOrg?: Organization;

  @Column({ name: 'recipient_org_id', type: 'uuid' })
  recipientOrgId!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'recipient_org_id', foreignKeyConstraintName: 'disclosures_recipient_org_id_fkey' })
  recipientOrg?: Organization;

  @Column({ name: 'source_type', type: 'text' })
  sourceType!: 'incident' | 'referral' | 'concern';

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId!: string;

  /** The released, generalized fields; null once purged. */
  @Column({ name: 'payload', type: 'jsonb', nullable: true })
  payload!: Record<string, unknown> | null;

  @Column({ name: 'fields_released', type: 'text', array: true })
  fieldsReleased!: string[];

  @Column({ name: 'fields_withheld', type: 'text', array: true })
  fieldsWithheld!: string[];

  @Column({ name: 'status', type: 'text', default: DisclosureStatus.Pending })
  status!: DisclosureStatus;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'ack_due_at', type: 'timestamptz', nullable: true })
  ackDueAt!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  /** Private to the recipient: police see that the organization acknowledged, never who. */
  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'sla_met', type: 'boolean', nullable: true })
  slaMet!: boolean | null;

  @Column({ name: 'purged_at', type: 'timestamptz', nullable: true })
  purgedAt!: Date | null;

  /** 1 for the first disclosure; a correction of the source discloses the next revision, naming the one it updates. */
  @Column({ name: 'revision', type: 'integer', default: 1 })
  revision!: number;

  @Column({ name: 'revision_of', type: 'uuid', nullable: true })
  revisionOf!: string | null;

  @ManyToOne(() => Disclosure, { nullable: true })
  @JoinColumn({ name: 'revision_of', foreignKeyConstraintName: 'disclosures_revision_of_fkey' })
  previousRevision?: Disclosure;

  /** Set once, when the acknowledgement deadline passed unacknowledged and program managers were told. */
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;
}
