// @ts-check
// The web app's one-way layering (apps/web/README.md "Folders", after bulletproof-react): shared code
// (api, lib, ui) never imports a feature or the app shell, and a feature never imports another
// feature — only the app shell composes them. Alias (`@/…`) and relative imports are resolved to
// the file they name, so neither spelling gets around the rule.
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = join(dirname(fileURLToPath(import.meta.url)), 'src');

/** @param {string} file @returns {{ layer: string, feature?: string } | null} */
function placeOf(file) {
  const rel = relative(SRC, file);
  if (rel.startsWith('..')) return null;
  const parts = rel.split(sep);
  // Files directly in src/ (main.tsx) are the app's entry: part of the shell.
  if (parts.length === 1) return { layer: 'app' };
  const [layer, feature] = parts;
  return layer === 'features' ? { layer, feature } : { layer: layer ?? '' };
}

/** What each layer may import besides itself (features: only their own folder). */
const ALLOWED = {
  app: ['app', 'features', 'lib', 'ui', 'api'],
  features: ['lib', 'ui', 'api'],
  ui: ['ui', 'lib', 'api'],
  lib: ['lib', 'api'],
  api: ['api'],
};

/**
 * The only library code the web app may import, each by an exact alias (apps/web/tsconfig.json and
 * vite.config.mts map it to one file): `@accord/audit-verification` is
 * libs/audit/src/bundle-verification.ts, the one bundle verification `npm run audit:verify -- --bundle`
 * runs too, so the board's verdict is the CLI's by construction. It is platform-neutral and imports
 * nothing (eslint-boundaries.mjs holds it to that), so no Node code can follow it into the bundle. Any
 * other `@accord/…` is the API's code and stays out.
 */
const FROM_LIBS = new Set(['@accord/audit-verification']);

/** @type {import('eslint').Rule.RuleModule} */
const layers = {
  meta: {
    type: 'problem',
    messages: {
      forbidden:
        '{{from}} may not import {{to}} (shared code → features → app shell; features never import each other).',
      libs: "'{{spec}}' is the API's code: the web app imports only {{allowed}} from libs (eslint-layers.mjs).",
    },
    schema: [],
  },
  create(context) {
    const from = placeOf(context.filename);
    if (!from) return {};
    /** @param {import('estree').Node & { source?: { value?: unknown } | null }} node */
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string') return;
      if (spec.startsWith('@accord/')) {
        if (!FROM_LIBS.has(spec))
          context.report({ node, messageId: 'libs', data: { spec, allowed: [...FROM_LIBS].join(', ') } });
        return;
      }
      const target = spec.startsWith('@/')
        ? join(SRC, spec.slice(2))
        : spec.startsWith('.')
          ? resolve(dirname(context.filename), spec)
          : null;
      const to = target && placeOf(target);
      if (!to) return;
      const allowed =
        to.layer === 'features' && from.layer === 'features'
          ? to.feature === from.feature
          : (ALLOWED[/** @type {keyof typeof ALLOWED} */ (from.layer)] ?? []).includes(to.layer);
      if (!allowed) {
        const name = (/** @type {{ layer: string, feature?: string }} */ p) =>
          p.feature ? `features/${p.feature}` : p.layer;
        context.report({ node, messageId: 'forbidden', data: { from: name(from), to: name(to) } });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: (node) => check({ ...node, source: /** @type {any} */ (node.source) }),
    };
  },
};

export const webLayersPlugin = { rules: { layers } };
