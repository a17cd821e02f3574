import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { accordDataSourceOptions } from './data-source-options';

/**
 * The data source the TypeORM CLI uses (`npm run migration:*`): the same options Nest uses,
 * connected as the schema owner.
 */
const url =
  process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/accord';
export default new DataSource(accordDataSourceOptions({ url, applicationName: 'accord-cli' }));
