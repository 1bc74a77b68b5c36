import type { Insertable } from 'kysely';
import type { MouArticleTable } from '../../tables/database';
// Converted once from shared/seed-data/s001_commit_mou_2004_articles.csv (same columns, article and
// spa3_area_listing_article as numbers); the shared folder does not ship with the product.
import articles from './data/commit-mou-2004-articles.json' with { type: 'json' };
import { batchRows, contentVersion, type ReferenceDataset } from './dataset';

/**
 * Build the `mou_article` rows: the 34 articles of the 2004 COMMIT MoU, sections I–V.
 * @returns Rows ordered by article number.
 */
export function buildMouArticleRows(): Insertable<MouArticleTable>[] {
  return articles
    .map((a) => ({ article: a.article, section: a.mou_section, text: a.text }))
    .sort((a, b) => a.article - b.article);
}

/**
 * The `mou_articles` dataset: the COMMIT MoU (Yangon, 29 October 2004), article by article.
 * @returns The dataset with its rows, content version and loader.
 */
export function mouArticlesDataset(): ReferenceDataset {
  const rows = buildMouArticleRows();
  return {
    name: 'mou_articles',
    version: contentVersion(rows),
    rowCount: rows.length,
    load: async (trx) => {
      for (const batch of batchRows(rows)) {
        await trx
          .insertInto('mou_article')
          .values(batch)
          .onConflict((oc) =>
            oc.column('article').doUpdateSet((eb) => ({
              section: eb.ref('excluded.section'),
              text: eb.ref('excluded.text'),
            })),
          )
          .execute();
      }
    },
  };
}
