// The agreements lib's TypeORM entities, as a second entry point (`@accord/entities/agreements`) that only the
// schema module, other entity files and migrations may import (eslint-boundaries.mjs); other libs'
// services go through `@accord/agreements`, which does not export them. A folder, not `entities.ts`: swc's
// path rewriting mangles a wildcard alias whose target ends in a file name.
export * from '../agreement-approval.entity';
export * from '../agreement-version.entity';
export * from '../agreement.entity';
export * from '../legal-hold.entity';
export * from '../review-sign-off.entity';
