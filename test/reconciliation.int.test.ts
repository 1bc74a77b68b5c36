import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';
import { insertAgreement, insertSharedCase } from './meeting-fixtures';

for (const engine of DB_TARGETS) {
  describe(`${engine}: reconciliation of returns`, () => {
    let t: TestApp;
    let focal: Client;
    const codes: Record<string, string> = {};
    beforeAll(async () => {
      t = await buildTestApp(engine);
      focal = await loginAs(t.app, 'th.focal');
      const agreementId = await insertAgreement(t.ctx.db, { parties: ['TH', 'MM'] });
      const add = async (
        key: string,
        o: Partial<Parameters<typeof insertSharedCase>[1]> & { from?: string; to?: string },
      ) => {
        const c = await insertSharedCase(t.ctx.db, {
          agreementId,
          from: 'TH',
          to: 'MM',
          caseCode: `TH-REC-${key}`,
          ...o,
        });
        codes[key] = c.caseCode;
      };
      // A = Thailand (hands over), B = Myanmar (receives); period 2019.
      await add('MATCH', {
        sex: 'Female',
        ageGroup: 'Child',
        handedOverOn: '2019-03-01',
        receivedOn: '2019-03-02',
      });
      await add('SENTONLY', { sex: 'Male', ageGroup: 'Adult', handedOverOn: '2019-05-01' });
      await add('RECVONLY', { sex: 'Female', ageGroup: 'Adult', receivedOn: '2019-06-01' });
      await add('LATEYEAR', {
        sex: 'Male',
        ageGroup: 'Child',
        handedOverOn: '2019-12-30',
        receivedOn: '2020-01-02',
      });
      await add('EARLYYEAR', {
        sex: 'Female',
        ageGroup: 'Child',
        handedOverOn: '2018-12-31',
        receivedOn: '2019-01-01',
      });
      // The other direction and another year: not counted.
      await add('OTHERWAY', {
        from: 'MM',
        to: 'TH',
        caseCode: 'MM-REC-OTHERWAY',
        handedOverOn: '2019-04-01',
      });
      await add('OLD', { handedOverOn: '2017-04-01', receivedOn: '2017-04-02' });
      // Only A's side on this node, with both steps recorded on it.
      await add('ONESIDE', {
        sex: 'Male',
        ageGroup: 'Adult',
        handedOverOn: '2019-07-01',
        receivedOn: '2019-07-03',
        senderOnly: true,
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('counts sent against received by sex and age group, listing each kind of mismatch', async () => {
      const res = await focal.request({
        method: 'GET',
        url: '/api/cross-border/reconciliation?from=TH&to=MM&period=2019',
      });
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json();
      expect(r).toMatchObject({ from: 'TH', to: 'MM', period: '2019' });
      expect(r.totals).toEqual({ sent: 4, received: 4 });
      expect(r.cells).toEqual([
        { sex: 'Female', ageGroup: 'Adult', sent: 0, received: 1 },
        { sex: 'Female', ageGroup: 'Child', sent: 1, received: 2 },
        { sex: 'Male', ageGroup: 'Adult', sent: 2, received: 1 },
        { sex: 'Male', ageGroup: 'Child', sent: 1, received: 0 },
      ]);
      const problems = Object.fromEntries(
        r.mismatches.map((m: { caseCode: string; problem: string }) => [m.caseCode, m.problem]),
      );
      expect(problems).toEqual({
        'TH-REC-SENTONLY': 'sent_not_received',
        'TH-REC-RECVONLY': 'received_not_sent',
        'TH-REC-LATEYEAR': 'different_period',
        'TH-REC-EARLYYEAR': 'different_period',
      });
      const late = r.mismatches.find((m: { caseCode: string }) => m.caseCode === 'TH-REC-LATEYEAR');
      expect(late).toMatchObject({ handedOverOn: '2019-12-30', receivedOn: '2020-01-02' });
    });

    it('reconciles a quarter and the other direction separately', async () => {
      const q1 = (
        await focal.request({
          method: 'GET',
          url: '/api/cross-border/reconciliation?from=TH&to=MM&period=2019Q1',
        })
      ).json();
      expect(q1.totals).toEqual({ sent: 1, received: 2 });
      expect(q1.mismatches.map((m: { caseCode: string }) => m.caseCode)).toEqual([
        'TH-REC-EARLYYEAR',
      ]);
      const back = (
        await focal.request({
          method: 'GET',
          url: '/api/cross-border/reconciliation?from=MM&to=TH&period=2019',
        })
      ).json();
      expect(back.totals).toEqual({ sent: 1, received: 0 });
      expect(back.mismatches).toEqual([
        expect.objectContaining({ caseCode: 'MM-REC-OTHERWAY', problem: 'sent_not_received' }),
      ]);
    });

    it('exports the table and the mismatches as CSV without personal data, audited', async () => {
      const res = await focal.request({
        method: 'GET',
        url: '/api/cross-border/reconciliation?from=TH&to=MM&period=2019&format=csv',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain('reconciliation-TH-MM-2019.csv');
      const lines = res.body.trim().split('\r\n');
      expect(lines).toContain('sex,age_group,sent,received,difference');
      expect(lines).toContain('Female,Child,1,2,-1');
      expect(lines).toContain('Total,,4,4,0');
      expect(lines).toContain('TH-REC-SENTONLY,sent_not_received,2019-05-01,');
      const audit = await t.ctx.db
        .selectFrom('audit_event')
        .select(['details'])
        .where('action', '=', 'crossborder.search')
        .where('actor_user_id', '=', focal.userId)
        .execute();
      expect(audit.map((a) => (a.details as { format?: string }).format).sort()).toContain('csv');
    });

    it('names the field of a bad period or country', async () => {
      for (const [qs, field] of [
        ['from=TH&to=MM&period=2019Q5', 'period'],
        ['from=TH&to=MM&period=19', 'period'],
        ['from=th&to=MM&period=2019', 'from'],
        ['from=TH&period=2019', 'to'],
      ] as const) {
        const res = await focal.request({
          method: 'GET',
          url: `/api/cross-border/reconciliation?${qs}`,
        });
        expect(res.statusCode, qs).toBe(400);
        expect(res.json().error.field, qs).toBe(field);
      }
    });

    it('needs shared-case read in either country', async () => {
      for (const user of ['kh.caseworker', 'secretariat', 'la.focal']) {
        const c = await loginAs(t.app, user);
        const res = await c.request({
          method: 'GET',
          url: '/api/cross-border/reconciliation?from=TH&to=MM&period=2019',
        });
        expect(res.statusCode, user).toBe(403);
      }
      const mm = await loginAs(t.app, 'mm.focal');
      const ok = await mm.request({
        method: 'GET',
        url: '/api/cross-border/reconciliation?from=TH&to=MM&period=2019',
      });
      expect(ok.statusCode).toBe(200);
      const denied = await t.ctx.db
        .selectFrom('audit_event')
        .select('target_type')
        .where('action', '=', 'access.denied')
        .where('target_type', '=', 'crossborder_case')
        .execute();
      expect(denied.length).toBeGreaterThanOrEqual(3);
    });
  });
}
