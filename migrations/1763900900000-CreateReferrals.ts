import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals (issue 6): the police record of a person at high risk, every personal field sealed
 * one by one (AES-256-GCM, the key id inside each value; `key_id` is the key of the whole row so
 * the re-encryption pass finds what is left to reseal), the consent it rests on, and its lifecycle
 * at the partner. The partner's copy is a `disclosures` row of category `referral` whose payload
 * holds sealed fields only. `person_index` is a keyed blind index (HMAC of normalized name + birth
 * date) for duplicate warnings without decrypting anything. Case notes are the partner's alone.
 */
export class CreateReferrals1763900900000 implements MigrationInterface {
  name = 'CreateReferrals1763900900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referrals (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        category text NOT NULL DEFAULT 'referral',
        sender_org_id uuid NOT NULL,
        recipient_org_id uuid NOT NULL,
        agreement_id uuid NOT NULL,
        agreement_version integer NOT NULL,
        flow_id text NOT NULL,
        created_by uuid NOT NULL,
        name_sealed text,
        contact_sealed text,
        date_of_birth_sealed text,
        age_sealed text,
        reason_sealed text,
        risk_factors_sealed text,
        key_id text NOT NULL,
        person_index text,
        consent_basis text,
        consent_date date,
        consent_expires_on date,
        consent_withdrawn_at timestamptz,
        status text NOT NULL DEFAULT 'sent',
        decline_reason text,
        assigned_to uuid,
        disclosure_id uuid,
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT referrals_pkey PRIMARY KEY (id),
        CONSTRAINT referrals_sender_org_id_fkey FOREIGN KEY (sender_org_id) REFERENCES organizations (id),
        CONSTRAINT referrals_recipient_org_id_fkey FOREIGN KEY (recipient_org_id) REFERENCES organizations (id),
        CONSTRAINT referrals_agreement_id_fkey FOREIGN KEY (agreement_id) REFERENCES agreements (id),
        CONSTRAINT referrals_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT referrals_assigned_to_fkey FOREIGN KEY (assigned_to) REFERENCES users (id),
        CONSTRAINT referrals_disclosure_id_fkey FOREIGN KEY (disclosure_id) REFERENCES disclosures (id),
        CONSTRAINT referrals_category_check CHECK (category = 'referral'),
        CONSTRAINT referrals_consent_basis_check CHECK (consent_basis IS NULL OR consent_basis IN ('written', 'verbal',
          'guardian', 'statutory')),
        CONSTRAINT referrals_status_check CHECK (status IN ('sent', 'retracted', 'accepted', 'declined', 'assigned',
          'contact_attempted', 'engaged', 'unable_to_reach', 'refused_services', 'closed')),
        CONSTRAINT referrals_decline_reason_check CHECK (decline_reason IS NULL
          OR decline_reason IN
            ('outside_service_area', 'outside_age_range', 'at_capacity', 'already_served', 'safety_concern', 'other'))
      )`);
    await q.query(`CREATE INDEX referrals_sender_idx ON referrals (sender_org_id, created_at)`);
    await q.query(`CREATE INDEX referrals_recipient_idx ON referrals (recipient_org_id, agreement_id, created_at)`);
    await q.query(`CREATE INDEX referrals_person_index_idx ON referrals (recipient_org_id, person_index)`);
    await q.query(`CREATE INDEX referrals_key_id_idx ON referrals (key_id)`);
    await q.query(`
      CREATE TABLE referral_notes (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL,
        org_id uuid NOT NULL,
        author_id uuid NOT NULL,
        body_sealed text NOT NULL,
        key_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT referral_notes_pkey PRIMARY KEY (id),
        CONSTRAINT referral_notes_referral_id_fkey FOREIGN KEY (referral_id) REFERENCES referrals (id),
        CONSTRAINT referral_notes_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations (id),
        CONSTRAINT referral_notes_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id)
      )`);
    await q.query(`CREATE INDEX referral_notes_referral_id_idx ON referral_notes (referral_id, created_at)`);
    await q.query(`GRANT SELECT, INSERT ON referrals TO accord_app`);
    await q.query(
      `GRANT UPDATE (name_sealed, contact_sealed, date_of_birth_sealed, age_sealed, reason_sealed, risk_factors_sealed,
        key_id, person_index, consent_withdrawn_at, status, decline_reason, assigned_to, disclosure_id,
        status_changed_at) ON referrals TO accord_app`,
    );
    await q.query(`GRANT SELECT, INSERT ON referral_notes TO accord_app`);
    await q.query(`GRANT UPDATE (body_sealed, key_id) ON referral_notes TO accord_app`);
    // The re-encryption pass after a key rotation reseals webhook secrets too (TOTP seeds are already updatable).
    await q.query(`GRANT UPDATE (secret) ON org_webhooks TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE UPDATE (secret) ON org_webhooks FROM accord_app`);
    await q.query(`DROP TABLE referral_notes`);
    await q.query(`DROP TABLE referrals`);
  }
}
