import { COMMIT_COUNTRIES, LOCALES } from '@ctip/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DB_TARGETS } from '../../../../../test/db';
import { createDb, type Db, type DbHandle } from '../../connect';
import { migrateToLatest } from '../../migrate';
import spa3 from './data/spa3-framework.json' with { type: 'json' };
import { seedReferenceData } from './index';

const ALL_DATASETS = [
  'countries',
  'languages',
  'organisation_types',
  'mou_articles',
  'spa3',
  'spa4',
  'national_plans',
  'budget_allocations',
  'trainings',
  'country_rules',
  'agreements',
  'meetings',
  'mrw9_participants',
  'case_studies',
  'statistics_metadata',
  'statistics_historic',
];
const REFERENCE_TABLES = [
  'country',
  'language',
  'organisation_type',
  'mou_article',
  'plan_framework',
  'plan_node',
  'plan_node_link',
  'plan_node_mou_article',
  'plan_framework_revision',
  'national_plan',
  'budget_allocation',
  'training_event',
  'training_target',
  'training_participant_count',
  'country_rule',
  'agreement',
  'agreement_party',
  'agreement_revision',
  'sharing_policy',
  'border_point',
  'meeting_participant',
  'case_study',
] as const;
const SPA3_ACTIVITIES = spa3.flatMap((area) => area.activities);

async function countRows(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of REFERENCE_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

for (const engine of DB_TARGETS) {
  describe(`${engine}: ${seedReferenceData.name}`, () => {
    let h: DbHandle;
    beforeAll(async () => {
      h = await createTestDb(engine);
    });
    afterAll(async () => {
      await h.close();
    });

    it('has loaded every dataset into the template', async () => {
      const versions = await h.db
        .selectFrom('reference_version')
        .select(['dataset', 'row_count'])
        .orderBy('dataset')
        .execute();
      expect(versions.map((v) => v.dataset)).toEqual([...ALL_DATASETS].sort());
      const counts = await countRows(h.db);
      expect(versions.find((v) => v.dataset === 'countries')?.row_count).toBe(counts.country);
      expect(versions.find((v) => v.dataset === 'mou_articles')?.row_count).toBe(34);
    });

    it('loads every ISO 3166-1 country, exactly the six COMMIT ones flagged', async () => {
      const counts = await countRows(h.db);
      expect(counts.country).toBeGreaterThanOrEqual(249);
      const commit = await h.db
        .selectFrom('country')
        .select(['code', 'name'])
        .where('is_commit', '=', true)
        .orderBy('code')
        .execute();
      expect(commit.map((c) => c.code)).toEqual([...COMMIT_COUNTRIES].sort());
      expect(Object.fromEntries(commit.map((c) => [c.code, c.name]))).toMatchObject({
        LA: 'Lao PDR',
        VN: 'Viet Nam',
      });
      const afghanistan = await h.db
        .selectFrom('country')
        .selectAll()
        .where('code', '=', 'AF')
        .executeTakeFirstOrThrow();
      expect(afghanistan).toMatchObject({ alpha3: 'AFG', numeric_code: '004', is_commit: false });
    });

    it('names the COMMIT countries in all seven interface languages', async () => {
      const rows = await h.db
        .selectFrom('country')
        .select(['code', 'name', 'names'])
        .where('is_commit', '=', true)
        .execute();
      for (const row of rows) {
        expect(Object.keys(row.names).sort()).toEqual([...LOCALES].sort());
        expect(row.names.en).toBe(row.name);
        for (const locale of LOCALES) {
          expect(row.names[locale]?.trim()).not.toBe('');
        }
      }
      const thailand = rows.find((r) => r.code === 'TH');
      for (const locale of ['th', 'lo', 'my'] as const) {
        expect(thailand?.names[locale]).toBeTruthy();
        expect(thailand?.names[locale]).not.toBe('Thailand');
      }
      expect(thailand?.names.th).toBe('ไทย');
    });

    it('loads languages, organisation types and the 34 MoU articles', async () => {
      const counts = await countRows(h.db);
      expect(counts.language).toBeGreaterThanOrEqual(180);
      expect(counts.mou_article).toBe(34);
      const codes = (await h.db.selectFrom('organisation_type').select('code').execute()).map(
        (r) => r.code,
      );
      expect(codes).toEqual(
        expect.arrayContaining([
          'government',
          'law_enforcement',
          'social_welfare',
          'ngo',
          'shelter',
          'hotline',
          'international_organisation',
          'court',
          'prosecution',
        ]),
      );
      const lao = await h.db
        .selectFrom('language')
        .selectAll()
        .where('code', '=', 'lo')
        .executeTakeFirstOrThrow();
      expect(lao).toEqual({ code: 'lo', name: 'Lao', native_name: 'ພາສາລາວ' });
    });

    it('loads SPA III into the plan tree: 5 areas, every activity with its ★ and targets', async () => {
      const nodes = await h.db
        .selectFrom('plan_node')
        .select(['id', 'kind', 'code', 'is_priority', 'parent_id'])
        .where('framework_id', '=', 'SPA3')
        .execute();
      const ofKind = (kind: string) => nodes.filter((n) => n.kind === kind);
      expect(ofKind('area')).toHaveLength(5);
      expect(ofKind('activity')).toHaveLength(SPA3_ACTIVITIES.length);
      expect(ofKind('target')).toHaveLength(spa3.reduce((n, area) => n + area.targets.length, 0));
      const areaIds = new Set(ofKind('area').map((a) => a.id));
      expect(
        nodes.filter((n) => n.kind !== 'area').every((n) => areaIds.has(n.parent_id ?? '')),
      ).toBe(true);
      const links = await h.db
        .selectFrom('plan_node_link')
        .innerJoin('plan_node', 'plan_node.id', 'plan_node_link.activity_id')
        .select('plan_node_link.target_id')
        .where('plan_node.framework_id', '=', 'SPA3')
        .execute();
      expect(links).toHaveLength(SPA3_ACTIVITIES.reduce((n, a) => n + a.targets.length, 0));
      const priority = ofKind('activity').filter((a) => a.is_priority);
      expect(priority.map((p) => p.code).sort()).toEqual(
        SPA3_ACTIVITIES.filter((a) => a.high_priority_star)
          .map((a) => a.code)
          .sort(),
      );
      expect(priority.length).toBeGreaterThan(0);
      const framework = await h.db
        .selectFrom('plan_framework')
        .selectAll()
        .where('id', '=', 'SPA3')
        .executeTakeFirstOrThrow();
      expect(framework).toMatchObject({
        structure: 'areas',
        period_start: 2011,
        extended_to: 2014,
      });
    });

    it('loads SPA IV: a results framework 2015-2018 extended to 2019, two outcomes, two outputs', async () => {
      const framework = await h.db
        .selectFrom('plan_framework')
        .selectAll()
        .where('id', '=', 'SPA4')
        .executeTakeFirstOrThrow();
      expect(framework).toMatchObject({
        structure: 'results',
        period_start: 2015,
        period_end: 2018,
        extended_to: 2019,
        status: 'Published',
        revision: 1,
        is_seeded: true,
      });
      expect(framework.note).toContain('To extend SPA IV for one year');
      expect(framework.note).toContain('2015-2020');
      const nodes = await h.db
        .selectFrom('plan_node')
        .select(['id', 'kind', 'code', 'title', 'description', 'parent_id'])
        .where('framework_id', '=', 'SPA4')
        .orderBy('code')
        .execute();
      expect(nodes.map((n) => `${n.kind} ${n.code}`)).toEqual([
        'outcome 4.1',
        'output 4.1.1',
        'outcome 4.2',
        'output 4.2.1',
      ]);
      expect(nodes[0]?.title).toBe('Victims of Trafficking are Identified');
      expect(nodes[3]?.title).toBe(
        'National referral mechanisms to support victims of trafficking operationalized',
      );
      expect(nodes[1]?.parent_id).toBe(nodes[0]?.id);
      expect(nodes[3]?.parent_id).toBe(nodes[2]?.id);
      expect(nodes.every((n) => n.description === null)).toBe(true);
    });

    it('loads the ten national plans of action of S002 Table 2, titles left unset', async () => {
      const plans = await h.db
        .selectFrom('national_plan')
        .select(['country_code', 'ordinal', 'year_approved', 'period_start', 'period_end', 'title'])
        .where('is_seeded', '=', true)
        .orderBy('country_code')
        .orderBy('ordinal')
        .execute();
      expect(plans).toHaveLength(10);
      expect(plans.find((p) => p.country_code === 'LA')).toEqual({
        country_code: 'LA',
        ordinal: 1,
        year_approved: 2012,
        period_start: 2013,
        period_end: 2015,
        title: null,
      });
    });

    it("loads Thailand's country rules: 10 fund entitlements, 4 deadline steps, 2 shelter phases", async () => {
      const rules = await h.db
        .selectFrom('country_rule')
        .select(['kind', 'key', 'config'])
        .where('country_code', '=', 'TH')
        .orderBy('kind')
        .orderBy('sort_order')
        .execute();
      const byKind = (kind: string) => rules.filter((r) => r.kind === kind);
      expect(byKind('fund_entitlement')).toHaveLength(10);
      expect(byKind('deadline_step').map((r) => r.config.days)).toEqual([7, 7, 15, null]);
      expect(byKind('shelter_phase').map((r) => r.key)).toEqual(['months_0_3', 'months_3_6']);
      expect(rules.find((r) => r.key === 'cost_of_living')?.config).toMatchObject({
        amount: 3000,
        currency: 'THB',
        max_times_per_year: 3,
        cap_text_exact: '3,000 baht per person limited to 3 times a year',
      });
    });

    it('loads the 9th MRW 2019 participants list and the case studies of seed 000 §2.7', async () => {
      const meeting = await h.db
        .selectFrom('meeting')
        .select(['id', 'type', 'title', 'scheduled_on', 'is_seeded'])
        .where('title', '=', '9th Mekong Regional Workshop')
        .executeTakeFirstOrThrow();
      expect(meeting).toMatchObject({ type: 'Workshop', is_seeded: true });
      const participants = await h.db
        .selectFrom('meeting_participant')
        .select(['section', 'country_code'])
        .where('meeting_id', '=', meeting.id)
        .execute();
      expect(participants).toHaveLength(111);
      expect(participants.filter((p) => p.section === 'MC')).toHaveLength(2);
      const studies = await h.db
        .selectFrom('case_study')
        .select(['heading', 'status', 'year', 'framework_id', 'is_seeded'])
        .where('is_seeded', '=', true)
        .orderBy('heading')
        .execute();
      expect(studies.map((c) => c.heading)).toEqual([
        'EMPOWERING TRAINING',
        'MULTI-STAKEHOLDER COOPERATION',
        'VICTIM PROTECTION IN THE CRIMINAL JUSTICE RESPONSE',
      ]);
      expect(new Set(studies.map((c) => `${c.framework_id} ${c.year} ${c.status}`))).toEqual(
        new Set(['SPA3 2014 Approved']),
      );
    });

    it('loads nothing and changes no count on a second call', async () => {
      const before = await countRows(h.db);
      expect(await seedReferenceData(h.db)).toEqual({ loaded: [] });
      expect(await countRows(h.db)).toEqual(before);
    });

    it('reloads a dataset whose recorded version differs, without duplicates', async () => {
      // First, an operator edits a row and the recorded version goes stale.
      const before = await countRows(h.db);
      const recorded = await h.db
        .selectFrom('reference_version')
        .select('version')
        .where('dataset', '=', 'countries')
        .executeTakeFirstOrThrow();
      await h.db.updateTable('country').set({ name: 'Siam' }).where('code', '=', 'TH').execute();
      await h.db
        .updateTable('reference_version')
        .set({ version: 'old' })
        .where('dataset', '=', 'countries')
        .execute();
      // Then the seed reloads that dataset only, restoring the row in place.
      expect(await seedReferenceData(h.db)).toEqual({ loaded: ['countries'] });
      expect(await countRows(h.db)).toEqual(before);
      const th = await h.db
        .selectFrom('country')
        .select('name')
        .where('code', '=', 'TH')
        .executeTakeFirstOrThrow();
      expect(th.name).toBe('Thailand');
      const after = await h.db
        .selectFrom('reference_version')
        .select('version')
        .where('dataset', '=', 'countries')
        .executeTakeFirstOrThrow();
      expect(after.version).toBe(recorded.version);
      // Finally, the next call is a no-op again.
      expect(await seedReferenceData(h.db)).toEqual({ loaded: [] });
    });

    it('reloads every dataset in order when all versions are stale, keeping extra rows', async () => {
      const code = `test_${engine}_extra`;
      await h.db
        .insertInto('organisation_type')
        .values({ code, name: 'Extra', description: null, sort_order: 999 })
        .execute();
      const before = await countRows(h.db);
      await h.db.updateTable('reference_version').set({ version: 'old' }).execute();
      expect(await seedReferenceData(h.db)).toEqual({ loaded: ALL_DATASETS });
      expect(await countRows(h.db)).toEqual(before);
      const extra = await h.db
        .selectFrom('organisation_type')
        .select('code')
        .where('code', '=', code)
        .executeTakeFirst();
      expect(extra).toEqual({ code });
    });
  });
}

describe(`pglite (new, empty): ${seedReferenceData.name}`, () => {
  it('seeds a freshly migrated in-memory database from empty', async () => {
    const h = await createDb({ kind: 'pglite' });
    try {
      await migrateToLatest(h.db);
      expect(await seedReferenceData(h.db)).toEqual({ loaded: ALL_DATASETS });
      const counts = await countRows(h.db);
      expect(counts.country).toBeGreaterThanOrEqual(249);
      expect(counts.mou_article).toBe(34);
      expect(counts.plan_framework).toBeGreaterThanOrEqual(2);
      expect(counts.plan_node).toBe(
        5 + SPA3_ACTIVITIES.length + spa3.reduce((n, area) => n + area.targets.length, 0) + 4,
      );
      expect(await seedReferenceData(h.db)).toEqual({ loaded: [] });
      expect(await countRows(h.db)).toEqual(counts);
    } finally {
      await h.close();
    }
  });
});
