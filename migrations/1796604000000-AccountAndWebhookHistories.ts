import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The org admin's two histories (issue 15) stay flat as the tables grow:
 * - a person's account events (`GET /users/:id/events`: `stream = 'system' AND subject_type = 'User' AND subject_id
 *   = $1 ORDER BY seq DESC LIMIT 25`) walked the whole system stream backwards — every login of everyone — for a
 *   person with few events;
 * - a webhook's last deliveries (`GET /webhooks`: `channel = 'webhook' AND recipient_id = $1 ORDER BY created_at
 *   DESC LIMIT 5`) read every ledger row, the ledger's key being led by the disclosure.
 * Each read now touches its own page only. Appends and sends update one more index each.
 */
export class AccountAndWebhookHistories1796604000000 implements MigrationInterface {
  name = 'AccountAndWebhookHistories1796604000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX audit_entries_stream_subject_seq_idx ON audit_entries (stream, subject_type, subject_id, seq)`,
    );
    await q.query(
      `CREATE INDEX notification_sends_channel_recipient_id_created_at_idx
        ON notification_sends (channel, recipient_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notification_sends_channel_recipient_id_created_at_idx`);
    await q.query(`DROP INDEX audit_entries_stream_subject_seq_idx`);
  }
}
