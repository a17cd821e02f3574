import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '@accord/entities/identity';
import { Disclosure } from './disclosure.entity';
import type { AcknowledgementState } from './acknowledgement';

/**
 * A referral copy assigned to one outreach worker: it puts the copy in that worker's inbox with a
 * deadline of its own (the flow's `acknowledgeWithinHours` from the assignment), acknowledged by
 * that worker and escalated to the program managers when it passes. A new assignment ends the
 * previous one (`ended_at`), so at most one is open per copy; ended rows stay as the record.
 */
@Entity({ name: 'inbox_assignments' })
@Index('inbox_assignments_open_key', ['disclosureId'], { unique: true, where: 'ended_at IS NULL' })
@Index('inbox_assignments_user_id_idx', ['userId', 'disclosureId'])
export class InboxAssignment implements AcknowledgementState {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'inbox_assignments_pkey' })
  id!: string;

  @Column({ name: 'disclosure_id', type: 'uuid' })
  disclosureId!: string;

  @ManyToOne(() => Disclosure, { nullable: false })
  @JoinColumn({ name: 'disclosure_id', foreignKeyConstraintName: 'inbox_assignments_disclosure_id_fkey' })
  disclosure?: Disclosure;

  /** The assigned worker. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'inbox_assignments_user_id_fkey' })
  user?: User;

  @Column({ name: 'assigned_by', type: 'uuid' })
  assignedBy!: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'assigned_by', foreignKeyConstraintName: 'inbox_assignments_assigned_by_fkey' })
  assigner?: User;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt!: Date;

  @Column({ name: 'ack_due_at', type: 'timestamptz', nullable: true })
  ackDueAt!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'sla_met', type: 'boolean', nullable: true })
  slaMet!: boolean | null;

  /** Set once, when the deadline passed unacknowledged and the program managers were told. */
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  /** Re-assigned to someone else, or consent withdrawn: no longer in the worker's inbox. */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
