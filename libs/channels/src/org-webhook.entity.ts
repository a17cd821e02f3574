import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization, User } from '@accord/entities/identity';

/**
 * An organization's webhook. The signing secret is sealed with the secret box (bound to the
 * webhook's id) and shown to the admin once, at creation; the id is generated before sealing.
 */
@Entity({ name: 'org_webhooks' })
@Index('org_webhooks_org_id_idx', ['orgId'])
@Check('org_webhooks_url_check', `url ~ '^https?://'`)
export class OrgWebhook {
  /** Set by the service before insert: the sealed secret is bound to it. */
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'org_webhooks_pkey' })
  id!: string;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'org_webhooks_org_id_fkey' })
  org?: Organization;

  @Column({ name: 'url', type: 'text' })
  url!: string;

  /** Sealed (`SecretBox.seal(secret, 'org-webhook:<id>')`), never the plain secret. */
  @Column({ name: 'secret', type: 'text' })
  secret!: string;

  @Column({ name: 'enabled', type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'org_webhooks_created_by_fkey' })
  creator?: User;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
