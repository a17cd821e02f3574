import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention of referrals (issue 7): past the agreed retention of a referral's shared copy, the
 * police record loses its sealed personal fields and the partner's case notes their text; both
 * rows stay as tombstones (with `purged_at`) so the audit trail keeps its subjects.
 */
export class AddReferralRetention1763901000000 implements MigrationInterface {
  name = 'AddReferralRetention1763901000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referrals ADD COLUMN purged_at timestamptz`);
    await q.query(`ALTER TABLE referral_notes ADD COLUMN purged_at timestamptz`);
    await q.query(`GRANT UPDATE (purged_at) ON referrals TO accord_app`);
    await q.query(`GRANT UPDATE (purged_at) ON referral_notes TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referral_notes DROP COLUMN purged_at`);
    await q.query(`ALTER TABLE referrals DROP COLUMN purged_at`);
  }
}
