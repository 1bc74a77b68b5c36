/**
 * The hotline call log through the real API on both engines: create, list and read (audited),
 * encryption of the summary and contact, linking a case only the caller may read, referring from a
 * call without personal data, and monthly statistics by category and language with exact counts.
 */
import { randomUUID } from 'node:crypto';
import { hotlineStatsQuery } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

const SUMMARY = 'Caller says her sister Mya is held at a karaoke bar in Mae Sot.';
const CONTACT = '+66 81 234 5678';

const baseCall = {
  receivedAt: '2026-10-05T10:00:00+07:00',
  durationSeconds: 420,
  channel: 'Phone',
  language: 'th',
  callerType: 'FamilyMember',
  category: 'Trafficking',
  urgency: 'High',
  outcome: 'InformationGiven',
};

for (const engine of DB_TARGETS) {
  describe(`${engine}: hotline`, () => {
    let t: TestApp;
    let th: Client;
    let vn: Client;
    let kh: Client;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      th = await loginAs(t.app, 'th.hotline');
      vn = await loginAs(t.app, 'vn.hotline');
      kh = await loginAs(t.app, 'kh.caseworker');
    });
    afterAll(async () => {
      await t?.close();
    });

    const insertCase = async (ownerId: string, agencyId: string, code: string) => {
      const personId = randomUUID();
      const caseId = randomUUID();
      await t.handle.db.insertInto('person').values({ id: personId, country_code: 'TH' }).execute();
      await t.handle.db
        .insertInto('case_record')
        .values({
          id: caseId,
          code,
          person_id: personId,
          country_code: 'TH',
          agency_id: agencyId,
          owner_user_id: ownerId,
        })
        .execute();
      return caseId;
    };

    const post = (c: Client, payload: Record<string, unknown>) =>
      c.request({ method: 'POST', url: '/api/hotline/calls', payload });

    it('logs a call with the summary and contact encrypted, audit without personal text', async () => {
      const res = await post(th, { ...baseCall, summary: SUMMARY, callerContact: CONTACT });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({ summary: SUMMARY, callerContact: CONTACT, caseId: null });
      const row = await t.handle.db
        .selectFrom('hotline_call')
        .selectAll()
        .where('id', '=', body.id)
        .executeTakeFirstOrThrow();
      expect(row.summary_enc).toBeTruthy();
      expect(row.summary_enc).not.toContain('karaoke');
      expect(row.caller_contact_enc).not.toContain('5678');
      expect(row.agency_id).toBe(th.agencyId);
      // Read it back (audited), and check no event carries what the caller said.
      const one = await th.request({ method: 'GET', url: `/api/hotline/calls/${body.id}` });
      expect(one.json().summary).toBe(SUMMARY);
      const events = await t.handle.db
        .selectFrom('audit_event')
        .select(['action', 'details'])
        .where('target_id', '=', body.id)
        .orderBy('seq')
        .execute();
      expect(events.map((e) => e.action)).toEqual(['hotline.create', 'hotline.read']);
      const text = JSON.stringify(events);
      expect(text).not.toContain('karaoke');
      expect(text).not.toContain('Mya');
      expect(text).not.toContain('5678');
      // Another country's operator may not read it.
      const foreign = await vn.request({ method: 'GET', url: `/api/hotline/calls/${body.id}` });
      expect(foreign.statusCode).toBe(403);
      expect(foreign.body).not.toContain('karaoke');
    });

    it('answers bad input with 400 naming the field and writes nothing', async () => {
      const before = await t.handle.db
        .selectFrom('hotline_call')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      for (const [payload, field] of [
        [{ ...baseCall, category: 'Gossip' }, 'category'],
        [{ ...baseCall, language: 'Thai' }, 'language'],
        [{ ...baseCall, durationSeconds: -1 }, 'durationSeconds'],
        [{ ...baseCall, receivedAt: '0000-01-01T00:00:00Z' }, 'receivedAt'],
        [{ ...baseCall, caseId: 'not-an-id' }, 'caseId'],
        [{ ...baseCall, operatorUserId: th.userId }, 'operatorUserId'],
      ] as const) {
        const res = await post(th, payload);
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'INVALID_INPUT', field });
      }
      const after = await t.handle.db
        .selectFrom('hotline_call')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('lists only the calls of the caller agency, newest first, without personal fields', async () => {
      await post(vn, { ...baseCall, language: 'vi', summary: 'Vietnamese call about work' });
      const list = await th.request({ method: 'GET', url: '/api/hotline/calls?pageSize=200' });
      expect(list.statusCode).toBe(200);
      const items = list.json().items as { agencyId: string; receivedAt: string }[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((c) => c.agencyId === th.agencyId)).toBe(true);
      expect(list.body).not.toContain('karaoke');
      expect(list.body).not.toContain('summary');
      const forbidden = await kh.request({ method: 'GET', url: '/api/hotline/calls' });
      expect(forbidden.statusCode).toBe(403);
    });

    it('links a case only the caller may read, and refers without personal data', async () => {
      const call = (await post(th, baseCall)).json();
      // Two cases written straight to the database: one the operator owns, one of another agency.
      const mineCase = await insertCase(th.userId, th.agencyId, 'TH-2026-900001');
      const theirs = await t.handle.db
        .selectFrom('app_user')
        .innerJoin('agency', 'agency.id', 'app_user.agency_id')
        .select(['app_user.id', 'app_user.agency_id'])
        .where('app_user.username', '=', 'th.caseworker')
        .executeTakeFirstOrThrow();
      const otherCase = await insertCase(theirs.id, theirs.agency_id, 'TH-2026-900002');
      const forbidden = await th.request({
        method: 'PATCH',
        url: `/api/hotline/calls/${call.id}`,
        payload: { caseId: otherCase },
      });
      expect(forbidden.statusCode).toBe(403);
      const missing = await th.request({
        method: 'PATCH',
        url: `/api/hotline/calls/${call.id}`,
        payload: { caseId: '00000000-0000-4000-8000-00000000dead' },
      });
      expect(missing.statusCode).toBe(404);
      const linked = await th.request({
        method: 'PATCH',
        url: `/api/hotline/calls/${call.id}`,
        payload: { caseId: mineCase },
      });
      expect(linked.statusCode).toBe(200);
      expect(linked.json().caseId).toBe(mineCase);
      const byCase = await th.request({
        method: 'GET',
        url: `/api/hotline/calls?caseId=${mineCase}`,
      });
      expect(byCase.json().items.map((c: { id: string }) => c.id)).toEqual([call.id]);
      const agency = await t.handle.db
        .selectFrom('agency')
        .select('id')
        .where('country_code', '=', 'TH')
        .where('id', '!=', th.agencyId)
        .executeTakeFirstOrThrow();
      const referred = await th.request({
        method: 'POST',
        url: `/api/hotline/calls/${call.id}/refer`,
        payload: { agencyId: agency.id },
      });
      expect(referred.statusCode).toBe(200);
      expect(referred.json()).toMatchObject({ referredAgencyId: agency.id, outcome: 'Referred' });
      expect(referred.json().summary).toBeUndefined();
      const unlinked = await th.request({
        method: 'PATCH',
        url: `/api/hotline/calls/${call.id}`,
        payload: { caseId: null, urgency: 'Emergency' },
      });
      expect(unlinked.statusCode).toBe(200);
      expect(unlinked.json()).toMatchObject({ caseId: null, urgency: 'Emergency' });
      const vnPatch = await vn.request({
        method: 'PATCH',
        url: `/api/hotline/calls/${call.id}`,
        payload: { urgency: 'Low' },
      });
      expect(vnPatch.statusCode).toBe(403);
    });

    it('counts calls per month by category and by language, in SQL, scoped', async () => {
      // First, a known set of calls in 2025 (no other test uses that year), one at a month edge:
      // 2025-02-28T20:00Z is already March in Bangkok (UTC+7).
      const calls: [string, string, string][] = [
        ['2025-01-10T09:00:00+07:00', 'Trafficking', 'th'],
        ['2025-01-11T09:00:00+07:00', 'Trafficking', 'my'],
        ['2025-01-12T09:00:00+07:00', 'LabourRights', 'my'],
        ['2025-02-01T09:00:00+07:00', 'Information', 'th'],
        ['2025-02-28T20:00:00Z', 'LabourRights', 'km'],
        ['2025-03-15T09:00:00+07:00', 'Other', 'th'],
      ];
      for (const [receivedAt, category, language] of calls) {
        expect((await post(th, { ...baseCall, receivedAt, category, language })).statusCode).toBe(
          201,
        );
      }
      // A Viet Nam call in the same months must not be counted for Thailand.
      await post(vn, { ...baseCall, receivedAt: '2025-01-15T09:00:00+07:00', language: 'vi' });

      const res = await th.request({
        method: 'GET',
        url: '/api/hotline/stats?from=2025-01&to=2025-03&utcOffsetMinutes=420',
      });
      expect(res.statusCode).toBe(200);
      const stats = res.json();
      expect(stats.months).toEqual(['2025-01', '2025-02', '2025-03']);
      expect(stats.total).toBe(6);
      expect(stats.byCategory).toEqual([
        { month: '2025-01', key: 'LabourRights', count: 1 },
        { month: '2025-01', key: 'Trafficking', count: 2 },
        { month: '2025-02', key: 'Information', count: 1 },
        { month: '2025-03', key: 'LabourRights', count: 1 },
        { month: '2025-03', key: 'Other', count: 1 },
      ]);
      expect(stats.byLanguage).toEqual([
        { month: '2025-01', key: 'my', count: 2 },
        { month: '2025-01', key: 'th', count: 1 },
        { month: '2025-02', key: 'th', count: 1 },
        { month: '2025-03', key: 'km', count: 1 },
        { month: '2025-03', key: 'th', count: 1 },
      ]);
      // In UTC the edge call falls in February.
      const utc = (
        await th.request({ method: 'GET', url: '/api/hotline/stats?from=2025-02&to=2025-02' })
      ).json();
      expect(utc.byCategory).toEqual([
        { month: '2025-02', key: 'Information', count: 1 },
        { month: '2025-02', key: 'LabourRights', count: 1 },
      ]);
      const vnStats = (
        await vn.request({ method: 'GET', url: '/api/hotline/stats?from=2025-01&to=2025-03' })
      ).json();
      expect(vnStats.byLanguage).toEqual([{ month: '2025-01', key: 'vi', count: 1 }]);
      const bad = await th.request({
        method: 'GET',
        url: '/api/hotline/stats?from=2025-05&to=2025-01',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('to');
      for (const qs of [
        'from=0000-01&to=2025-01',
        'from=2025-01&to=2025-01&utcOffsetMinutes=abc',
      ]) {
        const res = await th.request({ method: 'GET', url: `/api/hotline/stats?${qs}` });
        expect(res.statusCode, qs).toBe(400);
      }
    });

    it('computes the statistics with one GROUP BY per breakdown (compiled SQL)', () => {
      const auth = {
        actor: { userId: th.userId, agencyId: th.agencyId, countryCode: 'TH', permissions: [] },
        sessionId: 's',
        meta: { requestId: null, ip: null, userAgent: null },
      };
      const compiled = hotlineStatsQuery(t.handle.db, auth, 'agency', {
        column: 'language',
        start: new Date('2024-12-31T17:00:00Z'),
        end: new Date('2025-03-31T17:00:00Z'),
        utcOffsetMinutes: 420,
      }).compile();
      expect(compiled.sql).toMatchInlineSnapshot(
        `"select to_char((hotline_call.received_at AT TIME ZONE 'UTC') + 420 * interval '1 minute', 'YYYY-MM') as "month", hotline_call."language" as "key", count(*) as "count" from "hotline_call" where "hotline_call"."agency_id" = $1 and "hotline_call"."received_at" >= $2 and "hotline_call"."received_at" < $3 group by 1, 2 order by 1, 2"`,
      );
      expect(compiled.parameters).toHaveLength(3);
    });
  });
}
