import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DB_TARGETS } from '../../../../test/db';
import type { DbHandle } from '../connect';
import spa3 from '../seed/reference/data/spa3-framework.json' with { type: 'json' };
import {
  getSpaFramework,
  listCountries,
  listLanguages,
  listMouArticles,
  listOrganisationTypes,
} from './reference.repository';

for (const engine of DB_TARGETS) {
  describe(`${engine}: reference repository`, () => {
    let h: DbHandle;
    beforeAll(async () => {
      h = await createTestDb(engine);
    });
    afterAll(async () => {
      await h.close();
    });

    describe(listCountries.name, () => {
      it('returns camelCase countries ordered by English name', async () => {
        const countries = await listCountries(h.db);
        expect(countries.length).toBeGreaterThanOrEqual(249);
        const names = countries.map((c) => c.name);
        expect(names).toEqual([...names].sort(new Intl.Collator('en').compare));
        // "Åland Islands" sorts under A, whatever the database collation.
        expect(names.indexOf('Åland Islands')).toBeLessThan(names.indexOf('Albania'));
        expect(countries.find((c) => c.code === 'LA')).toEqual({
          code: 'LA',
          alpha3: 'LAO',
          numericCode: '418',
          name: 'Lao PDR',
          names: expect.objectContaining({ en: 'Lao PDR', lo: 'ລາວ' }),
          isCommit: true,
        });
        expect(countries.filter((c) => c.isCommit)).toHaveLength(6);
      });
    });

    describe(listLanguages.name, () => {
      it('returns languages with native names', async () => {
        const languages = await listLanguages(h.db);
        expect(languages.find((l) => l.code === 'th')).toEqual({
          code: 'th',
          name: 'Thai',
          nativeName: 'ไทย',
        });
        expect(languages.map((l) => l.code)).toEqual(
          expect.arrayContaining(['en', 'km', 'zh', 'lo', 'my', 'th', 'vi']),
        );
      });
    });

    describe(listOrganisationTypes.name, () => {
      it('returns the types in sort order', async () => {
        const types = await listOrganisationTypes(h.db);
        const orders = types.map((t) => t.sortOrder);
        expect(orders).toEqual([...orders].sort((a, b) => a - b));
        expect(types[0]).toMatchObject({ code: 'government', sortOrder: 10 });
        expect(types.find((t) => t.code === 'law_enforcement')).toEqual({
          code: 'law_enforcement',
          name: 'Law enforcement (police)',
          description: expect.any(String),
          sortOrder: expect.any(Number),
        });
      });
    });

    describe(listMouArticles.name, () => {
      it('returns the 34 articles in order, sections I–V', async () => {
        const articles = await listMouArticles(h.db);
        expect(articles.map((a) => a.article)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
        expect(articles[0]?.section).toMatch(/^I\. Policy and Cooperation/);
        expect(articles[33]?.section).toMatch(/^V\. Mechanisms/);
      });
    });

    describe(getSpaFramework.name, () => {
      it('returns SPA III nested, as in its source', async () => {
        const framework = await getSpaFramework(h.db, 'SPA3');
        expect(framework).toMatchObject({
          id: 'SPA3',
          title: expect.stringContaining('SPA III'),
          periodStart: 2011,
          periodEnd: 2014,
        });
        expect(framework?.areas.map((a) => a.activityCodePrefix)).toEqual([
          'P&C',
          'CJ',
          'PRO',
          'PRE',
          'M&E',
        ]);
        const [policy] = framework?.areas ?? [];
        expect(policy?.mouArticles.map((m) => m.article)).toEqual([2, 3, 4, 5, 6, 14]);
        expect(policy?.activities[0]).toEqual({
          code: 'P&C 1',
          title: 'Support to National Plans of Action (NPAs)',
          description: expect.stringMatching(/^Support to NPA development/),
          isPriority: true,
          targetNumbers: ['1.1'],
        });
        // The whole tree matches the source file.
        expect(framework?.areas).toEqual(
          spa3.map((area) => ({
            number: area.area,
            name: area.name,
            activityCodePrefix: area.activity_code_prefix,
            mouSection: area.corresponding_mou_section,
            mouArticles: area.mou_articles
              .map((m) => ({ article: m.article, textAsListed: m.text_as_listed_in_spa3 }))
              .sort((a, b) => a.article - b.article),
            targets: area.targets.map((t) => ({ number: t.number, text: t.text })),
            activities: area.activities.map((a) => ({
              code: a.code,
              title: a.title,
              description: a.description,
              isPriority: a.high_priority_star,
              targetNumbers: a.targets,
            })),
          })),
        );
        const me4 = framework?.areas[4]?.activities.find((a) => a.code === 'M&E 4');
        expect(me4?.targetNumbers).toEqual(['5.3', '5.4']);
      });

      it('returns null for an unknown framework', async () => {
        expect(await getSpaFramework(h.db, 'SPA99')).toBeNull();
      });
    });
  });
}
