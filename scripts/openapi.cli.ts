import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { buildOpenApiDocumentOffline } from '../apps/api/src/openapi';
import { CLIENT_SCHEMA_PATH, formatLintProblems, generateClientTypes, lintOpenApi, REPO_ROOT } from './openapi-tools';

/**
 * `npm run api:generate`: writes the web app's API types (apps/web/src/api/schema.d.ts) from the
 * OpenAPI document. `npm run api:lint`: lints that document with Redocly. Both build the document
 * without a server or a database (Nest's preview mode), so they run anywhere `npm install` ran.
 */
async function main(command: string | undefined): Promise<number> {
  const document = await buildOpenApiDocumentOffline();
  if (command === 'generate') {
    mkdirSync(dirname(CLIENT_SCHEMA_PATH), { recursive: true });
    writeFileSync(CLIENT_SCHEMA_PATH, generateClientTypes(document));
    process.stdout.write(
      `wrote ${relative(REPO_ROOT, CLIENT_SCHEMA_PATH)} (${Object.keys(document.paths).length} paths)\n`,
    );
    return 0;
  }
  if (command === 'lint') {
    const { errors, warnings } = lintOpenApi(document);
    if (errors.length + warnings.length > 0) process.stdout.write(`${formatLintProblems([...errors, ...warnings])}\n`);
    process.stdout.write(`OpenAPI lint: ${errors.length} errors, ${warnings.length} warnings\n`);
    return errors.length + warnings.length > 0 ? 1 : 0;
  }
  process.stderr.write('usage: openapi.cli generate|lint\n');
  return 2;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`openapi: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
