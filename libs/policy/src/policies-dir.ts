import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The repository's `policies/` folder (role baseline, agreement templates, the sharing-parameters
 * schema), found from both the TypeScript sources and the built `dist/` tree.
 */
export function policiesDir(): string {
  for (const candidate of [
    resolve(__dirname, '../../../policies'),
    resolve(__dirname, '../../../../policies'),
    resolve(process.cwd(), 'policies'),
  ]) {
    if (existsSync(resolve(candidate, 'sharing-parameters.schema.json'))) return candidate;
  }
  throw new Error('policies/ folder not found next to the application');
}
