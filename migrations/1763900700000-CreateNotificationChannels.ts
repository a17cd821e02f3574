import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification channels (issue 5): organizations' webhooks (secret sealed at rest), the ledger of
 * notifications sent (one row per disclosure, channel and recipient, claimed before sending and
 * marked after, so a re-run job never sends twice), and `disclosures.escalated_at`, set once when
 * an unacknowledged disclosure is escalated to the recipient's program managers.
 */
export class CreateNotificationChannels1763900700000 implements MigrationInterface {
  name = 'CreateNotificationChannels1763900700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_webhooks (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL,
        url text NOT NULL,
        secret text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT org_webhooks_pkey PRIMARY KEY (id),
        CONSTRAINT org_webhooks_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations (id),
        CONSTRAINT org_webhooks_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT org_webhooks_url_check CHECK (url ~ '^https?://')
      )`);
    await q.query(`CREATE INDEX org_webhooks_org_id_idx ON org_webhooks (org_id)`);
    await q.query(`
      CREATE TABLE notification_sends (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        disclosure_id uuid NOT NULL,
        channel text NOT NULL,
        recipient_id uuid NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 1,
        claimed_until timestamptz,
        last_error_code text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT notification_sends_pkey PRIMARY KEY (id),
        CONSTRAINT notification_sends_disclosure_channel_recipient_key UNIQUE (disclosure_id, channel, recipient_id),
        CONSTRAINT notification_sends_disclosure_id_fkey FOREIGN KEY (disclosure_id) REFERENCES disclosures (id),
        CONSTRAINT notification_sends_channel_check CHECK (channel IN ('email', 'webhook', 'escalation_email')),
        CONSTRAINT notification_sends_status_check CHECK (status IN ('pending', 'sending', 'sent'))
      )`);
    await q.query(`ALTER TABLE disclosures ADD COLUMN escalated_at timestamptz`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON org_webhooks TO accord_app`);
    await q.query(`GRANT UPDATE (enabled) ON org_webhooks TO accord_app`);
    await q.query(`GRANT SELECT, INSERT ON notification_sends TO accord_app`);
    await q.query(
      `GRANT UPDATE (status, attempts, claimed_until, last_error_code, sent_at) ON notification_sends TO accord_app`,
    );
    await q.query(`GRANT UPDATE (escalated_at) ON disclosures TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE disclosures DROP COLUMN escalated_at`);
    await q.query(`DROP TABLE notification_sends`);
    await q.query(`DROP TABLE org_webhooks`);
  }
}
