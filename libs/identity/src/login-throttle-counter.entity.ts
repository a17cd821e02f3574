import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per-address login attempts when no Redis is configured; the key is a hash, never the address. */
@Entity({ name: 'login_throttle_counters' })
export class LoginThrottleCounter {
  @PrimaryColumn({ name: 'key', type: 'text', primaryKeyConstraintName: 'login_throttle_counters_pkey' })
  key!: string;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt!: Date;

  @Column({ name: 'attempts', type: 'integer' })
  attempts!: number;
}
