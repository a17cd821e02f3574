import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface PostgresOptionsInput {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  applicationName?: string;
}

/**
 * The one place that says how Accord talks to PostgreSQL. The schema only ever comes from
 * migrations: synchronize stays off and migrations never run implicitly on connect.
 */
export function postgresOptions(input: PostgresOptionsInput): DataSourceOptions {
  return {
    type: 'postgres',
    url: input.url,
    entities: input.entities,
    migrations: input.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    poolSize: input.poolSize ?? 10,
    connectTimeoutMS: input.connectTimeoutMs ?? 2000,
    applicationName: input.applicationName ?? 'accord',
    extra: {
      // A request never waits long for a dead database: it fails fast and the API answers 503.
      connectionTimeoutMillis: input.connectTimeoutMs ?? 2000,
      statement_timeout: input.statementTimeoutMs ?? 15000,
      idle_in_transaction_session_timeout: 60000,
    },
    logging: false,
  };
}
