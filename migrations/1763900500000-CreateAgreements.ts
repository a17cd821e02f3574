import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partnership agreements (issue 4): an agreement between a police organization and a partner,
 * its versions (each holding sharing parameters and the named board), and the approvals that
 * activate a version — one per party, each by a different person. At most one version of an
 * agreement is active at a time; the partial unique index makes that a database fact.
 */
export class CreateAgreements1763900500000 implements MigrationInterface {
  name = 'CreateAgreements1763900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agreements (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        police_org_id uuid NOT NULL,
        partner_org_id uuid NOT NULL,
        party_org_ids uuid[] NOT NULL,
        title text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        terminated_at timestamptz,
        CONSTRAINT agreements_pkey PRIMARY KEY (id),
        CONSTRAINT agreements_police_org_id_fkey FOREIGN KEY (police_org_id) REFERENCES organizations (id),
        CONSTRAINT agreements_partner_org_id_fkey FOREIGN KEY (partner_org_id) REFERENCES organizations (id),
        CONSTRAINT agreements_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT agreements_parties_check CHECK (police_org_id <> partner_org_id
          AND party_org_ids = ARRAY[police_org_id, partner_org_id]),
        CONSTRAINT agreements_title_check CHECK (char_length(title) BETWEEN 1 AND 200)
      )`);
    await q.query(`CREATE INDEX agreements_party_org_ids_idx ON agreements USING gin (party_org_ids)`);
    await q.query(`
      CREATE TABLE agreement_versions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL,
        version integer NOT NULL,
        status text NOT NULL DEFAULT 'draft',
        party_org_ids uuid[] NOT NULL,
        sharing_parameters jsonb NOT NULL,
        board_member_ids uuid[] NOT NULL DEFAULT '{}',
        effective_until timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        proposed_by uuid,
        proposed_at timestamptz,
        activated_at timestamptz,
        ended_at timestamptz,
        ended_by uuid,
        end_reason text,
        CONSTRAINT agreement_versions_pkey PRIMARY KEY (id),
        CONSTRAINT agreement_versions_agreement_id_version_key UNIQUE (agreement_id, version),
        CONSTRAINT agreement_versions_agreement_id_fkey FOREIGN KEY (agreement_id) REFERENCES agreements (id),
        CONSTRAINT agreement_versions_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT agreement_versions_status_check CHECK (status IN ('draft', 'proposed', 'active', 'superseded',
          'suspended', 'terminated', 'expired', 'withdrawn')),
        CONSTRAINT agreement_versions_version_check CHECK (version >= 1),
        CONSTRAINT agreement_versions_end_reason_check CHECK (end_reason IS NULL OR end_reason IN ('superseded',
          'suspended', 'terminated', 'expired', 'withdrawn'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX agreement_versions_one_active_idx ON agreement_versions (agreement_id)
        WHERE status = 'active'`,
    );
    await q.query(`CREATE INDEX agreement_versions_party_org_ids_idx ON agreement_versions USING gin (party_org_ids)`);
    await q.query(`
      CREATE TABLE agreement_approvals (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL,
        org_id uuid NOT NULL,
        user_id uuid NOT NULL,
        approved_at timestamptz NOT NULL,
        CONSTRAINT agreement_approvals_pkey PRIMARY KEY (id),
        CONSTRAINT agreement_approvals_version_id_org_id_key UNIQUE (version_id, org_id),
        CONSTRAINT agreement_approvals_version_id_user_id_key UNIQUE (version_id, user_id),
        CONSTRAINT agreement_approvals_version_id_fkey FOREIGN KEY (version_id) REFERENCES agreement_versions (id),
        CONSTRAINT agreement_approvals_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations (id),
        CONSTRAINT agreement_approvals_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)
      )`);
    await q.query(`GRANT SELECT, INSERT ON agreements TO accord_app`);
    await q.query(`GRANT UPDATE (terminated_at) ON agreements TO accord_app`);
    await q.query(`GRANT SELECT, INSERT ON agreement_versions TO accord_app`);
    await q.query(
      `GRANT UPDATE (status, sharing_parameters, board_member_ids, effective_until, proposed_by, proposed_at,
        activated_at, ended_at, ended_by, end_reason) ON agreement_versions TO accord_app`,
    );
    await q.query(`GRANT SELECT, INSERT ON agreement_approvals TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agreement_approvals`);
    await q.query(`DROP TABLE agreement_versions`);
    await q.query(`DROP TABLE agreements`);
  }
}
