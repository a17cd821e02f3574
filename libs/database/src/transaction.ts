import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in one database transaction. Everything a use case writes — its rows, its audit
 * entry, its outbox rows — goes through the manager handed to `work`, so they commit or roll
 * back together.
 */
export function inTransaction<T>(dataSource: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  // PostgreSQL's default level is READ COMMITTED, which the audit append requires (and checks);
  // naming it would cost a SET TRANSACTION round trip on every write.
  return dataSource.transaction(work);
}

/** Guard for APIs that must only ever be called inside the caller's transaction. */
export function assertInTransaction(tx: EntityManager, what: string): void {
  if (!tx.queryRunner?.isTransactionActive) {
    throw new Error(`${what} must be called with the EntityManager of an open transaction`);
  }
}
