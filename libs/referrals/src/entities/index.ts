// The referrals lib's TypeORM entities, as a second entry point (`@accord/entities/referrals`) that only the
// schema module, other entity files and migrations may import (eslint-boundaries.mjs); other libs'
// services go through `@accord/referrals`, which does not export them. A folder, not `entities.ts`: swc's
// path rewriting mangles a wildcard alias whose target ends in a file name.
export * from '../referral-note.entity';
export * from '../referral.entity';
