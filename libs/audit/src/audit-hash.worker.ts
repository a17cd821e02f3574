import { parentPort } from 'node:worker_threads';
import { type HashedRow, rowsHashMatch } from './audit-row-hash';

/** A worker thread of AuditHashPool: checks the hashes of one batch of rows per message. */
export interface HashJob {
  id: number;
  stream: string;
  rows: HashedRow[];
}

parentPort?.on('message', (job: HashJob) => {
  const valid = rowsHashMatch(job.stream, job.rows);
  parentPort!.postMessage({ id: job.id, valid }, [valid.buffer as ArrayBuffer]);
});
