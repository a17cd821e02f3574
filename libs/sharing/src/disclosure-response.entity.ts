import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Organization, User } from '@accord/entities/identity';
import { Disclosure } from './disclosure.entity';

/** The partner's own record of its response. Private to the partner: it never flows back. */
@Entity({ name: 'disclosure_responses' })
@Unique('disclosure_responses_disclosure_id_key', ['disclosureId'])
@Check('disclosure_responses_period_check', `ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at`)
export class DisclosureResponse {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'disclosure_responses_pkey' })
  id!: string;

  @Column({ name: 'disclosure_id', type: 'uuid' })
  disclosureId!: string;

  @ManyToOne(() => Disclosure, { nullable: false })
  @JoinColumn({ name: 'disclosure_id', foreignKeyConstraintName: 'disclosure_responses_disclosure_id_fkey' })
  disclosure?: Disclosure;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'disclosure_responses_org_id_fkey' })
  org?: Organization;

  @Column({ name: 'responded', type: 'boolean' })
  responded!: boolean;

  @Column({ name: 'response_types', type: 'text', array: true, default: () => "'{}'" })
  responseTypes!: string[];

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'services', type: 'text', array: true, default: () => "'{}'" })
  services!: string[];

  @Column({ name: 'follow_up_due_at', type: 'timestamptz', nullable: true })
  followUpDueAt!: Date | null;

  @Column({ name: 'follow_up_done_at', type: 'timestamptz', nullable: true })
  followUpDoneAt!: Date | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'disclosure_responses_recorded_by_fkey' })
  recorder?: User;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
