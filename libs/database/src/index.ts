export * from './postgres-options';
export * from './migrator';
export * from './application-role';
export * from './transaction';
export * from './embedded-postgres';
