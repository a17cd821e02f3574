import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HashJob } from './audit-hash.worker';
import type { HashedRow } from './audit-row-hash';

/** Worker threads `audit:verify` uses by default: one per core, at most four. */
export const defaultHashThreads = (): number => Math.min(4, availableParallelism());

/**
 * Run from the TypeScript sources (Jest), a worker cannot load `.ts` files by itself: this
 * bootstrap compiles them with swc as they are required. The built command (dist/) loads the
 * compiled worker directly.
 */
const TS_BOOTSTRAP = `
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { workerData } = require('node:worker_threads');
const swc = require(workerData.swc);
Module._extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { target: 'es2023', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(workerData.file);
`;

interface Pending {
  resolve(valid: Uint8Array): void;
  reject(error: Error): void;
}

/**
 * Hashes batches of audit rows in worker threads (issue 17 item 3): each entry's own hash is
 * independent of the others, so batches are hashed in parallel — while the next batch is read —
 * and the verifier checks links, seqs and checkpoints in order on the main thread.
 */
export class AuditHashPool {
  private readonly workers: Array<{ worker: Worker; busy: number }> = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(readonly size: number) {
    const file = join(__dirname, `audit-hash.worker${extname(__filename)}`);
    for (let i = 0; i < size; i++) {
      const worker = file.endsWith('.ts')
        ? new Worker(TS_BOOTSTRAP, { eval: true, workerData: { file, swc: require.resolve('@swc/core') } })
        : new Worker(file);
      const slot = { worker, busy: 0 };
      worker.on('message', (message: { id: number; valid: Uint8Array }) => {
        slot.busy--;
        const job = this.pending.get(message.id);
        this.pending.delete(message.id);
        job?.resolve(message.valid);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`an audit hash worker stopped (exit code ${code})`));
      });
      this.workers.push(slot);
    }
  }

  /** For each row, 1 when its content hashes to its stored hash (rowsHashMatch, in a worker). */
  hash(stream: string, rows: readonly HashedRow[]): Promise<Uint8Array> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    // Only what the hash needs crosses to the worker (copying is the main thread's share of the work).
    const job: HashJob = {
      id,
      stream,
      rows: rows.map((r) => ({
        format: r.format,
        commit_key: r.commit_key,
        details: r.details,
        lead: r.lead,
        uid: r.uid,
        mid: r.mid,
        rid: r.rid,
        ip: r.ip,
        hash: r.hash,
      })),
    };
    return new Promise<Uint8Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.busy++;
      slot.worker.postMessage(job);
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the audit hash pool is closed');
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
