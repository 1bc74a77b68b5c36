import { LOCALES, type Locale } from '@ctip/domain';
import i18n, { type BackendModule, type ReadCallback } from 'i18next';
import { initReactI18next } from 'react-i18next';
import enCore from './locales/en.json';

/** localStorage key of the language chosen before login (after login the profile wins). */
export const LOCALE_STORAGE_KEY = 'ctip.locale';

type Catalogue = Record<string, unknown>;

// A catalogue is the core file `locales/<lng>.json` plus one file per module area,
// `locales/<area>/<lng>.json`, each holding its own top-level keys (so areas never collide).
// English ships in the first chunk as the fallback; the other six load on demand.
const enAreas = import.meta.glob<Catalogue>('./locales/*/en.json', {
  eager: true,
  import: 'default',
});
const loaders = import.meta.glob<Catalogue>(
  ['./locales/*.json', './locales/*/*.json', '!./locales/en.json', '!./locales/*/en.json'],
  { import: 'default' },
);

/** Merge catalogue parts; a key defined twice is a programming error caught by the catalogue test. */
export function mergeCatalogues(parts: readonly Catalogue[]): Catalogue {
  const out: Catalogue = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const prev = out[key];
      out[key] =
        prev && typeof prev === 'object' && value && typeof value === 'object'
          ? mergeCatalogues([prev as Catalogue, value as Catalogue])
          : value;
    }
  }
  return out;
}

const en = mergeCatalogues([enCore, ...Object.values(enAreas)]);

function loadCatalogue(language: string): Promise<Catalogue> | null {
  const files = Object.keys(loaders).filter(
    (path) => path === `./locales/${language}.json` || path.endsWith(`/${language}.json`),
  );
  if (!files.includes(`./locales/${language}.json`)) {
    return null;
  }
  return Promise.all(files.map((path) => (loaders[path] as () => Promise<Catalogue>)())).then(
    mergeCatalogues,
  );
}

const lazyCatalogues: BackendModule = {
  type: 'backend',
  callbackApi: true,
  init() {},
  read(language: string, _namespace: string, callback: ReadCallback) {
    if (language === 'en') {
      callback(null, en);
      return;
    }
    const load = loadCatalogue(language);
    if (!load) {
      callback(new Error(`no catalogue for ${language}`), false);
      return;
    }
    load.then(
      (data) => callback(null, data),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), false),
    );
  },
};

/** Whether a string is one of the seven interface languages. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale | null {
  try {
    const value = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

function browserLocale(): Locale {
  const languages = globalThis.navigator?.languages ?? [];
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) {
      return base;
    }
  }
  return 'en';
}

/** The language to start with: the one chosen earlier on this device, else the browser's. */
export function initialLocale(): Locale {
  return storedLocale() ?? browserLocale();
}

let preLoginChoice: Locale | null = null;

/** A language picked before login; after login it is saved to the profile (see App). */
export function setPreLoginChoice(locale: Locale | null): void {
  preLoginChoice = locale;
}

/** The language picked before login, if any. */
export function getPreLoginChoice(): Locale | null {
  return preLoginChoice;
}

/** The current interface language as a Locale (English while a catalogue is still loading). */
export function currentLocale(): Locale {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLocale(lng) ? lng : 'en';
}

function reflectLanguage(lng: string): void {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lng;
  }
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, lng);
  } catch {
    // Private mode or storage disabled: the choice then lasts for this page only.
  }
}

i18n.on('languageChanged', reflectLanguage);

void i18n
  .use(lazyCatalogues)
  .use(initReactI18next)
  .init({
    lng: initialLocale(),
    fallbackLng: 'en',
    supportedLngs: [...LOCALES],
    load: 'languageOnly',
    resources: { en: { translation: en } },
    partialBundledLanguages: true,
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: true },
  });

export { i18n };
