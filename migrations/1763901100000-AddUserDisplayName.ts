import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A display name for users (issue 11): a program manager assigns referrals to workers picked by
 * name, and sees nothing else of them. Set when the user is invited; the application role gets no
 * UPDATE on it (no route renames anyone yet).
 */
export class AddUserDisplayName1763901100000 implements MigrationInterface {
  name = 'AddUserDisplayName1763901100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN display_name text`);
    await q.query(
      `ALTER TABLE users ADD CONSTRAINT users_display_name_check CHECK (display_name IS NULL
        OR char_length(display_name) BETWEEN 1 AND 100)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_display_name_check`);
    await q.query(`ALTER TABLE users DROP COLUMN display_name`);
  }
}
