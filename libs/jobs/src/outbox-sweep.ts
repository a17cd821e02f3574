import type { DataSource } from 'typeorm';
import { execute } from './outbox-sql';
import { OUTBOX_DONE_RETENTION_MS, OUTBOX_FAILED_RETENTION_MS, OUTBOX_SWEEP_BATCH } from './jobs.constants';

/**
 * Deletes finished outbox rows past their retention, a bounded batch per statement so a large
 * backlog never holds long locks. Returns how many rows went.
 */
export async function sweepFinishedRows(dataSource: DataSource): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await execute(
      dataSource,
      `WITH expired AS (
         SELECT id FROM outbox_jobs
          WHERE finished_at IS NOT NULL
            AND ((status IN ('dispatched', 'completed') AND finished_at < now() - $1 * interval '1 millisecond')
              OR (status = 'failed' AND finished_at < now() - $2 * interval '1 millisecond'))
          LIMIT $3
       )
       DELETE FROM outbox_jobs o USING expired WHERE o.id = expired.id`,
      [OUTBOX_DONE_RETENTION_MS, OUTBOX_FAILED_RETENTION_MS, OUTBOX_SWEEP_BATCH],
    );
    const deleted = result.affected ?? 0;
    total += deleted;
    if (deleted < OUTBOX_SWEEP_BATCH) return total;
  }
}
