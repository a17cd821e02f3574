import type { DataSource, QueryResult } from 'typeorm';

/**
 * Runs one statement on its own pooled connection and returns TypeORM's structured result, whose
 * shape is the same for SELECT, UPDATE and DELETE (plain `query()` is not).
 */
export async function execute(dataSource: DataSource, sql: string, parameters: unknown[] = []): Promise<QueryResult> {
  const runner = dataSource.createQueryRunner();
  try {
    return await runner.query(sql, parameters, true);
  } finally {
    await runner.release();
  }
}
