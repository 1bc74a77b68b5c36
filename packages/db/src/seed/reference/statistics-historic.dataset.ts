import { contentVersion, type ReferenceDataset } from './dataset';

/**
 * The `statistics_historic` dataset: the published figures of the seeds, each with its source.
 * Placeholder until the historic area lands: it writes nothing.
 */
export function statisticsHistoricDataset(): ReferenceDataset {
  const rows: unknown[] = [];
  return {
    name: 'statistics_historic',
    version: contentVersion(rows),
    rowCount: 0,
    load: async () => {},
  };
}
