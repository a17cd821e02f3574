// The sharing lib's TypeORM entities, as a second entry point (`@accord/entities/sharing`) that only the
// schema module, other entity files and migrations may import (eslint-boundaries.mjs); other libs'
// services go through `@accord/sharing`, which does not export them. A folder, not `entities.ts`: swc's
// path rewriting mangles a wildcard alias whose target ends in a file name.
export * from '../disclosure-response.entity';
export * from '../disclosure.entity';
export * from '../inbox-assignment.entity';
export * from '../inbox-entry.entity';
export * from '../incident.entity';
export * from '../service-area.entity';
