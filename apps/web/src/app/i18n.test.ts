import { describe, expect, it } from 'vitest';
import { bundles } from './i18n';

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

describe('translations', () => {
  it('give Spanish every key English has, and no other, in every namespace', () => {
    const namespaces = Object.entries(bundles);
    expect(namespaces.length).toBeGreaterThanOrEqual(3);
    for (const [namespace, { en, es }] of namespaces) {
      expect({ namespace, keys: keysOf(es as Tree).sort() }).toEqual({ namespace, keys: keysOf(en as Tree).sort() });
    }
  });

  it('leave no string empty', () => {
    for (const [namespace, languages] of Object.entries(bundles)) {
      for (const [language, tree] of Object.entries(languages)) {
        const empty = keysOf(tree as Tree).filter(
          (key) => !key.split('.').reduce<unknown>((node, part) => (node as Tree)[part], tree),
        );
        expect({ namespace, language, empty }).toEqual({ namespace, language, empty: [] });
      }
    }
  });
});
