export { ENTITIES } from './entities';
export { MIGRATIONS } from '../../../migrations';
export * from './data-source-options';
export { AccordDatabaseModule } from './accord-database.module';
export * from './prepare-database';
export * from './table-owners';
