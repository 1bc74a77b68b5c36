/**
 * Protection and services through the real API: Thailand's country rules as seeded from the S004
 * CSVs, support plans and services, fund payments within their caps (refusals name the rule and
 * quote its cap), shelter stays creating the Section 37 deadline tasks, tasks, and access limits.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';
import { insertFixtureCase, protectionCounts } from './protection-fixtures';

const DATA = join(import.meta.dirname, '..', 'packages/db/src/seed/reference/data');

/** Minimal CSV reader (quoted fields, commas inside quotes). */
function readCsv(file: string): Record<string, string>[] {
  const text = readFileSync(join(DATA, file), 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') {
      field += ch;
    }
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [head, ...body] = rows as [string[], ...string[][]];
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

type Rule = {
  id: string;
  kind: string;
  key: string;
  config: Record<string, unknown>;
  source: string;
};

for (const engine of DB_TARGETS) {
  describe(`${engine}: protection and services`, () => {
    let t: TestApp;
    let th: Client;
    let kh: Client;
    let rules: Rule[];
    const rule = (entitlement: string) =>
      rules.find(
        (r) => r.kind === 'fund_entitlement' && r.config.entitlement === entitlement,
      ) as Rule;
    const thCase = (nationality: string | null = 'MM') =>
      insertFixtureCase(t.handle.db, {
        agencyId: th.agencyId,
        ownerUserId: th.userId,
        countryCode: 'TH',
        nationality,
      });

    beforeAll(async () => {
      t = await buildTestApp(engine);
      th = await loginAs(t.app, 'th.caseworker');
      kh = await loginAs(t.app, 'kh.caseworker');
      const res = await th.request({ method: 'GET', url: '/api/country-rules?country=TH' });
      expect(res.statusCode).toBe(200);
      rules = res.json();
    });
    afterAll(async () => {
      await t?.close();
    });

    it('seeds Thailand’s rules exactly from the S004 CSVs', () => {
      const fund = readCsv('s004_thailand_anti_human_trafficking_fund_entitlements.csv');
      const funds = rules.filter((r) => r.kind === 'fund_entitlement');
      expect(funds).toHaveLength(fund.length);
      for (const row of fund) {
        const r = rule(row.entitlement as string);
        expect(r.config).toMatchObject({
          cap_text_exact: row.cap_text_exact,
          approval: row.approval,
          currency: 'THB',
          amount: row.amount_thb ? Number(row.amount_thb) : null,
        });
        expect(r.source).toContain('s004_thailand_anti_human_trafficking_fund_entitlements.csv');
      }
      expect(rule('Cost of living').config).toMatchObject({
        amount: 3000,
        per: 'person',
        max_times_per_year: 3,
      });
      expect(rule('Compensation due to inability to work').config).toMatchObject({
        amount: 300,
        per: 'day',
        max_days: 365,
      });
      expect(rule('Accommodation fee').config).toMatchObject({
        amount: null,
        max_times_per_year: null,
      });

      const steps = readCsv('s004_thailand_work_outside_shelter_steps.csv');
      const seededSteps = rules.filter((r) => r.kind === 'deadline_step');
      expect(
        seededSteps.map((s) => [s.config.step_no, s.config.step, s.config.time_limit_text ?? '']),
      ).toEqual(steps.map((s) => [Number(s.step_no), s.step, s.time_limit_before_next_step]));
      expect(seededSteps.map((s) => s.config.days)).toEqual([7, 7, 15, null]);
      expect(seededSteps.map((s) => s.config.applies_to)).toEqual([
        'all',
        'non_citizen',
        'all',
        'all',
      ]);

      const phases = readCsv('s004_thailand_shelter_service_phases.csv');
      const seededPhases = rules.filter((r) => r.kind === 'shelter_phase');
      expect(seededPhases.map((p) => [p.config.phase, p.config.services_text])).toEqual(
        phases.map((p) => [p.phase, p.services]),
      );
      expect(seededPhases.map((p) => [p.config.from_months, p.config.to_months])).toEqual([
        [0, 3],
        [3, 6],
      ]);
    });

    it('records a support plan and services, goals and notes encrypted at rest', async () => {
      const c = await thCase();
      const plan = await th.request({
        method: 'POST',
        url: `/api/cases/${c.id}/support-plans`,
        payload: { goals: 'Safe housing and a job near family' },
      });
      expect(plan.statusCode).toBe(201);
      const svc = await th.request({
        method: 'POST',
        url: `/api/cases/${c.id}/services`,
        payload: {
          type: 'Health',
          planId: plan.json().id,
          status: 'InProgress',
          startDate: '2026-01-05',
          notes: 'Dental check',
        },
      });
      expect(svc.statusCode).toBe(201);
      const list = await th.request({ method: 'GET', url: `/api/cases/${c.id}/support-plans` });
      expect(list.json()).toMatchObject({
        plans: [{ goals: 'Safe housing and a job near family', status: 'Active' }],
        services: [{ type: 'Health', status: 'InProgress', notes: 'Dental check' }],
      });
      const row = await t.handle.db
        .selectFrom('support_service')
        .select('notes_enc')
        .where('case_id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(row.notes_enc).not.toContain('Dental');
      const patched = await th.request({
        method: 'PATCH',
        url: `/api/cases/${c.id}/services/${svc.json().id}`,
        payload: { status: 'Delivered', endDate: '2026-02-01' },
      });
      expect(patched.statusCode).toBe(200);
    });

    it('refuses bad input with 400 naming the field, writing nothing', async () => {
      const c = await thCase();
      const before = await protectionCounts(t.handle.db);
      const bad = await th.request({
        method: 'POST',
        url: `/api/cases/${c.id}/services`,
        payload: { type: 'Spa', status: 'Planned' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'type' });
      const badDate = await th.request({
        method: 'POST',
        url: `/api/cases/${c.id}/shelter-stays`,
        payload: { admittedOn: '2026-02-31' },
      });
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json().error.field).toBe('admittedOn');
      const badAmount = await th.request({
        method: 'POST',
        url: `/api/cases/${c.id}/fund-payments`,
        payload: {
          ruleId: rule('Cost of living').id,
          amount: -5,
          currency: 'THB',
          paidOn: '2026-01-01',
        },
      });
      expect(badAmount.statusCode).toBe(400);
      expect(badAmount.json().error.field).toBe('amount');
      expect(await protectionCounts(t.handle.db)).toEqual(before);
    });

    it('pays cost of living up to 3,000 baht and refuses 3,001 naming the rule', async () => {
      const c = await thCase();
      const pay = (amount: number, paidOn = '2026-03-01') =>
        th.request({
          method: 'POST',
          url: `/api/cases/${c.id}/fund-payments`,
          payload: { ruleId: rule('Cost of living').id, amount, currency: 'THB', paidOn },
        });
      expect((await pay(3000)).statusCode).toBe(201);
      const before = await protectionCounts(t.handle.db);
      const refused = await pay(3001);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({
        code: 'INVALID_INPUT',
        field: 'amount',
        message: 'Cost of living: 3,000 baht per person limited to 3 times a year',
      });
      expect(await protectionCounts(t.handle.db)).toEqual(before);
      const audit = await t.handle.db
        .selectFrom('audit_event')
        .select(['action', 'outcome', 'details'])
        .where('target_id', '=', c.id)
        .where('action', 'in', ['fund.payment', 'fund.refused'])
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => [a.action, a.outcome])).toEqual([
        ['fund.payment', 'success'],
        ['fund.refused', 'failure'],
      ]);
      expect(audit[1]?.details).toEqual({ rule: 'cost_of_living', violation: 'amount_cap' });
    });

    it('refuses a 4th payment of an entitlement in the same calendar year', async () => {
      const c = await thCase();
      const pay = (paidOn: string) =>
        th.request({
          method: 'POST',
          url: `/api/cases/${c.id}/fund-payments`,
          payload: { ruleId: rule('Medical expenses').id, amount: 1000, currency: 'THB', paidOn },
        });
      for (const d of ['2026-01-10', '2026-05-10', '2026-09-10']) {
        expect((await pay(d)).statusCode).toBe(201);
      }
      const fourth = await pay('2026-12-31');
      expect(fourth.statusCode).toBe(400);
      expect(fourth.json().error).toMatchObject({
        field: 'entitlement',
        message: 'Medical expenses: 30,000 baht person limited to 3 times a year',
      });
      expect((await pay('2027-01-01')).statusCode).toBe(201);
      const list = await th.request({ method: 'GET', url: `/api/cases/${c.id}/fund-payments` });
      expect(list.json()).toHaveLength(4);
    });

    it('caps compensation for inability to work at 300 baht a day for 365 days', async () => {
      const c = await thCase();
      const pay = (days: number, amount = days * 300) =>
        th.request({
          method: 'POST',
          url: `/api/cases/${c.id}/fund-payments`,
          payload: {
            ruleId: rule('Compensation due to inability to work').id,
            amount,
            days,
            currency: 'THB',
            paidOn: '2026-06-01',
          },
        });
      expect((await pay(300)).statusCode).toBe(201);
      const over = await pay(66);
      expect(over.statusCode).toBe(400);
      expect(over.json().error).toMatchObject({
        field: 'days',
        message: 'Compensation due to inability to work: 300 baht per day limited to 1 year',
      });
      expect((await pay(10, 3001)).json().error.field).toBe('amount');
      expect((await pay(65)).statusCode).toBe(201);
    });

    it('pays a person who declined protection', async () => {
      const c = await thCase();
      await t.handle.db
        .insertInto('rights_notification')
        .values({
          id: crypto.randomUUID(),
          case_id: c.id,
          place: 'Bangkok',
          notified_on: '2026-01-02',
          language: 'my',
          acknowledged: true,
          wishes_protection: false,
          official_user_id: th.userId,
        })
        .execute();
      const res = await th.request({
        method: 'POST',
        url: `/api/cases/${c.id}/fund-payments`,
        payload: {
          ruleId: rule('Cost of returning to place of origin').id,
          amount: 2500,
          currency: 'THB',
          paidOn: '2026-01-03',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    });

    it('allows an uncapped entitlement, recording the committee approval', async () => {
      const c = await thCase();
      const res = await th.request({
        method: 'POST',
        url: `/api/cases/${c.id}/fund-payments`,
        payload: {
          ruleId: rule('Accommodation fee').id,
          amount: 50_000,
          currency: 'THB',
          paidOn: '2026-01-01',
        },
      });
      expect(res.statusCode).toBe(201);
      const row = await t.handle.db
        .selectFrom('fund_payment')
        .select('approved_by_text')
        .where('case_id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(row.approved_by_text).toBe('Anti-Human Trafficking Fund Committee, case by case');
    });

    it('creates the Section 37 tasks from a TH shelter stay: temporary stay only for non-Thai', async () => {
      const foreign = await thCase('MM');
      const thai = await thCase('TH');
      for (const c of [foreign, thai]) {
        const res = await th.request({
          method: 'POST',
          url: `/api/cases/${c.id}/shelter-stays`,
          payload: { admittedOn: '2026-01-01', worksOutside: true },
        });
        expect(res.statusCode).toBe(201);
      }
      const res = await th.request({ method: 'GET', url: '/api/tasks?scope=mine&status=open' });
      expect(res.statusCode).toBe(200);
      const tasks = res.json() as {
        id: string;
        caseCode: string;
        kind: string;
        params: { ruleKey: string };
        dueOn: string;
        isOverdue: boolean;
      }[];
      const of = (code: string) =>
        tasks.filter((x) => x.caseCode === code).map((x) => [x.params.ruleKey, x.dueOn]);
      expect(of(foreign.code)).toEqual([
        ['work_outside_shelter_1', '2026-01-08'],
        ['work_outside_shelter_2', '2026-01-15'],
        ['work_outside_shelter_3', '2026-01-30'],
        ['work_outside_shelter_4', '2026-01-30'],
      ]);
      expect(of(thai.code)).toEqual([
        ['work_outside_shelter_1', '2026-01-08'],
        ['work_outside_shelter_3', '2026-01-23'],
        ['work_outside_shelter_4', '2026-01-23'],
      ]);
      expect(tasks.every((x) => x.kind === 'deadline_step' && x.isOverdue)).toBe(true);
      const agency = await th.request({ method: 'GET', url: '/api/tasks?scope=agency' });
      expect(agency.json().length).toBeGreaterThanOrEqual(7);

      const one = tasks.find((x) => x.caseCode === thai.code) as { id: string };
      const done = await th.request({ method: 'POST', url: `/api/tasks/${one.id}/complete` });
      expect(done.statusCode, done.body).toBe(200);
      const doneList = await th.request({ method: 'GET', url: '/api/tasks?status=done' });
      expect(doneList.json().map((x: { id: string }) => x.id)).toContain(one.id);
      const undo = await th.request({
        method: 'POST',
        url: `/api/tasks/${one.id}/complete`,
        payload: { done: false },
      });
      expect(undo.json().doneAt).toBeNull();

      const stays = await th.request({ method: 'GET', url: `/api/cases/${thai.id}/shelter-stays` });
      expect(stays.json()[0]).toMatchObject({ admittedOn: '2026-01-01', worksOutside: true });
      expect(stays.json()[0].currentPhase.phase).toMatch(/Month/);
      expect(stays.json()[0].currentPhase.services.length).toBeGreaterThan(0);
    });

    it('keeps a Cambodian case worker out of a Thai case (403, audited, nothing written)', async () => {
      const c = await thCase();
      const before = await protectionCounts(t.handle.db);
      const calls = [
        { method: 'GET' as const, url: `/api/cases/${c.id}/support-plans` },
        { method: 'GET' as const, url: `/api/cases/${c.id}/fund-payments` },
        {
          method: 'POST' as const,
          url: `/api/cases/${c.id}/services`,
          payload: { type: 'Legal' },
        },
        {
          method: 'POST' as const,
          url: `/api/cases/${c.id}/shelter-stays`,
          payload: { admittedOn: '2026-01-01' },
        },
        {
          method: 'POST' as const,
          url: `/api/cases/${c.id}/fund-payments`,
          payload: {
            ruleId: rule('Cost of living').id,
            amount: 10,
            currency: 'THB',
            paidOn: '2026-01-01',
          },
        },
      ];
      for (const call of calls) {
        const res = await kh.request(call);
        expect(res.statusCode, call.url).toBe(403);
      }
      expect(await protectionCounts(t.handle.db)).toEqual(before);
      const denied = await t.handle.db
        .selectFrom('audit_event')
        .select('action')
        .where('target_id', '=', c.id)
        .where('action', '=', 'access.denied')
        .execute();
      expect(denied.length).toBe(calls.length);
    });
  });
}
