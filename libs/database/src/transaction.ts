import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';

/** How many times a transaction runs at most when PostgreSQL aborts it for a deadlock or a serialization failure. */
export const TRANSACTION_ATTEMPTS = 4;

/** SQLSTATEs after which running the same transaction again is the documented remedy. */
const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set([
  '40P01', // deadlock_detected
  '40001', // serialization_failure
]);

const logger = new Logger('Transaction');

/** The SQLSTATE of a database error (TypeORM copies the driver's `code` onto QueryFailedError), or null. */
export function sqlStateOf(error: unknown): string | null {
  if (error === null || typeof error !== 'object') return null;
  const direct = (error as { code?: unknown }).code;
  const driver = (error as { driverError?: { code?: unknown } }).driverError?.code;
  const code = typeof direct === 'string' ? direct : driver;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

export function isRetryableTransactionError(error: unknown): boolean {
  const code = sqlStateOf(error);
  return code !== null && RETRYABLE_SQLSTATES.has(code);
}

/**
 * An error that asks for one more step once its transaction has rolled back: a refusal that must
 * stay on the record (an audited denial) although everything the refused request wrote is undone.
 * `inTransaction` runs `afterRollback` in a transaction of its own, then throws `refusal`. Doing
 * that step after the rollback, instead of on a second connection while the first still holds its
 * row locks, keeps a request from ever holding one connection while it waits for another.
 */
export class RollbackFollowUp extends Error {
  constructor(
    readonly refusal: Error,
    readonly afterRollback: (tx: EntityManager) => Promise<unknown>,
  ) {
    super(refusal.message);
    this.name = 'RollbackFollowUp';
  }
}

export interface TransactionOptions {
  /** Defaults to TRANSACTION_ATTEMPTS; 1 turns the retry off. */
  attempts?: number;
}

/**
 * Runs `work` in one database transaction. Everything a use case writes — its rows, its outbox
 * rows, its audit entry (always the LAST statement; it is sealed into its stream's chain at commit) —
 * goes through the manager handed to `work`, so they commit or roll back together.
 *
 * Lock order keeps deadlocks out of ordinary traffic (agreement row, then referral, then
 * disclosures, then the audit streams in stream order, last). Where PostgreSQL still aborts a
 * transaction for a deadlock (40P01) or a serialization failure (40001) — possible by nature
 * when unrelated work meets on a row — the whole transaction runs again, a bounded number of
 * times with a short random pause, instead of failing the request. `work` must therefore be
 * safe to run again: it reads what it needs inside the transaction and keeps no effects outside
 * it. The log says which code and which attempt — never a statement or its parameters, which may
 * carry personal data.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (tx: EntityManager) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? TRANSACTION_ATTEMPTS);
  for (let attempt = 1; ; attempt++) {
    try {
      // PostgreSQL's default level is READ COMMITTED, which the audit append requires (and checks);
      // naming it would cost a SET TRANSACTION round trip on every write.
      return await dataSource.transaction(work);
    } catch (error) {
      if (error instanceof RollbackFollowUp) {
        await inTransaction(dataSource, error.afterRollback, options);
        throw error.refusal;
      }
      if (!isRetryableTransactionError(error) || attempt >= attempts) throw error;
      logger.warn({ event: 'transaction.retry', code: sqlStateOf(error), attempt, of: attempts });
      // A few milliseconds, growing and jittered, so the transactions that met do not meet again in step.
      await sleep(Math.round((5 + Math.random() * 20) * 2 ** (attempt - 1)));
    }
  }
}

/** Guard for APIs that must only ever be called inside the caller's transaction. */
export function assertInTransaction(tx: EntityManager, what: string): void {
  if (!tx.queryRunner?.isTransactionActive) {
    throw new Error(`${what} must be called with the EntityManager of an open transaction`);
  }
}
