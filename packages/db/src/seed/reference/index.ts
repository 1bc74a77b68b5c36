import { sql } from 'kysely';
import type { Db } from '../../connect';
import { agreementsDataset } from './agreements.dataset';
import { budgetAllocationsDataset, trainingsDataset } from './budgets-trainings.dataset';
import { countriesDataset } from './countries.dataset';
import { countryRulesDataset } from './country-rules.dataset';
import type { ReferenceDataset } from './dataset';
import { languagesDataset } from './languages.dataset';
import { meetingsDataset } from './meetings.dataset';
import { mouArticlesDataset } from './mou-articles.dataset';
import { nationalPlansDataset } from './national-plans.dataset';
import { organisationTypesDataset } from './organisation-types.dataset';
import { caseStudiesDataset, mrw9ParticipantsDataset } from './plans-participants.dataset';
import { spa3Dataset } from './spa3.dataset';
import { spa4Dataset } from './spa4.dataset';
import { statisticsHistoricDataset } from './statistics-historic.dataset';
import { statisticsMetadataDataset } from './statistics-metadata.dataset';

/**
 * Every reference dataset, in load order: `spa3` references `mou_article`, so `mou_articles`
 * comes first.
 * @returns The datasets with their rows built and versions computed.
 */
export function referenceDatasets(): ReferenceDataset[] {
  return [
    countriesDataset(),
    languagesDataset(),
    organisationTypesDataset(),
    mouArticlesDataset(),
    spa3Dataset(),
    spa4Dataset(),
    nationalPlansDataset(),
    budgetAllocationsDataset(),
    trainingsDataset(),
    countryRulesDataset(),
    agreementsDataset(),
    meetingsDataset(),
    mrw9ParticipantsDataset(),
    caseStudiesDataset(),
    statisticsMetadataDataset(),
    statisticsHistoricDataset(),
  ];
}

/**
 * Load every reference dataset (countries, languages, organisation types, MoU articles, SPA III)
 * in one transaction. Idempotent: a dataset whose version `reference_version` already records is
 * skipped; any other is upserted row by row and its version recorded. Rows are never deleted,
 * since agencies and cases reference them.
 * @param db - The database to load into.
 * @returns The names of the datasets (re)loaded by this call, in load order.
 */
export async function seedReferenceData(db: Db): Promise<{ loaded: string[] }> {
  const datasets = referenceDatasets();
  return db.transaction().execute(async (trx) => {
    const recorded = await trx
      .selectFrom('reference_version')
      .select(['dataset', 'version'])
      .execute();
    const versions = new Map(recorded.map((r) => [r.dataset, r.version]));
    const loaded: string[] = [];
    for (const dataset of datasets) {
      if (versions.get(dataset.name) === dataset.version) {
        continue;
      }
      await dataset.load(trx);
      await trx
        .insertInto('reference_version')
        .values({
          dataset: dataset.name,
          version: dataset.version,
          row_count: dataset.rowCount,
          loaded_at: sql<Date>`now()`,
        })
        .onConflict((oc) =>
          oc.column('dataset').doUpdateSet((eb) => ({
            version: eb.ref('excluded.version'),
            row_count: eb.ref('excluded.row_count'),
            loaded_at: eb.ref('excluded.loaded_at'),
          })),
        )
        .execute();
      loaded.push(dataset.name);
    }
    return { loaded };
  });
}
