/**
 * First-responder screenings through the real API on both engines: saved without a case, the
 * Palermo assessment (children need no means), data minimisation for NotAVictim, field-named
 * validation that writes nothing, scoping across agencies and countries, encryption at rest, and
 * audit details free of personal text.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

const NAME = 'Nang Screening-Witness';
const NOTES = 'Met at the pier; says her passport is kept by the boat owner.';

const adult = {
  screenedAt: '2026-11-20T09:30:00+07:00',
  location: 'Ranong pier checkpoint',
  isChild: false,
  gender: 'Female',
  ageEstimate: 24,
  nationality: 'MM',
  actIndicators: ['Recruitment', 'Transport'],
  meansIndicators: ['Deception', 'PaymentsOrDebt'],
  purposeIndicators: ['ForcedLabour'],
  redFlags: ['DocumentsWithheld', 'NoPay'],
  interpreterUsed: true,
  interviewLanguage: 'my',
  outcome: 'Actual',
  personName: NAME,
  notes: NOTES,
};

for (const engine of DB_TARGETS) {
  describe(`${engine}: screenings`, () => {
    let t: TestApp;
    let police: Client;
    let caseworker: Client;
    let kh: Client;
    let hotline: Client;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      police = await loginAs(t.app, 'th.police');
      caseworker = await loginAs(t.app, 'th.caseworker');
      kh = await loginAs(t.app, 'kh.caseworker');
      hotline = await loginAs(t.app, 'th.hotline');
    });
    afterAll(async () => {
      await t?.close();
    });

    const count = async () =>
      Number(
        (
          await t.handle.db
            .selectFrom('screening')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('saves a screening without opening a case, personal fields sealed', async () => {
      const res = await police.request({ method: 'POST', url: '/api/screenings', payload: adult });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({
        caseId: null,
        outcome: 'Actual',
        suggestedOutcome: 'Actual',
        personName: NAME,
        agencyId: police.agencyId,
        decidingAgencyId: police.agencyId,
        decisionDate: '2026-11-20',
      });
      expect(body.assessment).toMatchObject({ act: true, means: true, purpose: true });
      const row = await t.handle.db
        .selectFrom('screening')
        .selectAll()
        .where('id', '=', body.id)
        .executeTakeFirstOrThrow();
      expect(row.case_id).toBeNull();
      expect(row.person_name_enc).toBeTruthy();
      expect(row.person_name_enc).not.toContain('Nang');
      expect(row.notes_enc).not.toContain('passport');
      // The audit trail says what was decided, never who or what was said.
      const events = await t.handle.db
        .selectFrom('audit_event')
        .select(['action', 'details'])
        .where('target_id', '=', body.id)
        .execute();
      expect(events.map((e) => e.action)).toEqual(['screening.create']);
      const details = JSON.stringify(events.map((e) => e.details));
      expect(details).not.toContain('Nang');
      expect(details).not.toContain('passport');
      expect(details).not.toContain('Ranong');
    });

    it('meets the definition for a child without any means', async () => {
      const res = await police.request({
        method: 'POST',
        url: '/api/screenings',
        payload: {
          screenedAt: '2026-11-21T14:00:00+07:00',
          isChild: true,
          ageEstimate: 15,
          actIndicators: ['Recruitment'],
          purposeIndicators: ['SexualExploitation'],
          redFlags: ['UnderageInEntertainment'],
          outcome: 'Actual',
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().assessment).toMatchObject({
        means: false,
        isMeansRequired: false,
        isElementsMet: true,
        suggestedOutcome: 'Actual',
      });
    });

    it('refuses Actual for an adult without means, naming the field', async () => {
      const before = await count();
      const res = await police.request({
        method: 'POST',
        url: '/api/screenings',
        payload: { ...adult, meansIndicators: [] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'outcome' });
      expect(await count()).toBe(before);
    });

    it('keeps no personal data for NotAVictim and rejects it when sent', async () => {
      const before = await count();
      const rejected = await police.request({
        method: 'POST',
        url: '/api/screenings',
        payload: { ...adult, outcome: 'NotAVictim', personName: undefined },
      });
      expect(rejected.statusCode).toBe(400);
      expect(rejected.json().error.field).toBe('notes');
      expect(rejected.body).not.toContain('passport');
      expect(await count()).toBe(before);

      const res = await police.request({
        method: 'POST',
        url: '/api/screenings',
        payload: { ...adult, outcome: 'NotAVictim', personName: undefined, notes: undefined },
      });
      expect(res.statusCode).toBe(201);
      const row = await t.handle.db
        .selectFrom('screening')
        .selectAll()
        .where('id', '=', res.json().id)
        .executeTakeFirstOrThrow();
      expect(row.person_name_enc).toBeNull();
      expect(row.notes_enc).toBeNull();
      expect(row.outcome).toBe('NotAVictim');
      expect(row.suggested_outcome).toBe('Actual');
      expect(row.act_indicators).toEqual(['Recruitment', 'Transport']);
    });

    it('answers bad input with 400 naming the field and writes nothing', async () => {
      const before = await count();
      const cases: [Record<string, unknown>, string][] = [
        [{ ...adult, redFlags: ['NotAFlag'] }, 'redFlags.0'],
        [{ ...adult, screenedAt: 'yesterday' }, 'screenedAt'],
        [{ ...adult, isChild: true }, 'ageEstimate'],
        [{ ...adult, nationality: 'Myanmar' }, 'nationality'],
        [{ ...adult, screenedAt: '0001-01-01T00:00:00Z' }, 'screenedAt'],
        [{ ...adult, caseId: '00000000-0000-4000-8000-000000000001' }, 'caseId'],
      ];
      for (const [payload, field] of cases) {
        const res = await police.request({ method: 'POST', url: '/api/screenings', payload });
        expect(res.statusCode, field).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'INVALID_INPUT', field });
      }
      expect(await count()).toBe(before);
    });

    it('scopes reads: own for the officer, not another agency, not another country', async () => {
      const created = (
        await police.request({ method: 'POST', url: '/api/screenings', payload: adult })
      ).json();
      // The officer reads it back (audited) and finds it in the list.
      const mine = await police.request({ method: 'GET', url: `/api/screenings/${created.id}` });
      expect(mine.statusCode).toBe(200);
      expect(mine.json().notes).toBe(NOTES);
      const list = await police.request({ method: 'GET', url: '/api/screenings?pageSize=200' });
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((s: { id: string }) => s.id)).toContain(created.id);
      expect(list.body).not.toContain(NAME);
      // Cambodia's case worker may not read a Thai screening.
      const other = await kh.request({ method: 'GET', url: `/api/screenings/${created.id}` });
      expect(other.statusCode).toBe(403);
      expect(other.body).not.toContain('Nang');
      const khList = await kh.request({ method: 'GET', url: '/api/screenings?pageSize=200' });
      expect(khList.json().items).toEqual([]);
      // A Thai case worker of another agency neither.
      const agency = await caseworker.request({
        method: 'GET',
        url: `/api/screenings/${created.id}`,
      });
      expect(agency.statusCode).toBe(403);
      const reads = await t.handle.db
        .selectFrom('audit_event')
        .select(['action', 'outcome', 'details'])
        .where('target_id', '=', created.id)
        .orderBy('seq')
        .execute();
      expect(reads.map((e) => `${e.action}:${e.outcome}`)).toEqual([
        'screening.create:success',
        'screening.read:success',
        'access.denied:denied',
        'access.denied:denied',
      ]);
    });

    it('opens a screening from a hotline call and links the call', async () => {
      const call = await hotline.request({
        method: 'POST',
        url: '/api/hotline/calls',
        payload: {
          receivedAt: '2026-11-22T08:00:00+07:00',
          channel: 'Phone',
          language: 'th',
          callerType: 'FamilyMember',
          category: 'Trafficking',
          urgency: 'High',
          outcome: 'ScreeningOpened',
        },
      });
      expect(call.statusCode).toBe(201);
      const res = await hotline.request({
        method: 'POST',
        url: '/api/screenings',
        payload: {
          screenedAt: '2026-11-22T08:20:00+07:00',
          isChild: false,
          redFlags: ['CannotLeave'],
          outcome: 'Possible',
          hotlineCallId: call.json().id,
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        hotlineCallId: call.json().id,
        suggestedOutcome: 'Possible',
      });
      const row = await t.handle.db
        .selectFrom('hotline_call')
        .select('screening_id')
        .where('id', '=', call.json().id)
        .executeTakeFirstOrThrow();
      expect(row.screening_id).toBe(res.json().id);
      // The police officer may not attach a screening to a call of the hotline agency.
      const foreign = await police.request({
        method: 'POST',
        url: '/api/screenings',
        payload: { ...adult, hotlineCallId: call.json().id },
      });
      expect(foreign.statusCode).toBe(403);
    });

    it('shows the screenings of a case to whoever may read the case', async () => {
      const created = (
        await police.request({ method: 'POST', url: '/api/screenings', payload: adult })
      ).json();
      // The case (opened by the case worker's agency) is written straight to the database.
      const personId = randomUUID();
      const caseId = randomUUID();
      await t.handle.db.insertInto('person').values({ id: personId, country_code: 'TH' }).execute();
      await t.handle.db
        .insertInto('case_record')
        .values({
          id: caseId,
          code: 'TH-2026-910001',
          person_id: personId,
          country_code: 'TH',
          agency_id: caseworker.agencyId,
          owner_user_id: caseworker.userId,
        })
        .execute();
      await t.handle.db
        .updateTable('screening')
        .set({ case_id: caseId })
        .where('id', '=', created.id)
        .execute();
      const list = await caseworker.request({
        method: 'GET',
        url: `/api/screenings?caseId=${caseId}`,
      });
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([created.id]);
      const one = await caseworker.request({ method: 'GET', url: `/api/screenings/${created.id}` });
      expect(one.statusCode).toBe(200);
      // Another country's case worker reads neither the case nor its screenings.
      const khList = await kh.request({ method: 'GET', url: `/api/screenings?caseId=${caseId}` });
      expect(khList.json().items).toEqual([]);
      const khOne = await kh.request({ method: 'GET', url: `/api/screenings/${created.id}` });
      expect(khOne.statusCode).toBe(403);
    });
  });
}
