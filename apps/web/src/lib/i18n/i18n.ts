import i18next, { type BackendModule, type i18n as I18n, type Resource } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The only thing the app keeps in the browser between visits: the chosen language, nothing personal. */
export const LANGUAGE_STORAGE_KEY = 'accord.language';

/**
 * The Spanish (or any other) strings of a namespace have exactly the keys of the English ones:
 * a missing or extra key is a compile error, not a blank on someone's screen.
 */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

export type Bundles = Record<string, Record<Language, Record<string, unknown>>>;

/** Namespaces fetched on first use: a namespace → a dynamic import of its strings per language. */
export type LazyBundles = Record<string, () => Promise<Record<Language, Record<string, unknown>>>>;

/**
 * Reads a lazy namespace when i18next first needs it (react-i18next suspends the screen meanwhile,
 * under the same Suspense as its lazy code). A namespace nobody declared is an empty one.
 */
function lazyBackend(lazy: LazyBundles): BackendModule {
  return {
    type: 'backend',
    init: () => undefined,
    read: (language, namespace, callback) => {
      const load = lazy[namespace];
      if (!load) return callback(null, {});
      load().then(
        (strings) => callback(null, strings[isLanguage(language) ? language : 'en']),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
      );
    },
  };
}

export function isLanguage(value: string | undefined): value is Language {
  return (LANGUAGES as readonly string[]).includes(value ?? '');
}

/**
 * One i18next instance for the app: the language comes from an earlier choice (localStorage),
 * else from the browser; everything else falls back to English. `bundles` maps a namespace to
 * its strings per language (each feature brings its own); `lazy` namespaces are fetched on first use.
 */
export function createI18n(bundles: Bundles, lazy: LazyBundles = {}): I18n {
  const resources: Resource = {};
  for (const language of LANGUAGES) {
    resources[language] = Object.fromEntries(Object.entries(bundles).map(([ns, strings]) => [ns, strings[language]]));
  }
  const instance = i18next.createInstance();
  void instance
    .use(LanguageDetector)
    .use(initReactI18next)
    .use(lazyBackend(lazy))
    .init({
      resources,
      // The bundled namespaces are there at once; the others come from the backend.
      partialBundledLanguages: true,
      ns: Object.keys(bundles),
      defaultNS: 'common',
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      nonExplicitSupportedLngs: true,
      load: 'languageOnly',
      initAsync: false,
      interpolation: { escapeValue: false }, // React escapes
      detection: {
        order: ['localStorage', 'navigator'],
        lookupLocalStorage: LANGUAGE_STORAGE_KEY,
        caches: ['localStorage'],
      },
    });
  const syncDocumentLanguage = (language: string) => {
    if (typeof document !== 'undefined') document.documentElement.lang = isLanguage(language) ? language : 'en';
  };
  syncDocumentLanguage(instance.resolvedLanguage ?? 'en');
  instance.on('languageChanged', syncDocumentLanguage);
  return instance;
}
