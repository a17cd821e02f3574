// The identity lib's TypeORM entities, as a second entry point (`@accord/entities/identity`) that only the
// schema module, other entity files and migrations may import (eslint-boundaries.mjs); other libs'
// services go through `@accord/identity`, which does not export them. A folder, not `entities.ts`: swc's
// path rewriting mangles a wildcard alias whose target ends in a file name.
export * from '../enrollment-token.entity';
export * from '../login-throttle-counter.entity';
export * from '../organization.entity';
export * from '../session.entity';
export * from '../user.entity';
