import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { architectureDoc, assertAcyclic, importGraph } from './architecture-docs';

const root = resolve(__dirname, '..');

describe('docs/architecture.md (run `npm run architecture:docs` after changing imports or table owners)', () => {
  it('carries the dependency diagram of the real imports and the table owners of table-owners.ts', () => {
    const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
    expect(doc).toBe(architectureDoc(root, doc));
  });

  it('shows every lib', () => {
    const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
    const diagram = doc.slice(doc.indexOf('```mermaid'), doc.indexOf('<!-- lib-graph:end'));
    for (const lib of readdirSync(join(root, 'libs')))
      expect(diagram).toMatch(new RegExp(`\\b${lib.replace(/-/g, '_')}\\b`));
  });

  it('finds no import cycle between the libs', () => {
    expect(() => assertAcyclic(importGraph(root))).not.toThrow();
  });
});
