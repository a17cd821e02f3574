import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '@accord/entities/identity';
import { Disclosure } from './disclosure.entity';

/** One audience user's copy of a delivered disclosure; unique, so a redelivery adds nothing. */
@Entity({ name: 'inbox_entries' })
@Unique('inbox_entries_disclosure_id_user_id_key', ['disclosureId', 'userId'])
@Index('inbox_entries_user_id_created_at_idx', ['userId', 'createdAt'])
export class InboxEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'inbox_entries_pkey' })
  id!: string;

  @Column({ name: 'disclosure_id', type: 'uuid' })
  disclosureId!: string;

  @ManyToOne(() => Disclosure, { nullable: false })
  @JoinColumn({ name: 'disclosure_id', foreignKeyConstraintName: 'inbox_entries_disclosure_id_fkey' })
  disclosure?: Disclosure;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'inbox_entries_user_id_fkey' })
  user?: User;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
