import type { Db } from '@ctip/db';
import { COMMIT_COUNTRIES } from '@ctip/domain';
import { appendAuditEvent } from '../../audit/append-audit-event';
import type { ServiceContext } from '../../context';
import { kickOutbox } from '../../federation/outbox';
import { publishApprovedDataSet } from '../regional/publish';

/**
 * Demonstration population figures, so the SDG 16.2.2 rate (victims identified per 100,000) can be
 * shown beside the seeded counts: the six COMMIT countries, 2008–2022, total population (both sexes)
 * in persons, after the UN World Population Prospects 2022 estimates, rounded to the nearest
 * 100,000. They are NOT official national figures and are cited as demonstration figures on every
 * value; a national node replaces them by entering its own population (data set POPULATION).
 */
export const DEMO_POPULATION_SOURCE = {
  code: 'DEMO_POPULATION_WPP2022',
  title: 'Demonstration figures: population (UN World Population Prospects 2022, rounded)',
  citation:
    'Demonstration figures for this installation, rounded to the nearest 100,000 after United Nations, Department of Economic and Social Affairs, Population Division (2022), World Population Prospects 2022. Not official national statistics.',
  publisher: 'United Nations DESA Population Division (demonstration copy)',
} as const;

/** Millions, WPP 2022 (1 July estimates), rounded to 0.1 million. */
const POPULATION_MILLIONS: Readonly<Record<string, readonly number[]>> = {
  // 2008 … 2022
  KH: [13.9, 14.1, 14.3, 14.5, 14.7, 15.0, 15.2, 15.4, 15.6, 15.8, 16.0, 16.2, 16.4, 16.6, 16.8],
  CN: [
    1331.3, 1339.8, 1348.2, 1357.3, 1367.3, 1376.5, 1385.4, 1393.7, 1401.9, 1410.3, 1417.1, 1421.9,
    1424.9, 1425.9, 1425.2,
  ],
  LA: [6.1, 6.2, 6.3, 6.4, 6.5, 6.6, 6.7, 6.7, 6.8, 7.0, 7.1, 7.2, 7.3, 7.4, 7.5],
  MM: [48.6, 49.0, 49.4, 49.8, 50.2, 50.6, 51.1, 51.5, 51.9, 52.3, 52.7, 53.0, 53.4, 53.8, 54.2],
  TH: [68.1, 68.4, 68.7, 69.0, 69.3, 69.6, 70.0, 70.3, 70.6, 70.9, 71.1, 71.3, 71.5, 71.6, 71.7],
  VN: [85.6, 86.5, 87.4, 88.3, 89.3, 90.3, 91.2, 92.2, 93.1, 94.0, 94.9, 95.8, 96.6, 97.5, 98.2],
};
const FIRST_YEAR = 2008;

/**
 * Seed the demonstration population (once: values already present, entered or imported, are never
 * overwritten). Validation is not re-run: totals alone satisfy every sum rule, and the series is
 * smooth. Safe to call on every start.
 * @returns how many values were added
 */
export async function seedDemoStatistics(db: Db): Promise<{ added: number }> {
  const element = await db
    .selectFrom('stat_data_element')
    .select('code')
    .where('code', '=', 'POPULATION')
    .executeTakeFirst();
  if (!element) {
    return { added: 0 };
  }
  return db.transaction().execute(async (trx) => {
    let source = await trx
      .selectFrom('stat_source')
      .select('id')
      .where('code', '=', DEMO_POPULATION_SOURCE.code)
      .executeTakeFirst();
    if (!source) {
      source = { id: crypto.randomUUID() };
      await trx
        .insertInto('stat_source')
        .values({ id: source.id, ...DEMO_POPULATION_SOURCE, seed_file: null })
        .execute();
    }
    const sourceId = source.id;
    const rows = Object.entries(POPULATION_MILLIONS).flatMap(([country, series]) =>
      series.map((millions, i) => ({
        data_element: 'POPULATION',
        country,
        province: '',
        period: String(FIRST_YEAR + i),
        period_type: 'Yearly',
        status: 'Reported',
        value: Math.round(millions * 10) * 100_000,
        note: null,
        printed: null,
        source_id: sourceId,
        import_id: null,
        updated_by: null,
      })),
    );
    const inserted = await trx
      .insertInto('stat_value')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return { added: Number(inserted.numInsertedOrUpdatedRows ?? 0) };
  });
}

/**
 * Demo installs only: approve the seeded published figures (the seeds' tables) of the countries
 * this node holds, so the regional overview has approved, disclosure-controlled data to show. Each
 * approval is a system approval (no user), audited, and published like any other; sets already
 * approved or un-approved are left alone. Not run by tests or production starts.
 * @returns how many sets were approved
 */
export async function seedDemoStatisticsApprovals(
  ctx: ServiceContext,
): Promise<{ approved: number }> {
  const countries = ctx.config.federation.countries.filter((c) =>
    (COMMIT_COUNTRIES as readonly string[]).includes(c),
  );
  if (countries.length === 0) {
    return { approved: 0 };
  }
  const candidates = await ctx.db
    .selectFrom('stat_value as v')
    .innerJoin('stat_source as s', 's.id', 'v.source_id')
    .innerJoin('stat_data_set_element as dse', 'dse.data_element', 'v.data_element')
    .innerJoin('stat_data_set as ds', (j) =>
      j.onRef('ds.code', '=', 'dse.data_set').onRef('ds.period_type', '=', 'v.period_type'),
    )
    .leftJoin('stat_approval as a', (j) =>
      j
        .onRef('a.data_set', '=', 'dse.data_set')
        .onRef('a.country', '=', 'v.country')
        .onRef('a.period', '=', 'v.period'),
    )
    .select(['dse.data_set as dataSet', 'v.country as country', 'v.period as period'])
    .distinct()
    .where('s.seed_file', 'is not', null)
    .where('v.country', 'in', countries)
    .where('a.status', 'is', null)
    .orderBy('dse.data_set')
    .orderBy('v.country')
    .orderBy('v.period')
    .execute();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    for (const c of candidates) {
      await trx
        .insertInto('stat_approval')
        .values({
          data_set: c.dataSet,
          country: c.country,
          period: c.period,
          status: 'Approved',
          version: 1,
          approved_by: null,
          approved_at: now,
          reason: 'Demo install: the published figures of the seeds, approved at seeding',
        })
        .execute();
      await publishApprovedDataSet(trx, ctx, { ...c, version: 1, approvedAt: now });
      await appendAuditEvent(
        trx,
        {
          action: 'statistics.approve',
          outcome: 'success',
          actorUserId: null,
          actorAgencyId: null,
          actorCountry: c.country,
          targetType: 'stat_data_set',
          targetId: `${c.dataSet}:${c.country}:${c.period}`,
          requestId: null,
          ip: null,
          userAgent: 'demo-seed',
          details: { dataSet: c.dataSet, period: c.period, version: 1, seeded: true },
        },
        now,
      );
    }
  });
  if (candidates.length > 0) {
    kickOutbox(ctx);
  }
  return { approved: candidates.length };
}
