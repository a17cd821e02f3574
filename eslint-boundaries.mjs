// @ts-check
// The libs' boundaries (docs/architecture.md "Boundaries"): a lib owns its tables and is reached
// through its public index (`@accord/<lib>`) only. Its entities have a second entry point
// (`@accord/entities/<lib>`) that only these may import: the schema module (it registers every
// table), migrations, other entity files (a TypeORM relation needs the target class, and dropping
// it would drop the foreign key), the test kit and integration specs (`*.int-spec.ts`, which seed
// the rows their subject reads without starting the API). A deep alias (`@accord/<lib>/…`) or a
// relative path into another lib is refused too, so the only way to another lib's rows is that
// lib's service.
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));

/** @param {string} file @returns {{ area: string, lib?: string, rel: string }} */
function placeOf(file) {
  const rel = relative(ROOT, resolve(ROOT, file)).split(sep).join('/');
  const [area = '', name] = rel.split('/');
  return area === 'libs' && name ? { area, lib: name, rel } : { area, rel };
}

/**
 * Platform-neutral files the web app imports by an exact alias (apps/web/eslint-layers.mjs): they may
 * import nothing at all, so neither Node code nor another lib can follow them into the browser.
 */
const NEUTRAL = new Set(['libs/audit/src/bundle-verification.ts']);

/** Files allowed to import `@accord/entities/<lib>`. */
function mayImportEntities(/** @type {{ area: string, lib?: string, rel: string }} */ from) {
  const { rel, lib, area } = from;
  return (
    rel.endsWith('.entity.ts') ||
    rel.endsWith('.int-spec.ts') ||
    lib === 'schema' ||
    lib === 'testing' ||
    area === 'migrations'
  );
}

/** @type {import('eslint').Rule.RuleModule} */
const libBoundaries = {
  meta: {
    type: 'problem',
    messages: {
      entities:
        "{{from}} may not import the {{lib}} lib's entities: call its service (eslint-boundaries.mjs says who may).",
      deepAlias:
        "'{{spec}}' reaches into the {{lib}} lib's internals: import from '@accord/{{lib}}' (its public index).",
      relative: "'{{spec}}' reaches into libs/{{lib}} by a relative path: import from '@accord/{{lib}}'.",
      libToApp: "'{{spec}}' makes a lib depend on an app: apps wire libs, never the other way round.",
      neutral:
        "'{{spec}}': {{file}} is imported by the web app (@accord/audit-verification) " +
        'and must import nothing, so no Node code reaches the browser.',
    },
    schema: [],
  },
  create(context) {
    const from = placeOf(context.filename);
    if (from.area === 'apps' && from.rel.startsWith('apps/web/')) return {};
    const where = from.lib ? `libs/${from.lib}` : from.area;
    /** @param {import('estree').Node} node @param {unknown} spec */
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (NEUTRAL.has(from.rel)) {
        context.report({ node, messageId: 'neutral', data: { spec, file: from.rel } });
        return;
      }
      const entities = /^@accord\/entities\/([^/]+)$/.exec(spec);
      if (entities) {
        const lib = entities[1];
        if (lib !== from.lib && !mayImportEntities(from))
          context.report({ node, messageId: 'entities', data: { from: where, lib } });
        return;
      }
      const deep = /^@accord\/([^/]+)\/.+/.exec(spec);
      if (deep) {
        context.report({ node, messageId: 'deepAlias', data: { spec, lib: deep[1] } });
        return;
      }
      if (!spec.startsWith('.')) return;
      const to = placeOf(resolve(dirname(context.filename), spec));
      if (to.lib && to.lib !== from.lib) context.report({ node, messageId: 'relative', data: { spec, lib: to.lib } });
      else if (from.lib && to.area === 'apps') context.report({ node, messageId: 'libToApp', data: { spec } });
    };
    /** @param {any} node */
    const fromSource = (node) => check(node, node.source?.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: fromSource,
      /** @param {any} node `import('…').Type` in a type position */
      TSImportType: (node) => check(node, node.source?.value ?? node.argument?.literal?.value),
      /** @param {any} node `import x = require('…')` */
      TSExternalModuleReference: (node) => check(node, node.expression?.value),
    };
  },
};

export const boundariesPlugin = { rules: { 'lib-boundaries': libBoundaries } };
