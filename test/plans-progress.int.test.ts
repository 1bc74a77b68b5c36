/**
 * Plans, progress area: progress reports and entries, evidence, the Secretariat's review (return,
 * approve = lock, reopen with a reason) and the demonstration workplans, through the API on both
 * engines.
 */
import { seedDemoPlans } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

type Json = Record<string, unknown>;

for (const engine of DB_TARGETS) {
  describe(`${engine}: plans progress`, () => {
    let t: TestApp;
    let th: Client;
    let kh: Client;
    let secretariat: Client;
    let thWorkplan: string;
    let reportId: string;

    const get = (c: Client, url: string) => c.request({ method: 'GET', url });
    const post = (c: Client, url: string, payload: unknown) =>
      c.request({ method: 'POST', url, payload: payload as Json });
    const put = (c: Client, url: string, payload: unknown) =>
      c.request({ method: 'PUT', url, payload: payload as Json });
    const audits = (action: string) =>
      t.handle.db
        .selectFrom('audit_event')
        .select(['action', 'outcome', 'details', 'actor_user_id', 'target_id'])
        .where('action', '=', action)
        .orderBy('seq')
        .execute();

    beforeAll(async () => {
      t = await buildTestApp(engine);
      [th, kh, secretariat] = await Promise.all([
        loginAs(t.app, 'th.focal'),
        loginAs(t.app, 'kh.focal'),
        loginAs(t.app, 'secretariat'),
      ]);
      // A Thai workplan for 2013 with three SPA III activities, inserted directly.
      const db = t.handle.db;
      const nodes = await db
        .selectFrom('plan_node')
        .select(['id', 'code', 'title'])
        .where('framework_id', '=', 'SPA3')
        .where('kind', '=', 'activity')
        .orderBy('position')
        .limit(3)
        .execute();
      thWorkplan = crypto.randomUUID();
      await db
        .insertInto('workplan')
        .values({
          id: thWorkplan,
          country_code: 'TH',
          framework_id: 'SPA3',
          year: 2013,
          title: 'Thai workplan 2013 (test)',
          currency: 'THB',
          usd_rate: null,
        })
        .execute();
      await db
        .insertInto('workplan_activity')
        .values(
          nodes.map((n, i) => ({
            id: crypto.randomUUID(),
            workplan_id: thWorkplan,
            node_id: n.id,
            title: `Test activity ${n.code}`,
            position: i,
          })),
        )
        .execute();
    });
    afterAll(async () => {
      await t.close();
    });

    it('starts a report for a period of the workplan year only, in the own country only', async () => {
      const outside = await post(th, '/api/plans/progress', {
        workplanId: thWorkplan,
        period: '2014',
      });
      expect(outside.statusCode).toBe(400);
      expect(outside.json().error.field).toBe('period');
      const notPeriod = await post(th, '/api/plans/progress', {
        workplanId: thWorkplan,
        period: '2013M1',
      });
      expect(notPeriod.json().error.field).toBe('period');
      const noPlan = await post(th, '/api/plans/progress', {
        workplanId: crypto.randomUUID(),
        period: '2013',
      });
      expect(noPlan.json().error.field).toBe('workplanId');

      const other = await post(kh, '/api/plans/progress', {
        workplanId: thWorkplan,
        period: '2013',
      });
      expect(other.statusCode).toBe(403);
      expect((await audits('access.denied')).some((a) => a.actor_user_id === kh.userId)).toBe(true);
      expect(await t.handle.db.selectFrom('progress_report').select('id').execute()).toHaveLength(
        0,
      );

      const created = await post(th, '/api/plans/progress', {
        workplanId: thWorkplan,
        period: '2013',
      });
      expect(created.statusCode, created.body).toBe(201);
      const report = created.json();
      reportId = report.id;
      expect(report).toMatchObject({
        countryCode: 'TH',
        period: '2013',
        status: 'Draft',
        editable: true,
        narrativeLanguage: 'th',
      });
      expect(report.entries).toHaveLength(3);
      expect(report.entries[0]).toMatchObject({ status: 'NotStarted', version: 1, quantities: [] });

      const again = await post(th, '/api/plans/progress', {
        workplanId: thWorkplan,
        period: '2013',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.field).toBe('period');
      expect((await audits('plans.progress_save')).at(-1)?.details).toMatchObject({ op: 'create' });
    });

    it('filters every read by country', async () => {
      expect((await get(kh, `/api/plans/progress/${reportId}`)).statusCode).toBe(403);
      const khList = await get(kh, '/api/plans/progress');
      expect(khList.statusCode).toBe(200);
      expect(khList.json().map((r: Json) => r.id)).not.toContain(reportId);
      expect((await get(th, '/api/plans/progress')).json().map((r: Json) => r.id)).toContain(
        reportId,
      );
      expect(
        (await get(secretariat, '/api/plans/progress?country=TH')).json().map((r: Json) => r.id),
      ).toContain(reportId);
      expect((await get(th, '/api/plans/review-queue')).statusCode).toBe(403);
    });

    it('saves entries at a version with money and grid checks, field-named', async () => {
      const report = (await get(th, `/api/plans/progress/${reportId}`)).json();
      const entry = report.entries[0];
      const url = `/api/plans/progress/${reportId}/entries/${entry.id}`;

      const noRate = await put(th, url, { version: 1, budgetSpent: 1000 });
      expect(noRate.statusCode).toBe(400);
      expect(noRate.json().error.field).toBe('spentUsdRate');
      const wrongCurrency = await put(th, url, {
        version: 1,
        budgetSpent: 1000,
        spentCurrency: 'LAK',
        spentUsdRate: 8000,
      });
      expect(wrongCurrency.json().error.field).toBe('spentCurrency');
      const badType = await put(th, url, {
        version: 1,
        quantities: [{ traineeType: 'police', sex: 'Female', count: 3 }],
      });
      expect(badType.json().error.field).toBe('quantities.0.traineeType');
      const negative = await put(th, url, {
        version: 1,
        quantities: [{ traineeType: 'government', sex: 'Female', count: -1 }],
      });
      expect(negative.json().error.field).toBe('quantities.0.count');
      const twice = await put(th, url, {
        version: 1,
        quantities: [
          { traineeType: 'ngo', sex: 'Male', count: 1 },
          { traineeType: 'ngo', sex: 'Male', count: 2 },
        ],
      });
      expect(twice.json().error.field).toBe('quantities.1');
      expect((await put(kh, url, { version: 1, status: 'Completed' })).statusCode).toBe(403);

      const saved = await put(th, url, {
        version: 1,
        status: 'Completed',
        narrativeLocal: 'ดำเนินการแล้ว',
        narrativeEn: 'Done',
        budgetSpent: 31000,
        spentCurrency: 'THB',
        spentUsdRate: 31,
        quantities: [
          { traineeType: 'government', sex: 'Female', count: 12 },
          { traineeType: 'government', sex: 'Male', count: 9 },
        ],
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({
        version: 2,
        status: 'Completed',
        narrativeLang: 'th',
        spentUsd: 1000,
        quantities: expect.arrayContaining([
          { traineeType: 'government', sex: 'Female', count: 12 },
        ]),
      });
      const stale = await put(th, url, { version: 1, narrativeEn: 'Late' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.field).toBe('version');
      // Fields left out stay.
      const partial = await put(th, url, { version: 2, narrativeEn: 'Done, with a workshop' });
      expect(partial.json()).toMatchObject({
        version: 3,
        budgetSpent: 31000,
        narrativeLocal: 'ดำเนินการแล้ว',
      });
      expect(
        (await audits('plans.progress_save')).filter((a) => (a.details as Json).op === 'entry'),
      ).toHaveLength(2);
    });

    it('stores evidence files and audits every download', async () => {
      const report = (await get(th, `/api/plans/progress/${reportId}`)).json();
      const entry = report.entries[1];
      const base = `/api/plans/progress/${reportId}/entries/${entry.id}/evidence`;
      const bad = await post(th, base, {
        fileName: 'x.txt',
        mediaType: 'text/plain',
        contentBase64: '***',
      });
      expect(bad.json().error.field).toBe('contentBase64');
      const up = await post(th, base, {
        fileName: 'attendance.txt',
        mediaType: 'text/plain',
        contentBase64: Buffer.from('attendance list').toString('base64'),
      });
      expect(up.statusCode, up.body).toBe(201);
      const file = up.json();
      expect(file).toMatchObject({ fileName: 'attendance.txt', sizeBytes: 15 });
      const down = await get(secretariat, `${base}/${file.id}`);
      expect(down.statusCode).toBe(200);
      expect(down.body).toBe('attendance list');
      expect(down.headers['content-disposition']).toContain('attendance.txt');
      expect((await get(kh, `${base}/${file.id}`)).statusCode).toBe(403);
      const reads = await audits('plans.evidence_read');
      expect(reads).toHaveLength(1);
      expect(reads[0]?.actor_user_id).toBe(secretariat.userId);
      expect(await audits('plans.evidence_add')).toHaveLength(1);
      const again = (await get(th, `/api/plans/progress/${reportId}`)).json();
      expect(again.entries[1].evidence).toHaveLength(1);
    });

    it('submits, returns with a comment, approves (lock) and reopens only with a reason', async () => {
      const url = `/api/plans/progress/${reportId}`;
      let report = (await get(th, url)).json();
      const entry = report.entries[0];

      expect((await post(kh, `${url}/submit`, { version: report.version })).statusCode).toBe(403);
      const submitted = await post(th, `${url}/submit`, { version: report.version });
      expect(submitted.statusCode, submitted.body).toBe(200);
      report = submitted.json();
      expect(report).toMatchObject({ status: 'Submitted', editable: false });
      const locked = await put(th, `${url}/entries/${entry.id}`, {
        version: entry.version,
        narrativeEn: 'Changed',
      });
      expect(locked.statusCode).toBe(409);
      expect(locked.json().error.field).toBe('status');

      // The focal point cannot review their own report.
      expect((await post(th, `${url}/approve`, { version: report.version })).statusCode).toBe(403);
      const queue = (await get(secretariat, '/api/plans/review-queue')).json();
      expect(queue.map((r: Json) => r.id)).toContain(reportId);

      const noComment = await post(secretariat, `${url}/return`, { version: report.version });
      expect(noComment.statusCode).toBe(400);
      expect(noComment.json().error.field).toBe('comment');
      const onEntry = await post(secretariat, `${url}/comments`, {
        body: 'Please give the venue.',
        entryId: entry.id,
      });
      expect(onEntry.statusCode, onEntry.body).toBe(201);
      expect(onEntry.json()).toMatchObject({ kind: 'Comment', entryId: entry.id });
      const returned = await post(secretariat, `${url}/return`, {
        version: report.version,
        comment: 'Add the venue of the workshop.',
      });
      expect(returned.json()).toMatchObject({ status: 'Returned' });
      report = (await get(th, url)).json();
      expect(report.editable).toBe(true);
      expect(report.comments.map((c: Json) => c.kind)).toEqual(['Submit', 'Comment', 'Return']);
      const fixed = await put(th, `${url}/entries/${entry.id}`, {
        version: report.entries[0].version,
        narrativeEn: 'Done, at the provincial hall',
      });
      expect(fixed.statusCode).toBe(200);
      report = (await post(th, `${url}/submit`, { version: report.version })).json();
      expect(report.status).toBe('Submitted');

      const stale = await post(secretariat, `${url}/approve`, { version: report.version - 1 });
      expect(stale.statusCode).toBe(409);
      const approved = await post(secretariat, `${url}/approve`, { version: report.version });
      expect(approved.json()).toMatchObject({ status: 'Approved', editable: false });
      report = approved.json();
      expect(
        (
          await put(th, `${url}/entries/${entry.id}`, {
            version: report.entries[0].version,
            status: 'InProgress',
          })
        ).statusCode,
      ).toBe(409);
      expect((await post(th, `${url}/comments`, { body: 'late' })).statusCode).toBe(409);
      expect(
        (await post(th, `${url}/reopen`, { version: report.version, reason: 'x' })).statusCode,
      ).toBe(403);
      const noReason = await post(secretariat, `${url}/reopen`, { version: report.version });
      expect(noReason.json().error.field).toBe('reason');
      const reopened = await post(secretariat, `${url}/reopen`, {
        version: report.version,
        reason: 'The budget figure was in the wrong currency.',
      });
      expect(reopened.json()).toMatchObject({ status: 'Draft' });
      const reopenAudit = await audits('plans.progress_reopen');
      expect(reopenAudit).toHaveLength(1);
      expect(reopenAudit[0]?.details).toMatchObject({
        from: 'Approved',
        to: 'Draft',
        reason: 'The budget figure was in the wrong currency.',
      });
      expect(await audits('plans.progress_approve')).toHaveLength(1);
      expect(await audits('plans.progress_submit')).toHaveLength(2);
    });

    it('seeds demonstration workplans and progress once', async () => {
      const first = await seedDemoPlans(t.ctx);
      // TH 2013 already has the test workplan, so 11 of the 12 country-years are seeded.
      expect(first.workplans).toBe(11);
      expect(first.reports).toBe(11);
      const again = await seedDemoPlans(t.ctx);
      expect(again).toEqual({ workplans: 0, activities: 0, reports: 0 });
      const db = t.handle.db;
      const plans = await db
        .selectFrom('workplan')
        .selectAll()
        .where('is_demo', '=', true)
        .execute();
      expect(plans).toHaveLength(11);
      for (const p of plans) {
        const acts = await db
          .selectFrom('workplan_activity as a')
          .innerJoin('plan_node as n', 'n.id', 'a.node_id')
          .innerJoin('plan_node as area', 'area.id', 'n.parent_id')
          .select(['a.id', 'area.code'])
          .where('a.workplan_id', '=', p.id)
          .execute();
        expect(acts.length).toBeGreaterThanOrEqual(8);
        expect(acts.length).toBeLessThanOrEqual(15);
        expect(new Set(acts.map((a) => a.code)).size).toBe(5);
      }
      const statuses = (
        await db
          .selectFrom('progress_report as r')
          .innerJoin('workplan as w', 'w.id', 'r.workplan_id')
          .select('r.status')
          .where('w.is_demo', '=', true)
          .execute()
      ).map((r) => r.status);
      expect(statuses.filter((s) => s === 'Approved').length).toBeGreaterThan(6);
      expect(statuses.filter((s) => s === 'Submitted')).toHaveLength(2);
      expect(statuses.filter((s) => s === 'Returned')).toHaveLength(1);
      // The demo reports read like real ones, in the national language beside English.
      const queue = (await get(secretariat, '/api/plans/review-queue')).json();
      expect(queue.filter((r: Json) => r.isDemo)).toHaveLength(2);
      const kh2014 = (await get(kh, '/api/plans/progress?year=2014')).json();
      expect(kh2014).toHaveLength(1);
      const khReport = (await get(kh, `/api/plans/progress/${kh2014[0].id}`)).json();
      expect(khReport.status).toBe('Approved');
      expect(khReport.entries.some((e: Json) => e.narrativeLang === 'km' && e.narrativeEn)).toBe(
        true,
      );
    });
  });
}
