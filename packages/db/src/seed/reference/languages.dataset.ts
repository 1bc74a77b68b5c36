import ISO6391 from 'iso-639-1';
import type { Insertable } from 'kysely';
import type { LanguageTable } from '../../tables/database';
import { batchRows, contentVersion, type ReferenceDataset } from './dataset';

/**
 * Build one `language` row per ISO 639-1 code, from the iso-639-1 package.
 * @returns Rows ordered by code.
 */
export function buildLanguageRows(): Insertable<LanguageTable>[] {
  return [...ISO6391.getAllCodes()].sort().map((code) => ({
    code,
    name: ISO6391.getName(code),
    native_name: ISO6391.getNativeName(code),
  }));
}

/**
 * The `languages` dataset: ISO 639-1 languages with English and native names.
 * @returns The dataset with its rows, content version and loader.
 */
export function languagesDataset(): ReferenceDataset {
  const rows = buildLanguageRows();
  return {
    name: 'languages',
    version: contentVersion(rows),
    rowCount: rows.length,
    load: async (trx) => {
      for (const batch of batchRows(rows)) {
        await trx
          .insertInto('language')
          .values(batch)
          .onConflict((oc) =>
            oc.column('code').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              native_name: eb.ref('excluded.native_name'),
            })),
          )
          .execute();
      }
    },
  };
}
