import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Role } from '@accord/policy';
import { Organization } from './organization.entity';

export enum UserStatus {
  /** Invited or reset: waits for the one-time enrollment link (password, then TOTP). */
  Pending = 'pending',
  Active = 'active',
  /** Disabled by an org admin; every session was revoked at that moment. */
  Disabled = 'disabled',
}

/** Postgres returns bigint as text; steps fit a JS number for the next 285 000 years. */
const bigintAsNumber = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

@Entity({ name: 'users' })
@Unique('users_email_key', ['email'])
@Index('users_org_id_idx', ['orgId'])
@Check('users_status_check', `status IN ('pending', 'active', 'disabled')`)
@Check('users_email_check', `email = lower(email) AND char_length(email) BETWEEN 3 AND 254`)
@Check(
  'users_roles_check',
  `cardinality(roles) >= 1 AND roles <@ ARRAY['org_admin', 'police_liaison', 'program_manager', 'outreach_worker', ` +
    `'board_member', 'platform_operator']::text[]`,
)
@Check('users_failed_login_count_check', `failed_login_count >= 0`)
@Check('users_active_check', `status <> 'active' OR (password_hash IS NOT NULL AND totp_secret IS NOT NULL)`)
@Check('users_display_name_check', `display_name IS NULL OR char_length(display_name) BETWEEN 1 AND 100`)
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'users_pkey' })
  id!: string;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'users_org_id_fkey' })
  org?: Organization;

  /** Lower-cased at the boundary; the login name. Personal data: never logged or audited. */
  @Column({ name: 'email', type: 'text' })
  email!: string;

  /**
   * The name colleagues know the person by (shown when a program manager picks whom to assign).
   * Personal data: never logged or audited. Optional: accounts made before it existed have none.
   */
  @Column({ name: 'display_name', type: 'text', nullable: true })
  displayName!: string | null;

  @Column({ name: 'roles', type: 'text', array: true })
  roles!: Role[];

  @Column({ name: 'status', type: 'text', default: UserStatus.Pending })
  status!: UserStatus;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  /** AES-256-GCM sealed (see secret-box.ts), never the plain seed. */
  @Column({ name: 'totp_secret', type: 'text', nullable: true })
  totpSecret!: string | null;

  /** Sealed seed shown during enrollment, until the user proves it with a code. */
  @Column({ name: 'totp_pending_secret', type: 'text', nullable: true })
  totpPendingSecret!: string | null;

  /** Last accepted 30-second step: a code of this step or an earlier one is a replay. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  totpLastStep!: number | null;

  @Column({ name: 'failed_login_count', type: 'integer', default: 0 })
  failedLoginCount!: number;

  @Column({ name: 'first_failed_at', type: 'timestamptz', nullable: true })
  firstFailedAt!: Date | null;

  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true })
  lockedAt!: Date | null;

  /** Seeded by the embedded demo; only these users' TOTP codes can be printed by the CLI. */
  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
