import { describe, expect, it } from 'vitest';
import { bundles, lazyBundles } from './i18n';

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

/** Every namespace, the lazy ones read as the app would. */
async function allBundles() {
  const lazy = await Promise.all(Object.entries(lazyBundles).map(async ([ns, load]) => [ns, await load()] as const));
  return { ...bundles, ...Object.fromEntries(lazy) };
}

describe('translations', () => {
  it('give Spanish every key English has, and no other, in every namespace', async () => {
    const namespaces = Object.entries(await allBundles());
    expect(namespaces.length).toBe(12);
    for (const [namespace, { en, es }] of namespaces) {
      expect({ namespace, keys: keysOf(es as Tree).sort() }).toEqual({ namespace, keys: keysOf(en as Tree).sort() });
    }
  });

  it('leave no string empty', async () => {
    for (const [namespace, languages] of Object.entries(await allBundles())) {
      for (const [language, tree] of Object.entries(languages)) {
        const empty = keysOf(tree as Tree).filter(
          (key) => !key.split('.').reduce<unknown>((node, part) => (node as Tree)[part], tree),
        );
        expect({ namespace, language, empty }).toEqual({ namespace, language, empty: [] });
      }
    }
  });
});
