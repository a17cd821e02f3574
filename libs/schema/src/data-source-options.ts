import type { DataSourceOptions } from 'typeorm';
import { postgresOptions } from '@accord/database';
import { MIGRATIONS } from '../../../migrations';
import { ENTITIES } from './entities';

export interface SchemaConnection {
  url: string;
  poolSize?: number;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  applicationName?: string;
}

/** Options of Accord's data source: all entities, all migrations, the shared Postgres settings. */
export function accordDataSourceOptions(connection: SchemaConnection): DataSourceOptions & { url: string } {
  return postgresOptions({ ...connection, entities: ENTITIES, migrations: MIGRATIONS }) as DataSourceOptions & {
    url: string;
  };
}
