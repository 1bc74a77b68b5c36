/**
 * Plans, report area: monitoring reports through the API on both engines — the builder's checks,
 * access by country, a background generation run with progress, the PDF (Paged.js: contents and
 * page numbers), the XLSX annex and the HTML preview, finalise (lock) and an audited reopen.
 * The other areas' rows the report reads are inserted here.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../packages/cli/src/test-helpers';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

type Json = Record<string, unknown>;

const KM_NARRATIVE = 'កិច្ចប្រជុំថ្នាក់ជាតិត្រូវបានរៀបចំឡើង';
const EN_NARRATIVE = 'A national coordination meeting was held with all task-force agencies.';
const TH_NARRATIVE = 'มีการประชุมคณะทำงานระดับชาติ';

for (const engine of DB_TARGETS) {
  describe(`${engine}: plans report`, () => {
    let t: TestApp;
    let th: Client;
    let kh: Client;
    let secretariat: Client;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      [th, kh, secretariat] = await Promise.all([
        loginAs(t.app, 'th.focal'),
        loginAs(t.app, 'kh.focal'),
        loginAs(t.app, 'secretariat'),
      ]);
      await insertPlanRows();
    }, 120_000);
    afterAll(async () => {
      await t.close();
    });

    const get = (c: Client, url: string) => c.request({ method: 'GET', url });
    const put = (c: Client, url: string, payload: unknown) =>
      c.request({ method: 'PUT', url, payload: payload as Json });
    const post = (c: Client, url: string, payload: unknown = {}) =>
      c.request({ method: 'POST', url, payload: payload as Json });

    const auditRows = async (action: string) =>
      t.handle.db
        .selectFrom('audit_event')
        .select(['action', 'outcome', 'details', 'target_id'])
        .where('action', '=', action)
        .orderBy('seq')
        .execute();

    /** Rows of the other plans areas, as their services would leave them (SPA III, 2014). */
    async function insertPlanRows(): Promise<void> {
      const db = t.handle.db;
      const acts = await db
        .selectFrom('plan_node')
        .select(['id', 'code', 'parent_id'])
        .where('framework_id', '=', 'SPA3')
        .where('kind', '=', 'activity')
        .orderBy('position')
        .limit(3)
        .execute();
      const target = await db
        .selectFrom('plan_node')
        .select(['id'])
        .where('framework_id', '=', 'SPA3')
        .where('kind', '=', 'target')
        .orderBy('position')
        .executeTakeFirstOrThrow();
      for (const [country, currency, rate, lang, text] of [
        ['KH', 'KHR', 4000, 'km', KM_NARRATIVE],
        ['TH', 'THB', 32, 'th', TH_NARRATIVE],
      ] as const) {
        const wp = crypto.randomUUID();
        await db
          .insertInto('workplan')
          .values({
            id: wp,
            country_code: country,
            framework_id: 'SPA3',
            year: 2014,
            currency,
            usd_rate: rate,
          })
          .execute();
        const report = crypto.randomUUID();
        await db
          .insertInto('progress_report')
          .values({ id: report, workplan_id: wp, period: '2014', status: 'Approved' })
          .execute();
        for (const [i, a] of acts.entries()) {
          const wa = crypto.randomUUID();
          await db
            .insertInto('workplan_activity')
            .values({
              id: wa,
              workplan_id: wp,
              node_id: a.id,
              title: `${country} activity ${a.code}`,
              position: i,
            })
            .execute();
          const entry = crypto.randomUUID();
          await db
            .insertInto('progress_entry')
            .values({
              id: entry,
              report_id: report,
              workplan_activity_id: wa,
              status: ['Completed', 'InProgress', 'NotStarted'][i] as string,
              narrative_en: `${EN_NARRATIVE} (${country} ${a.code})`,
              narrative_local: text,
              narrative_lang: lang,
              budget_spent: 8000,
              spent_currency: currency,
              spent_usd_rate: rate,
            })
            .execute();
          await db
            .insertInto('progress_quantity')
            .values({ entry_id: entry, trainee_type: 'POLICE', sex: 'Female', count: 5 })
            .execute();
        }
        // A Submitted (not approved) report never reaches the report.
        const wp2013 = crypto.randomUUID();
        await db
          .insertInto('workplan')
          .values({
            id: wp2013,
            country_code: country,
            framework_id: 'SPA3',
            year: 2013,
            currency,
            usd_rate: rate,
          })
          .execute();
      }
      const training = crypto.randomUUID();
      await db
        .insertInto('training_event')
        .values({
          id: training,
          country_code: 'KH',
          level: 'National',
          title: 'Victim identification training for border police',
          year_start: 2014,
          year_end: 2014,
          framework_id: 'SPA3',
        })
        .execute();
      await db
        .insertInto('training_target')
        .values({ training_id: training, target_node_id: target.id })
        .execute();
      await db
        .insertInto('training_participant_count')
        .values({
          id: crypto.randomUUID(),
          training_id: training,
          trainee_type: 'POLICE',
          sex: 'Total',
          count: 42,
        })
        .execute();
      await db
        .insertInto('budget_allocation')
        .values({
          id: crypto.randomUUID(),
          country_code: 'TH',
          recipient: 'Anti-trafficking fund (test row)',
          amount_local: 3_200_000,
          currency: 'THB',
          usd_rate: 32,
          period_kind: 'Annual',
          year_start: 2014,
          year_end: 2014,
        })
        .execute();
      await db
        .insertInto('case_study')
        .values({
          id: crypto.randomUUID(),
          framework_id: 'SPA3',
          country_code: 'TH',
          year: 2014,
          heading: 'Report-test case study heading',
          body_en:
            'A grassroots civil society worker referred a group of workers to the task force.',
          status: 'Approved',
        })
        .execute();
      await db
        .insertInto('case_study')
        .values({
          id: crypto.randomUUID(),
          framework_id: 'SPA3',
          country_code: 'TH',
          year: 2014,
          heading: 'Draft case study never printed',
          body_en: 'Draft.',
          status: 'Draft',
        })
        .execute();
    }

    async function waitForRun(c: Client, reportId: string, runId: string): Promise<Json> {
      const seen: number[] = [];
      for (let i = 0; i < 600; i++) {
        const res = await get(c, `/api/plans/reports/${reportId}/runs/${runId}`);
        expect(res.statusCode, res.body).toBe(200);
        const run = res.json() as Json;
        seen.push(run.progress as number);
        if (run.status === 'Done' || run.status === 'Failed') {
          // Progress never goes backwards.
          expect([...seen].sort((a, b) => a - b)).toEqual(seen);
          return run;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('run did not finish');
    }

    let reportId = '';
    let runId = '';

    it('refuses bad builder input with the field named, changing nothing', async () => {
      const before = await t.handle.db.selectFrom('monitoring_report').select('id').execute();
      const noYear = await post(secretariat, '/api/plans/reports', {
        frameworkId: 'SPA3',
        kind: 'Annual',
      });
      expect(noYear.statusCode).toBe(400);
      expect(noYear.json().error.message).toMatch(/^year/);
      const outside = await post(secretariat, '/api/plans/reports', {
        frameworkId: 'SPA3',
        kind: 'Annual',
        year: 1999,
      });
      expect(outside.statusCode).toBe(400);
      expect(outside.json().error.message).toMatch(/^year/);
      const badFw = await post(secretariat, '/api/plans/reports', {
        frameworkId: 'NOPE',
        kind: 'Final',
      });
      expect(badFw.statusCode).toBe(400);
      expect(badFw.json().error.message).toMatch(/^frameworkId/);
      const badCountry = await post(secretariat, '/api/plans/reports', {
        frameworkId: 'SPA3',
        kind: 'Final',
        countries: ['FR'],
      });
      expect(badCountry.statusCode).toBe(400);
      expect(badCountry.json().error.message).toMatch(/^countries/);
      const badLang = await post(secretariat, '/api/plans/reports', {
        frameworkId: 'SPA3',
        kind: 'Final',
        secondLanguage: 'fr',
      });
      expect(badLang.statusCode).toBe(400);
      expect(badLang.json().error.message).toMatch(/^secondLanguage/);
      const after = await t.handle.db.selectFrom('monitoring_report').select('id').execute();
      expect(after.length).toBe(before.length);
    });

    it('creates a regional annual report; focal points cannot see it or make one for others', async () => {
      const res = await post(secretariat, '/api/plans/reports', {
        frameworkId: 'SPA3',
        kind: 'Annual',
        year: 2014,
        secondLanguage: 'km',
        introduction: 'This test report covers 2014.',
        conclusion: 'The test conclusion.',
      });
      expect(res.statusCode, res.body).toBe(201);
      const report = res.json();
      expect(report).toMatchObject({
        kind: 'Annual',
        year: 2014,
        status: 'Draft',
        version: 1,
        countries: ['KH', 'CN', 'LA', 'MM', 'TH', 'VN'],
      });
      expect(report.title).toMatch(/2014/);
      reportId = report.id;
      expect((await auditRows('plans.report_save')).length).toBeGreaterThanOrEqual(1);

      // A focal point sees no regional report, and cannot open or generate it.
      const list = await get(th, '/api/plans/reports');
      expect(list.statusCode).toBe(200);
      expect(list.json().map((r: Json) => r.id)).not.toContain(reportId);
      expect((await get(th, `/api/plans/reports/${reportId}`)).statusCode).toBe(403);
      expect((await post(th, `/api/plans/reports/${reportId}/runs`)).statusCode).toBe(403);
      const denied = await post(kh, '/api/plans/reports', {
        frameworkId: 'SPA3',
        kind: 'Annual',
        year: 2014,
        countries: ['KH', 'TH'],
      });
      expect(denied.statusCode).toBe(403);
      const denials = await t.handle.db
        .selectFrom('audit_event')
        .select('action')
        .where('action', '=', 'access.denied')
        .execute();
      expect(denials.length).toBeGreaterThan(0);
    });

    it('a focal point makes a report of their own country only and sees only that', async () => {
      const own = await post(kh, '/api/plans/reports', {
        frameworkId: 'SPA3',
        kind: 'Annual',
        year: 2014,
        countries: ['KH'],
      });
      expect(own.statusCode, own.body).toBe(201);
      const khList = (await get(kh, '/api/plans/reports')).json().map((r: Json) => r.id);
      expect(khList).toContain(own.json().id);
      const thList = (await get(th, '/api/plans/reports')).json().map((r: Json) => r.id);
      expect(thList).not.toContain(own.json().id);
      expect((await get(th, `/api/plans/reports/${own.json().id}`)).statusCode).toBe(403);
    });

    it('edits a Draft with optimistic locking', async () => {
      const ok = await put(secretariat, `/api/plans/reports/${reportId}`, {
        version: 1,
        conclusion: 'The test conclusion, revised.',
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().version).toBe(2);
      const stale = await put(secretariat, `/api/plans/reports/${reportId}`, {
        version: 1,
        conclusion: 'lost update',
      });
      expect(stale.statusCode).toBe(409);
      const bad = await put(secretariat, `/api/plans/reports/${reportId}`, {
        version: 2,
        year: 1980,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/^year/);
      const row = await t.handle.db
        .selectFrom('monitoring_report')
        .select(['conclusion', 'version'])
        .where('id', '=', reportId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ conclusion: 'The test conclusion, revised.', version: 2 });
    });

    it('generates in the background with progress: PDF with contents and page numbers, XLSX, HTML', async () => {
      const started = await post(secretariat, `/api/plans/reports/${reportId}/runs`);
      expect(started.statusCode, started.body).toBe(202);
      runId = started.json().id;
      expect(['Queued', 'Running', 'Done']).toContain(started.json().status);
      const again = await post(secretariat, `/api/plans/reports/${reportId}/runs`);
      if (again.statusCode !== 202) {
        expect(again.statusCode).toBe(409);
      }
      const run = await waitForRun(secretariat, reportId, runId);
      expect(run.failure ?? null).toBeNull();
      expect(run).toMatchObject({
        status: 'Done',
        progress: 100,
        stage: 'done',
        hasPdf: true,
        hasXlsx: true,
      });
      expect(run.pageCount as number).toBeGreaterThanOrEqual(4);
      expect((await auditRows('plans.report_generate')).length).toBe(
        again.statusCode === 202 ? 2 : 1,
      );
      if (again.statusCode === 202) {
        await waitForRun(secretariat, reportId, again.json().id);
      }

      const html = await get(secretariat, `/api/plans/reports/${reportId}/runs/${runId}/html`);
      expect(html.statusCode).toBe(200);
      expect(html.headers['content-security-policy']).toMatch(/default-src 'none'/);
      const text = html.body;
      for (const s of [
        '1. Introduction',
        'This test report covers 2014.',
        'The test conclusion, revised.',
        '2.7 : Case studies',
        'Report-test case study heading',
        KM_NARRATIVE,
        'Victim identification training for border police',
        'Anti-trafficking fund (test row)',
        'USD 100,000',
        'target-counter',
        'Progress matrix',
        'មាតិកា',
      ]) {
        expect(text).toContain(s);
      }
      expect(text).not.toContain('Draft case study never printed');
      // The Thai narrative is not the chosen second language: English and Khmer only.
      expect(text).not.toContain(TH_NARRATIVE);
      expect(text).not.toMatch(/<script/i);

      const pdf = await get(secretariat, `/api/plans/reports/${reportId}/runs/${runId}/pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const pdfText = pdf.rawPayload.toString('latin1');
      expect(pdfText).toMatch(/NotoSans/);

      const xlsx = await get(secretariat, `/api/plans/reports/${reportId}/runs/${runId}/xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-disposition']).toMatch(/attachment/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const names = wb.worksheets.map((w) => w.name);
      for (const s of [
        'progress',
        'matrix',
        'trainings',
        'budgets',
        'case_studies',
        'statistics',
      ]) {
        expect(names).toContain(s);
      }
      const progress = wb.getWorksheet('progress');
      expect(progress?.rowCount).toBe(1 + 6);
      const budgets = wb.getWorksheet('budgets');
      const budgetRows: ExcelJS.CellValue[][] = [];
      budgets?.eachRow((row) => {
        budgetRows.push((row.values as ExcelJS.CellValue[]).slice(1));
      });
      const mine = budgetRows.find((r) => r[2] === 'Anti-trafficking fund (test row)');
      // Amount, currency, rate and the USD computed with that rate, as numbers.
      expect(mine?.slice(5, 9)).toEqual([3_200_000, 'THB', 32, 100_000]);

      const downloads = await auditRows('plans.report_download');
      expect(downloads.map((d) => (d.details as Json).output)).toEqual(['html', 'pdf', 'xlsx']);
    }, 120_000);

    it('finalise locks the report; reopen needs a reason and is audited', async () => {
      const current = (await get(secretariat, `/api/plans/reports/${reportId}`)).json();
      // A focal point cannot finalise.
      expect(
        (await post(th, `/api/plans/reports/${reportId}/finalise`, { version: current.version }))
          .statusCode,
      ).toBe(403);
      const fin = await post(secretariat, `/api/plans/reports/${reportId}/finalise`, {
        version: current.version,
      });
      expect(fin.statusCode, fin.body).toBe(200);
      expect(fin.json().status).toBe('Final');
      expect(
        (
          await put(secretariat, `/api/plans/reports/${reportId}`, {
            version: fin.json().version,
            title: 'x',
          })
        ).statusCode,
      ).toBe(409);
      expect((await post(secretariat, `/api/plans/reports/${reportId}/runs`)).statusCode).toBe(409);
      // Downloads still work on a final report.
      expect(
        (await get(secretariat, `/api/plans/reports/${reportId}/runs/${runId}/pdf`)).statusCode,
      ).toBe(200);

      const noReason = await post(secretariat, `/api/plans/reports/${reportId}/reopen`, {
        version: fin.json().version,
      });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.message).toMatch(/^reason/);
      const reopened = await post(secretariat, `/api/plans/reports/${reportId}/reopen`, {
        version: fin.json().version,
        reason: 'Cambodia sent a corrected narrative',
      });
      expect(reopened.statusCode, reopened.body).toBe(200);
      expect(reopened.json().status).toBe('Draft');
      const audits = await auditRows('plans.report_reopen');
      expect(audits.at(-1)?.details).toMatchObject({
        reason: 'Cambodia sent a corrected narrative',
      });
      expect((await auditRows('plans.report_finalise')).length).toBe(1);
    });

    it('a Final evaluation over the whole period prints each year with its period', async () => {
      const res = await post(secretariat, '/api/plans/reports', {
        frameworkId: 'SPA3',
        kind: 'Final',
        secondLanguage: 'th',
        countries: ['TH'],
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().title).toMatch(/^Final Report on the Implementation/);
      const run = await post(secretariat, `/api/plans/reports/${res.json().id}/runs`);
      const done = await waitForRun(secretariat, res.json().id, run.json().id);
      expect(done.status, String(done.failure)).toBe('Done');
      const html = await get(
        secretariat,
        `/api/plans/reports/${res.json().id}/runs/${run.json().id}/html`,
      );
      expect(html.body).toContain(TH_NARRATIVE);
      expect(html.body).not.toContain(KM_NARRATIVE);
      expect(html.body).toContain('(2014)');
    }, 120_000);

    it('`ctip plans report` generates as a user in the foreground and writes the PDF and XLSX', async () => {
      const usage = await runCli(['plans', 'report', '--kind', 'Annual'], { db: t.handle });
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/--year/);
      const dir = await mkdtemp(join(tmpdir(), 'ctip-report-'));
      const out = join(dir, 'annual-2014');
      const ok = await runCli(
        ['plans', 'report', '--kind', 'Annual', '--year', '2014', '--language', 'km', '--out', out],
        { db: t.handle },
      );
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/pages/);
      expect((await readFile(`${out}.pdf`)).subarray(0, 5).toString()).toBe('%PDF-');
      expect((await readFile(`${out}.xlsx`)).subarray(0, 2).toString()).toBe('PK');
      // A focal point's scope holds on the command line too.
      const denied = await runCli(
        ['plans', 'report', '--as', 'th.focal', '--kind', 'Final', '--out', join(dir, 'x')],
        { db: t.handle },
      );
      expect(denied.code).toBe(1);
    }, 120_000);
  });
}
