import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sharing (issue 5): the police organization's incident records, the disclosures materialized
 * from them (one per recipient organization and flow, only the released fields, stamped with the
 * agreement version), each audience user's inbox entry, and the partner's private response record.
 * A disclosure's identity (source, agreement, flow) is unique, so a repeated share is a no-op.
 */
export class CreateSharing1763900600000 implements MigrationInterface {
  name = 'CreateSharing1763900600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incidents (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL,
        created_by uuid NOT NULL,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        latitude double precision NOT NULL,
        longitude double precision NOT NULL,
        house_number text,
        street text NOT NULL,
        service_area text NOT NULL,
        victims jsonb NOT NULL,
        hospital text,
        retaliation_risk text NOT NULL,
        narrative text,
        requested_response text,
        case_number text,
        other_names jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT incidents_pkey PRIMARY KEY (id),
        CONSTRAINT incidents_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations (id),
        CONSTRAINT incidents_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT incidents_type_check CHECK (type IN ('shooting', 'homicide')),
        CONSTRAINT incidents_retaliation_risk_check CHECK (retaliation_risk IN ('low', 'medium', 'high', 'unknown'))
      )`);
    await q.query(`CREATE INDEX incidents_org_id_created_at_idx ON incidents (org_id, created_at)`);
    await q.query(`
      CREATE TABLE disclosures (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL,
        agreement_version integer NOT NULL,
        flow_id text NOT NULL,
        category text NOT NULL,
        sender_org_id uuid NOT NULL,
        recipient_org_id uuid NOT NULL,
        source_type text NOT NULL,
        source_id uuid NOT NULL,
        payload jsonb,
        fields_released text[] NOT NULL,
        fields_withheld text[] NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        delivered_at timestamptz,
        ack_due_at timestamptz,
        acknowledged_at timestamptz,
        acknowledged_by uuid,
        sla_met boolean,
        purged_at timestamptz,
        CONSTRAINT disclosures_pkey PRIMARY KEY (id),
        CONSTRAINT disclosures_source_agreement_flow_key UNIQUE (source_id, agreement_id, flow_id),
        CONSTRAINT disclosures_agreement_id_fkey FOREIGN KEY (agreement_id) REFERENCES agreements (id),
        CONSTRAINT disclosures_sender_org_id_fkey FOREIGN KEY (sender_org_id) REFERENCES organizations (id),
        CONSTRAINT disclosures_recipient_org_id_fkey FOREIGN KEY (recipient_org_id) REFERENCES organizations (id),
        CONSTRAINT disclosures_category_check CHECK (category IN ('incident_notification', 'referral',
          'referral_status', 'community_concern')),
        CONSTRAINT disclosures_source_type_check CHECK (source_type IN ('incident', 'referral', 'concern')),
        CONSTRAINT disclosures_status_check CHECK (status IN ('pending', 'delivered', 'withheld', 'purged'))
      )`);
    await q.query(
      `CREATE INDEX disclosures_recipient_idx ON disclosures (recipient_org_id, agreement_id, category, created_at)`,
    );
    await q.query(`CREATE INDEX disclosures_sender_idx ON disclosures (sender_org_id, source_id)`);
    await q.query(`
      CREATE TABLE inbox_entries (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        disclosure_id uuid NOT NULL,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT inbox_entries_pkey PRIMARY KEY (id),
        CONSTRAINT inbox_entries_disclosure_id_user_id_key UNIQUE (disclosure_id, user_id),
        CONSTRAINT inbox_entries_disclosure_id_fkey FOREIGN KEY (disclosure_id) REFERENCES disclosures (id),
        CONSTRAINT inbox_entries_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)
      )`);
    await q.query(`CREATE INDEX inbox_entries_user_id_created_at_idx ON inbox_entries (user_id, created_at)`);
    await q.query(`
      CREATE TABLE disclosure_responses (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        disclosure_id uuid NOT NULL,
        org_id uuid NOT NULL,
        responded boolean NOT NULL,
        response_types text[] NOT NULL DEFAULT '{}',
        started_at timestamptz,
        ended_at timestamptz,
        services text[] NOT NULL DEFAULT '{}',
        follow_up_due_at timestamptz,
        follow_up_done_at timestamptz,
        recorded_by uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT disclosure_responses_pkey PRIMARY KEY (id),
        CONSTRAINT disclosure_responses_disclosure_id_key UNIQUE (disclosure_id),
        CONSTRAINT disclosure_responses_disclosure_id_fkey FOREIGN KEY (disclosure_id) REFERENCES disclosures (id),
        CONSTRAINT disclosure_responses_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations (id),
        CONSTRAINT disclosure_responses_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES users (id),
        CONSTRAINT disclosure_responses_period_check CHECK (ended_at IS NULL OR started_at IS NULL
          OR ended_at >= started_at)
      )`);
    await q.query(`GRANT SELECT, INSERT ON incidents TO accord_app`);
    await q.query(`GRANT SELECT, INSERT ON disclosures TO accord_app`);
    await q.query(
      `GRANT UPDATE (payload, status, delivered_at, ack_due_at, acknowledged_at, acknowledged_by, sla_met, purged_at)
        ON disclosures TO accord_app`,
    );
    await q.query(`GRANT SELECT, INSERT ON inbox_entries TO accord_app`);
    await q.query(`GRANT UPDATE (read_at) ON inbox_entries TO accord_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON disclosure_responses TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE disclosure_responses`);
    await q.query(`DROP TABLE inbox_entries`);
    await q.query(`DROP TABLE disclosures`);
    await q.query(`DROP TABLE incidents`);
  }
}
