// The audit lib's TypeORM entities, as a second entry point (`@accord/entities/audit`) that only the
// schema module, other entity files and migrations may import (eslint-boundaries.mjs); other libs'
// services go through `@accord/audit`, which does not export them. A folder, not `entities.ts`: swc's
// path rewriting mangles a wildcard alias whose target ends in a file name.
export * from '../audit-checkpoint.entity';
export * from '../audit-entry.entity';
