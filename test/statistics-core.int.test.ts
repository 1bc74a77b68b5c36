/**
 * Statistics core: definitions, settings, entry forms, validation findings and approvals, through
 * the API on both engines.
 */
import { revalidateAllStatistics } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

type Json = Record<string, unknown>;

for (const engine of DB_TARGETS) {
  describe(`${engine}: statistics core`, () => {
    let t: TestApp;
    let th: Client;
    let kh: Client;
    let admin: Client;
    let secretariat: Client;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      [th, kh, admin, secretariat] = await Promise.all([
        loginAs(t.app, 'th.focal'),
        loginAs(t.app, 'kh.focal'),
        loginAs(t.app, 'admin'),
        loginAs(t.app, 'secretariat'),
      ]);
    });
    afterAll(async () => {
      await t.close();
    });

    const get = (c: Client, url: string) => c.request({ method: 'GET', url });
    const put = (c: Client, url: string, payload: unknown) =>
      c.request({ method: 'PUT', url, payload: payload as Json });
    const post = (c: Client, url: string, payload: unknown) =>
      c.request({ method: 'POST', url, payload: payload as Json });

    /** Save values of a form; each value takes the form's country and period. */
    const save = (
      c: Client,
      form: { dataSet: string; country: string; period: string },
      values: Json[],
    ) =>
      put(c, '/api/statistics/entry', {
        ...form,
        values: values.map((v) => ({ country: form.country, period: form.period, ...v })),
      });

    const valueTable = async () =>
      t.handle.db.selectFrom('stat_value').selectAll().orderBy('id').execute();

    const auditActions = async (action: string) =>
      t.handle.db
        .selectFrom('audit_event')
        .select(['action', 'outcome', 'details', 'actor_user_id'])
        .where('action', '=', action)
        .orderBy('seq')
        .execute();

    it('lists the definitions, and the demonstration population with its citation', async () => {
      const elements = await get(th, '/api/statistics/elements');
      expect(elements.statusCode, elements.body).toBe(200);
      expect(elements.json()).toContainEqual(
        expect.objectContaining({
          code: 'VICTIMS_IDENTIFIED',
          valueType: 'Integer',
          isBuiltIn: true,
          dimensions: expect.arrayContaining(['sex', 'age_group']),
        }),
      );
      const sets = await get(th, '/api/statistics/data-sets');
      expect(sets.json()).toContainEqual(
        expect.objectContaining({
          code: 'VICTIMS',
          periodType: 'Yearly',
          elements: expect.arrayContaining([
            { dataElement: 'VICTIMS_IDENTIFIED', formDimensions: ['sex', 'age_group'], sort: 0 },
          ]),
        }),
      );
      const rules = await get(th, '/api/statistics/rules');
      expect(rules.json()).toContainEqual(
        expect.objectContaining({ code: 'SEX_SUM', kind: 'SumOfParts', isEnabled: true }),
      );
      const indicators = await get(th, '/api/statistics/indicators');
      expect(indicators.json()).toContainEqual(
        expect.objectContaining({ code: 'SDG_16_2_2', unit: 'per100k' }),
      );
      const sources = await get(th, '/api/statistics/sources');
      const demo = (sources.json() as { code: string; citation: string }[]).find(
        (s) => s.code === 'DEMO_POPULATION_WPP2022',
      );
      expect(demo?.citation).toMatch(/Demonstration figures.*World Population Prospects 2022/);
      const population = await t.handle.db
        .selectFrom('stat_value')
        .select(['country', 'value', 'source_id'])
        .where('data_element', '=', 'POPULATION')
        .where('period', '=', '2020')
        .orderBy('country')
        .execute();
      expect(population.map((p) => p.country)).toEqual(['CN', 'KH', 'LA', 'MM', 'TH', 'VN']);
      expect(population.find((p) => p.country === 'TH')?.value).toBe(71_500_000);
      expect(population.every((p) => p.source_id !== null)).toBe(true);
      // Demonstration figures are seeded once: a second run adds nothing.
      const { seedDemoStatistics } = await import('@ctip/services');
      expect(await seedDemoStatistics(t.handle.db)).toEqual({ added: 0 });
    });

    it('defines elements and indicators: node administrator only, field-named refusals', async () => {
      const element = {
        code: 'SHELTER_PLACES',
        group: 'victims',
        valueType: 'Integer',
        unit: 'persons',
        dimensions: ['sex'],
        name: 'Shelter places',
        dataSet: 'VICTIMS',
      };
      const denied = await post(th, '/api/statistics/elements', element);
      expect(denied.statusCode).toBe(403);
      const badCode = await post(admin, '/api/statistics/elements', {
        ...element,
        code: 'bad code',
      });
      expect(badCode.statusCode).toBe(400);
      expect(badCode.json().error.field).toBe('code');
      const badDim = await post(admin, '/api/statistics/elements', {
        ...element,
        dimensions: ['colour'],
      });
      expect(badDim.statusCode).toBe(400);
      expect(badDim.json().error.field).toBe('dimensions.0');
      const created = await post(admin, '/api/statistics/elements', element);
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ code: 'SHELTER_PLACES', isBuiltIn: false });
      const again = await post(admin, '/api/statistics/elements', element);
      expect(again.json().error.field).toBe('code');
      const builtIn = await put(admin, '/api/statistics/elements/VICTIMS_IDENTIFIED', {
        dimensions: ['sex'],
      });
      expect(builtIn.statusCode).toBe(400);
      expect(builtIn.json().error.field).toBe('dimensions');
      const renamed = await put(admin, '/api/statistics/elements/SHELTER_PLACES', {
        name: 'Shelter places available',
        dimensions: ['sex', 'age_group'],
      });
      expect(renamed.statusCode, renamed.body).toBe(200);
      expect(renamed.json()).toMatchObject({ dimensions: ['sex', 'age_group'] });

      const indicator = {
        code: 'ASSISTED_PER_100K',
        name: 'Victims assisted per 100,000',
        expression: '#{VICTIMS_ASSISTED} / #{POPULATION} * 100000',
        unit: 'per100k',
        decimals: 2,
      };
      const syntax = await post(admin, '/api/statistics/indicators', {
        ...indicator,
        expression: '#{VICTIMS_ASSISTED} / (',
      });
      expect(syntax.statusCode).toBe(400);
      expect(syntax.json().error.field).toBe('expression');
      const unknown = await post(admin, '/api/statistics/indicators', {
        ...indicator,
        expression: '#{NO_SUCH_THING} * 2',
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error).toMatchObject({ field: 'expression' });
      expect(unknown.json().error.message).toContain('NO_SUCH_THING');
      const ok = await post(admin, '/api/statistics/indicators', indicator);
      expect(ok.statusCode, ok.body).toBe(201);
      const sdg = await put(admin, '/api/statistics/indicators/SDG_16_2_2', {
        expression: '#{VICTIMS_IDENTIFIED}',
      });
      expect(sdg.json().error.field).toBe('expression');
      const updates = await auditActions('statistics.metadata_update');
      expect(updates.length).toBeGreaterThanOrEqual(3);
      expect(updates.every((u) => u.actor_user_id === admin.userId)).toBe(true);
    });

    it('keeps disclosure settings: threshold 1–100, fiscal start months, audited', async () => {
      const initial = await get(th, '/api/statistics/settings');
      expect(initial.statusCode).toBe(200);
      expect(initial.json()).toMatchObject({
        threshold: 5,
        suppressZeros: false,
        fiscalStartMonths: { TH: 10, MM: 10, VN: 1 },
      });
      expect((await put(th, '/api/statistics/settings', { threshold: 10 })).statusCode).toBe(403);
      const zero = await put(admin, '/api/statistics/settings', { threshold: 0 });
      expect(zero.statusCode).toBe(400);
      expect(zero.json().error.field).toBe('threshold');
      const month = await put(admin, '/api/statistics/settings', { fiscalStartMonths: { LA: 13 } });
      expect(month.json().error.field).toBe('fiscalStartMonths.LA');
      const changed = await put(admin, '/api/statistics/settings', {
        threshold: 10,
        suppressZeros: true,
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toMatchObject({ threshold: 10, suppressZeros: true });
      const back = await put(admin, '/api/statistics/settings', {
        threshold: 5,
        suppressZeros: false,
      });
      expect(back.json()).toMatchObject({ threshold: 5, fiscalStartMonths: { TH: 10 } });
      expect((await auditActions('statistics.settings_update')).length).toBe(2);
    });

    it('round-trips an entry form; missing is stored without a number; unchanged is not rewritten', async () => {
      const form = { dataSet: 'VICTIMS', country: 'TH', period: '2023' };
      const empty = await get(th, '/api/statistics/entry?dataSet=VICTIMS&country=TH&period=2023');
      expect(empty.statusCode, empty.body).toBe(200);
      const f = empty.json();
      expect(f).toMatchObject({
        dataSet: 'VICTIMS',
        periodType: 'Yearly',
        isLocked: false,
        approval: { status: 'Open', version: 0 },
        openViolations: [],
      });
      const identified = f.elements.find(
        (e: { dataElement: string }) => e.dataElement === 'VICTIMS_IDENTIFIED',
      );
      expect(identified.options.sex).toEqual(['', 'M', 'F', 'X']);
      expect(identified.options.age_group[0]).toBe('');
      expect(identified.values).toEqual([]);

      const values = [
        { dataElement: 'VICTIMS_IDENTIFIED', value: 100 },
        { dataElement: 'VICTIMS_IDENTIFIED', disaggregation: { sex: 'M' }, value: 40 },
        {
          dataElement: 'VICTIMS_IDENTIFIED',
          disaggregation: { sex: 'F', age_group: '' },
          value: 60,
        },
        { dataElement: 'VICTIMS_ASSISTED', status: 'Missing', value: null, note: 'not collected' },
      ];
      const saved = await save(th, form, values);
      expect(saved.statusCode, saved.body).toBe(200);
      const after = saved.json();
      const got = after.elements.find(
        (e: { dataElement: string }) => e.dataElement === 'VICTIMS_IDENTIFIED',
      ).values;
      expect(got).toHaveLength(3);
      expect(got).toContainEqual({
        disaggregation: { sex: 'F' },
        status: 'Reported',
        value: 60,
        note: null,
        source: null,
      });
      const assisted = after.elements.find(
        (e: { dataElement: string }) => e.dataElement === 'VICTIMS_ASSISTED',
      ).values;
      expect(assisted).toEqual([
        { disaggregation: {}, status: 'Missing', value: null, note: 'not collected', source: null },
      ]);
      const missingRow = await t.handle.db
        .selectFrom('stat_value')
        .selectAll()
        .where('data_element', '=', 'VICTIMS_ASSISTED')
        .where('country', '=', 'TH')
        .where('period', '=', '2023')
        .executeTakeFirstOrThrow();
      expect(missingRow.value).toBeNull();
      expect(missingRow.status).toBe('Missing');

      const before = await valueTable();
      const resaved = await save(th, form, values);
      expect(resaved.statusCode).toBe(200);
      expect(await valueTable()).toEqual(before);
      const saves = await auditActions('statistics.value_save');
      expect(saves.at(-1)?.details).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
      expect(saves.at(-2)?.details).toMatchObject({ inserted: 4, updated: 0 });
      expect(JSON.stringify(saves.map((s) => s.details))).not.toContain('not collected');
    });

    it('refuses bad input as a whole, naming the field, and writes nothing', async () => {
      const form = { dataSet: 'VICTIMS', country: 'TH', period: '2021' };
      const good = { dataElement: 'VICTIMS_IDENTIFIED', value: 12 };
      const before = await valueTable();
      const cases: [Json, string][] = [
        [{ dataElement: 'VICTIMS_IDENTIFIED', value: -1 }, 'values.1.value'],
        [{ dataElement: 'VICTIMS_IDENTIFIED', value: null }, 'values.1.value'],
        [{ dataElement: 'VICTIMS_IDENTIFIED', status: 'Missing', value: 0 }, 'values.1.value'],
        [{ dataElement: 'VICTIMS_IDENTIFIED', value: 1.5 }, 'values.1.value'],
        [{ dataElement: 'BUDGET_USD', value: 10 }, 'values.1.dataElement'],
        [
          { dataElement: 'VICTIMS_IDENTIFIED', disaggregation: { trainee_type: 'ngo' }, value: 1 },
          'values.1.disaggregation.trainee_type',
        ],
        [
          { dataElement: 'VICTIMS_IDENTIFIED', disaggregation: { sex: 'Q' }, value: 1 },
          'values.1.disaggregation.sex',
        ],
        [{ dataElement: 'VICTIMS_IDENTIFIED', period: '2020', value: 1 }, 'values.1.period'],
        [{ dataElement: 'VICTIMS_IDENTIFIED', value: 13 }, 'values.1'],
      ];
      for (const [bad, field] of cases) {
        const res = await save(th, form, [good, bad]);
        expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
        expect(res.json().error.field).toBe(field);
      }
      const wrongPeriod = await save(th, { ...form, period: '2021Q1' }, [good]);
      expect(wrongPeriod.json().error.field).toBe('period');
      // Thailand's fiscal year starts in October: 2023Jan is no Thai budget year, 2023Oct is.
      const resources = { dataSet: 'RESOURCES', country: 'TH', period: '2023Jan' };
      const fy = await save(th, resources, [{ dataElement: 'BUDGET_USD', value: 1000 }]);
      expect(fy.statusCode).toBe(400);
      expect(fy.json().error.field).toBe('period');
      const unknownSet = await save(th, { ...form, dataSet: 'NOPE' }, [good]);
      expect(unknownSet.json().error.field).toBe('dataSet');
      expect(await valueTable()).toEqual(before);
      const fyOk = await save(th, { ...resources, period: '2023Oct' }, [
        { dataElement: 'BUDGET_USD', value: 1000.5 },
      ]);
      expect(fyOk.statusCode, fyOk.body).toBe(200);
    });

    it('keeps countries apart: a Thai focal point cannot read for entry or write Viet Nam', async () => {
      const before = await valueTable();
      const read = await get(th, '/api/statistics/entry?dataSet=VICTIMS&country=VN&period=2023');
      expect(read.statusCode).toBe(403);
      const write = await save(th, { dataSet: 'VICTIMS', country: 'VN', period: '2023' }, [
        { dataElement: 'VICTIMS_IDENTIFIED', value: 5 },
      ]);
      expect(write.statusCode).toBe(403);
      const violations = await get(th, '/api/statistics/violations?country=VN');
      expect(violations.statusCode).toBe(403);
      expect(await valueTable()).toEqual(before);
      // The Secretariat reads published figures, not the unsuppressed entry form.
      const sec = await get(
        secretariat,
        '/api/statistics/entry?dataSet=VICTIMS&country=TH&period=2023',
      );
      expect(sec.statusCode).toBe(403);
      const denied = await t.handle.db
        .selectFrom('audit_event')
        .select(['target_id', 'actor_user_id'])
        .where('action', '=', 'access.denied')
        .where('target_type', '=', 'statistic')
        .where('actor_user_id', '=', th.userId)
        .execute();
      expect(denied.filter((d) => d.target_id === 'VN')).toHaveLength(3);
    });

    it('records findings: open → resolved → open again → annotated, kept across saves', async () => {
      const form = { dataSet: 'VICTIMS', country: 'TH', period: '2022' };
      const broken = await save(th, form, [
        { dataElement: 'VICTIMS_IDENTIFIED', value: 100 },
        { dataElement: 'VICTIMS_IDENTIFIED', disaggregation: { sex: 'M' }, value: 30 },
        { dataElement: 'VICTIMS_IDENTIFIED', disaggregation: { sex: 'F' }, value: 50 },
      ]);
      expect(broken.statusCode, broken.body).toBe(200);
      const open = broken.json().openViolations;
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({
        ruleCode: 'SEX_SUM',
        kind: 'SumOfParts',
        dataElement: 'VICTIMS_IDENTIFIED',
        country: 'TH',
        period: '2022',
        actual: 100,
        expected: 80,
        status: 'Open',
        annotation: null,
      });
      expect(open[0].cells[0]).toMatchObject({ disaggregation: {} });
      const id = open[0].id as string;

      const listed = await get(th, '/api/statistics/violations?period=2022');
      expect(listed.json()).toMatchObject({ total: 1, items: [{ id, status: 'Open' }] });

      const fixed = await save(th, form, [
        { dataElement: 'VICTIMS_IDENTIFIED', disaggregation: { sex: 'F' }, value: 70 },
      ]);
      expect(fixed.json().openViolations).toEqual([]);
      const resolved = await get(th, '/api/statistics/violations?status=Resolved&period=2022');
      expect(resolved.json().items).toEqual([expect.objectContaining({ id, status: 'Resolved' })]);
      const row = await t.handle.db
        .selectFrom('stat_violation')
        .select('resolved_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.resolved_at).not.toBeNull();

      const annotateResolved = await post(th, `/api/statistics/violations/${id}/annotate`, {
        annotation: 'as printed',
      });
      expect(annotateResolved.statusCode).toBe(409);

      const again = await save(th, form, [
        { dataElement: 'VICTIMS_IDENTIFIED', disaggregation: { sex: 'F' }, value: 50 },
      ]);
      expect(again.json().openViolations).toEqual([
        expect.objectContaining({ id, status: 'Open', expected: 80 }),
      ]);

      const short = await post(th, `/api/statistics/violations/${id}/annotate`, { annotation: '' });
      expect(short.json().error.field).toBe('annotation');
      const foreign = await post(kh, `/api/statistics/violations/${id}/annotate`, {
        annotation: 'Cambodia explains Thailand',
      });
      expect(foreign.statusCode).toBe(403);
      const annotated = await post(th, `/api/statistics/violations/${id}/annotate`, {
        annotation: 'As printed by the source: sex not stated for 20 persons',
      });
      expect(annotated.statusCode, annotated.body).toBe(200);
      expect(annotated.json()).toMatchObject({ id, status: 'Annotated' });

      // Another change in the same block leaves the explained finding as it is.
      const other = await save(th, form, [
        { dataElement: 'VICTIMS_IDENTIFIED', disaggregation: { sex: 'X' }, value: 0 },
      ]);
      expect(other.json().openViolations).toEqual([
        expect.objectContaining({ id, status: 'Annotated', expected: 80 }),
      ]);
      const list = await get(th, '/api/statistics/violations?status=Annotated');
      expect(list.json().items).toEqual([
        expect.objectContaining({
          id,
          annotation: 'As printed by the source: sex not stated for 20 persons',
        }),
      ]);
      const khList = await get(kh, '/api/statistics/violations?status=any&period=2022');
      expect(khList.json()).toEqual({ items: [], total: 0 });
      const all = await get(secretariat, '/api/statistics/violations?status=any');
      expect(all.json().total).toBeGreaterThanOrEqual(1);
      expect(await auditActions('statistics.violation_annotate')).toHaveLength(1);

      // A full run over every stored value finds the same and keeps the annotation.
      await revalidateAllStatistics(t.handle.db, new Date());
      const kept = await t.handle.db
        .selectFrom('stat_violation')
        .select(['status', 'annotation'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(kept.status).toBe('Annotated');
    });

    it('approves (locks, returns the findings), refuses a second approval, un-approves with a reason', async () => {
      const key = { dataSet: 'VICTIMS', country: 'TH', period: '2022' };
      expect((await post(kh, '/api/statistics/approvals/approve', key)).statusCode).toBe(403);
      expect((await post(secretariat, '/api/statistics/approvals/approve', key)).statusCode).toBe(
        403,
      );
      const empty = await post(th, '/api/statistics/approvals/approve', {
        ...key,
        period: '2030',
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.field).toBe('period');

      const approved = await post(th, '/api/statistics/approvals/approve', key);
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json().approval).toMatchObject({
        ...key,
        status: 'Approved',
        version: 1,
        approvedBy: th.userId,
      });
      expect(approved.json().openViolations).toEqual([
        expect.objectContaining({ ruleCode: 'SEX_SUM', status: 'Annotated' }),
      ]);
      const twice = await post(th, '/api/statistics/approvals/approve', key);
      expect(twice.statusCode).toBe(409);

      const before = await valueTable();
      const locked = await save(th, key, [
        { dataElement: 'VICTIMS_IDENTIFIED', disaggregation: { sex: 'F' }, value: 70 },
      ]);
      expect(locked.statusCode).toBe(409);
      expect(await valueTable()).toEqual(before);
      const form = await get(th, '/api/statistics/entry?dataSet=VICTIMS&country=TH&period=2022');
      expect(form.json()).toMatchObject({ isLocked: true, approval: { status: 'Approved' } });

      const list = await get(th, '/api/statistics/approvals');
      const items = list.json().items as { dataSet: string; period: string; status: string }[];
      expect(items).toContainEqual(expect.objectContaining({ ...key, status: 'Approved' }));
      expect(items).toContainEqual(
        expect.objectContaining({ dataSet: 'VICTIMS', period: '2023', status: 'Open' }),
      );
      expect(items.every((i) => (i as { country?: string }).country === 'TH')).toBe(true);
      const foreign = await get(th, '/api/statistics/approvals?country=VN');
      expect(foreign.statusCode).toBe(403);

      const noReason = await post(th, '/api/statistics/approvals/unapprove', key);
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.field).toBe('reason');
      const un = await post(th, '/api/statistics/approvals/unapprove', {
        ...key,
        reason: 'Female count corrected by MSDHS',
      });
      expect(un.statusCode, un.body).toBe(200);
      expect(un.json()).toMatchObject({
        status: 'Unapproved',
        version: 1,
        reason: 'Female count corrected by MSDHS',
      });
      expect(
        (await post(th, '/api/statistics/approvals/unapprove', { ...key, reason: 'again please' }))
          .statusCode,
      ).toBe(409);

      const corrected = await save(th, key, [
        { dataElement: 'VICTIMS_IDENTIFIED', disaggregation: { sex: 'F' }, value: 70 },
      ]);
      expect(corrected.statusCode, corrected.body).toBe(200);
      expect(corrected.json().openViolations).toEqual([]);
      const reapproved = await post(th, '/api/statistics/approvals/approve', key);
      expect(reapproved.json()).toMatchObject({
        approval: { status: 'Approved', version: 2 },
        openViolations: [],
      });

      const approvals = await auditActions('statistics.approve');
      expect(approvals.map((a) => a.outcome)).toEqual(['success', 'success']);
      expect(approvals.map((a) => (a.details as { version: number }).version)).toEqual([1, 2]);
      const unapprovals = await auditActions('statistics.unapprove');
      expect(unapprovals).toHaveLength(1);
      expect(unapprovals[0]?.details).toMatchObject({
        reason: 'Female count corrected by MSDHS',
        version: 1,
      });
    });

    it('disables a rule (its findings resolve) and enables it again (they come back)', async () => {
      const form = { dataSet: 'JUSTICE', country: 'TH', period: '2022' };
      const saved = await save(th, form, [
        { dataElement: 'SUSPECTS', value: 10 },
        { dataElement: 'SUSPECTS', disaggregation: { sex: 'M' }, value: 4 },
      ]);
      expect(saved.json().openViolations).toEqual([
        expect.objectContaining({ ruleCode: 'SEX_SUM', status: 'Open' }),
      ]);
      expect(
        (await put(th, '/api/statistics/rules/SEX_SUM', { isEnabled: false })).statusCode,
      ).toBe(403);
      const off = await put(admin, '/api/statistics/rules/SEX_SUM', { isEnabled: false });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json()).toMatchObject({ code: 'SEX_SUM', isEnabled: false });
      const quiet = await get(th, '/api/statistics/entry?dataSet=JUSTICE&country=TH&period=2022');
      expect(quiet.json().openViolations).toEqual([]);
      const on = await put(admin, '/api/statistics/rules/SEX_SUM', { isEnabled: true });
      expect(on.json()).toMatchObject({ isEnabled: true });
      const back = await get(th, '/api/statistics/entry?dataSet=JUSTICE&country=TH&period=2022');
      expect(back.json().openViolations).toEqual([
        expect.objectContaining({ ruleCode: 'SEX_SUM', status: 'Open', actual: 10, expected: 4 }),
      ]);
      const unknown = await put(admin, '/api/statistics/rules/NO_SUCH_RULE', { isEnabled: true });
      expect(unknown.statusCode).toBe(404);
    });
  });
}
