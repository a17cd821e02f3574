import { clearRedisPrefix, dropDatabasesWithPrefix, testRunId } from '@accord/testing';

/** Whatever a crashed suite left behind in this run is removed here. */
export default async function globalTeardown(): Promise<void> {
  const prefix = `accord_test_${testRunId()}_`;
  await dropDatabasesWithPrefix(prefix);
  await clearRedisPrefix(prefix);
}
