import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referral assignments reach the assigned worker (issue 11): `inbox_assignments` holds each
 * assignment of a referral copy to one worker with its own acknowledgement deadline, SLA and
 * escalation (at most one open per copy), and the notification ledger gets an `occasion`, so that
 * the e-mails of an assignment (to the worker; to the managers when it is overdue) are sent once
 * per assignment and never mistaken for those of the copy's delivery.
 */
export class CreateInboxAssignments1763901200000 implements MigrationInterface {
  name = 'CreateInboxAssignments1763901200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inbox_assignments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        disclosure_id uuid NOT NULL,
        user_id uuid NOT NULL,
        assigned_by uuid NOT NULL,
        assigned_at timestamptz NOT NULL,
        ack_due_at timestamptz,
        acknowledged_at timestamptz,
        sla_met boolean,
        escalated_at timestamptz,
        ended_at timestamptz,
        CONSTRAINT inbox_assignments_pkey PRIMARY KEY (id),
        CONSTRAINT inbox_assignments_disclosure_id_fkey FOREIGN KEY (disclosure_id) REFERENCES disclosures (id),
        CONSTRAINT inbox_assignments_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id),
        CONSTRAINT inbox_assignments_assigned_by_fkey FOREIGN KEY (assigned_by) REFERENCES users (id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX inbox_assignments_open_key ON inbox_assignments (disclosure_id) WHERE ended_at IS NULL`,
    );
    await q.query(`CREATE INDEX inbox_assignments_user_id_idx ON inbox_assignments (user_id, disclosure_id)`);
    await q.query(`GRANT SELECT, INSERT ON inbox_assignments TO accord_app`);
    await q.query(`GRANT UPDATE (acknowledged_at, sla_met, escalated_at, ended_at) ON inbox_assignments TO accord_app`);

    await q.query(`ALTER TABLE notification_sends ADD COLUMN occasion text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE notification_sends DROP CONSTRAINT notification_sends_disclosure_channel_recipient_key`);
    await q.query(
      `ALTER TABLE notification_sends ADD CONSTRAINT notification_sends_disclosure_channel_recipient_occasion_key
        UNIQUE (disclosure_id, channel, recipient_id, occasion)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE notification_sends DROP CONSTRAINT notification_sends_disclosure_channel_recipient_occasion_key`,
    );
    await q.query(`DELETE FROM notification_sends WHERE occasion <> ''`);
    await q.query(
      `ALTER TABLE notification_sends ADD CONSTRAINT notification_sends_disclosure_channel_recipient_key
        UNIQUE (disclosure_id, channel, recipient_id)`,
    );
    await q.query(`ALTER TABLE notification_sends DROP COLUMN occasion`);
    await q.query(`DROP TABLE inbox_assignments`);
  }
}
