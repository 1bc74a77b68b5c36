import type { Db } from '../../connect';

/**
 * Load every reference dataset (countries, languages, organisation types, MoU articles, SPA III).
 * Idempotent: a dataset whose version is already loaded is skipped.
 */
export async function seedReferenceData(db: Db): Promise<{ loaded: string[] }> {
  // Minimal bootstrap (the six COMMIT countries and two organisation types); replaced by the full loader.
  const countries = [
    ['KH', 'KHM', '116', 'Cambodia'],
    ['CN', 'CHN', '156', 'China'],
    ['LA', 'LAO', '418', 'Lao PDR'],
    ['MM', 'MMR', '104', 'Myanmar'],
    ['TH', 'THA', '764', 'Thailand'],
    ['VN', 'VNM', '704', 'Viet Nam'],
  ] as const;
  await db
    .insertInto('country')
    .values(
      countries.map(([code, alpha3, numeric_code, name]) => ({
        code,
        alpha3,
        numeric_code,
        name,
        names: '{}',
        is_commit: true,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  await db
    .insertInto('organisation_type')
    .values([
      { code: 'government', name: 'Government agency', description: null, sort_order: 1 },
      { code: 'ngo', name: 'Non-governmental organisation', description: null, sort_order: 2 },
    ])
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  return { loaded: ['bootstrap'] };
}
