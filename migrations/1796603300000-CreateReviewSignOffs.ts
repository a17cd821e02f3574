import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review sign-off (issue 16): a board member records that the agreement's report for a period was
 * reviewed, with comments. Rows are only added: a later review is a new row, never an edit.
 */
export class CreateReviewSignOffs1796603300000 implements MigrationInterface {
  name = 'CreateReviewSignOffs1796603300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE review_sign_offs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL,
        period_from timestamptz NOT NULL,
        period_to timestamptz NOT NULL,
        org_id uuid NOT NULL,
        signed_by uuid NOT NULL,
        comments text,
        signed_at timestamptz NOT NULL,
        CONSTRAINT review_sign_offs_pkey PRIMARY KEY (id),
        CONSTRAINT review_sign_offs_agreement_id_fkey FOREIGN KEY (agreement_id) REFERENCES agreements (id),
        CONSTRAINT review_sign_offs_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations (id),
        CONSTRAINT review_sign_offs_signed_by_fkey FOREIGN KEY (signed_by) REFERENCES users (id),
        CONSTRAINT review_sign_offs_period_check CHECK (period_from < period_to),
        CONSTRAINT review_sign_offs_comments_check CHECK (comments IS NULL OR char_length(comments) <= 2000)
      )`);
    await q.query(
      `CREATE INDEX review_sign_offs_agreement_id_signed_at_idx ON review_sign_offs (agreement_id, signed_at)`,
    );
    await q.query(`GRANT SELECT, INSERT ON review_sign_offs TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE review_sign_offs`);
  }
}
