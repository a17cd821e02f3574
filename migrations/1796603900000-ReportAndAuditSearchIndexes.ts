import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads that stay flat as a city's tables grow (issue 17 item 4, `npm run bench -- reads`):
 * - the agreement report counts one agreement's disclosures of a period (`agreement_id = $1 AND
 *   created_at` in range): without an index led by agreement_id it read the whole table;
 * - the report's audit figures read one stream's entries of a period (`stream = $1 AND occurred_at`
 *   in range), and the board's audit search by period: both walked the stream from its first seq;
 * - the board's audit search for one action, newest first (`stream = $1 AND action = $2 ORDER BY
 *   seq DESC`), walked the stream backwards until it had a page: the whole stream for a rare action.
 * Each read now touches the rows of its period or page only. Appends update two more indexes.
 */
export class ReportAndAuditSearchIndexes1796603900000 implements MigrationInterface {
  name = 'ReportAndAuditSearchIndexes1796603900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX disclosures_agreement_id_created_at_idx ON disclosures (agreement_id, created_at)`);
    await q.query(
      `CREATE INDEX disclosures_agreement_id_purged_at_idx ON disclosures (agreement_id, purged_at)
        WHERE purged_at IS NOT NULL`,
    );
    await q.query(`CREATE INDEX audit_entries_stream_occurred_at_idx ON audit_entries (stream, occurred_at)`);
    await q.query(`CREATE INDEX audit_entries_stream_action_seq_idx ON audit_entries (stream, action, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_entries_stream_action_seq_idx`);
    await q.query(`DROP INDEX audit_entries_stream_occurred_at_idx`);
    await q.query(`DROP INDEX disclosures_agreement_id_purged_at_idx`);
    await q.query(`DROP INDEX disclosures_agreement_id_created_at_idx`);
  }
}
