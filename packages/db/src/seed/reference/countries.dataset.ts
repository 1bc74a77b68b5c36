import { type COMMIT_COUNTRIES, isCommitCountry, LOCALES } from '@ctip/domain';
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import type { Insertable } from 'kysely';
import type { CountryTable } from '../../tables/database';
import { batchRows, contentVersion, type ReferenceDataset } from './dataset';

/**
 * English names as the COMMIT documents spell them (GLOSSARY.md), in place of the library's
 * "Lao People's Democratic Republic", "Vietnam" and "People's Republic of China".
 */
const COMMIT_ENGLISH_NAMES: Record<(typeof COMMIT_COUNTRIES)[number], string> = {
  KH: 'Cambodia',
  CN: 'China',
  LA: 'Lao PDR',
  MM: 'Myanmar',
  TH: 'Thailand',
  VN: 'Viet Nam',
};

/** i18n-iso-countries also lists Kosovo's user-assigned XK/XKX/983, which is not in ISO 3166-1. */
const NOT_ISO_3166_1 = new Set(['XK']);

countries.registerLocale(en);

/**
 * Build one `country` row per ISO 3166-1 code, with names in the seven interface languages.
 * Localised names come from ICU (`Intl.DisplayNames`); a language ICU lacks falls back to English.
 * @returns Rows ordered by alpha-2 code.
 */
export function buildCountryRows(): Insertable<CountryTable>[] {
  const displayNames = LOCALES.filter((locale) => locale !== 'en').map(
    (locale) =>
      [locale, new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' })] as const,
  );
  return Object.entries(countries.getAlpha2Codes())
    .filter(([alpha2]) => !NOT_ISO_3166_1.has(alpha2))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, alpha3]) => {
      const name = isCommitCountry(code)
        ? COMMIT_ENGLISH_NAMES[code]
        : countries.getName(code, 'en');
      const numericCode = countries.alpha2ToNumeric(code);
      if (!name || !numericCode) {
        throw new Error(`i18n-iso-countries has no English name or numeric code for ${code}`);
      }
      const names: Record<string, string> = { en: name };
      for (const [locale, display] of displayNames) {
        names[locale] = display.of(code) || name;
      }
      return {
        code,
        alpha3,
        numeric_code: numericCode,
        name,
        names: JSON.stringify(names),
        is_commit: isCommitCountry(code),
      };
    });
}

/**
 * The `countries` dataset: every ISO 3166-1 country, the six COMMIT countries flagged.
 * @returns The dataset with its rows, content version and loader.
 */
export function countriesDataset(): ReferenceDataset {
  const rows = buildCountryRows();
  return {
    name: 'countries',
    version: contentVersion(rows),
    rowCount: rows.length,
    load: async (trx) => {
      for (const batch of batchRows(rows)) {
        await trx
          .insertInto('country')
          .values(batch)
          .onConflict((oc) =>
            oc.column('code').doUpdateSet((eb) => ({
              alpha3: eb.ref('excluded.alpha3'),
              numeric_code: eb.ref('excluded.numeric_code'),
              name: eb.ref('excluded.name'),
              names: eb.ref('excluded.names'),
              is_commit: eb.ref('excluded.is_commit'),
            })),
          )
          .execute();
      }
    },
  };
}
