import { seedReferenceData } from '@ctip/db';
import { addDays, addMonths } from '@ctip/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import meetingsJson from '../packages/db/src/seed/reference/data/commit-and-bilateral-meetings.json' with {
  type: 'json',
};
import {
  buildMeetingRows,
  type MeetingSourceRow,
} from '../packages/db/src/seed/reference/meetings.dataset';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';
import { insertAgreement, insertSharedCase, readSeedCsv } from './meeting-fixtures';

const today = () => new Date().toISOString().slice(0, 10);

describe('meetings dataset', () => {
  it('is the CSV as shipped, every cell as printed', () => {
    const csv = readSeedCsv('commit_and_bilateral_meetings_all_sources.csv');
    expect(csv).toEqual(meetingsJson);
    expect(buildMeetingRows(csv as MeetingSourceRow[])).toEqual(buildMeetingRows());
    // 41 source rows; national, inter-agency, workshop, consultation and planning rows are left
    // to the plans module.
    expect(csv).toHaveLength(41);
    expect(buildMeetingRows()).toHaveLength(30);
  });

  it('withholds the name of a person the source prints in a note', () => {
    const adHoc = buildMeetingRows().find((r) => r.type === 'AdHoc');
    expect(adHoc?.note).toContain('the case of missing [name withheld]');
    expect(JSON.stringify(buildMeetingRows())).not.toContain('Thet Ko Ko');
  });

  it('never invents a date', () => {
    for (const r of buildMeetingRows()) {
      if (r.scheduled_on) {
        expect(r.date_note).toBeTruthy();
        const [y] = (r.scheduled_on as string).split('-');
        expect(r.date_note).toContain(y);
      }
    }
  });
});

for (const engine of DB_TARGETS) {
  describe(`${engine}: case-management meetings`, () => {
    let t: TestApp;
    let focal: Client;
    beforeAll(async () => {
      t = await buildTestApp(engine);
      focal = await loginAs(t.app, 'th.focal');
    });
    afterAll(async () => {
      await t.close();
    });

    const create = (c: Client, body: Record<string, unknown>) =>
      c.request({ method: 'POST', url: '/api/meetings', payload: body });

    it('seeds the meetings as printed: the TH–MM CMM series and the 16th TH–LA CMM', async () => {
      const mm = await focal.request({ method: 'GET', url: '/api/meetings?country=MM&type=CMM' });
      expect(mm.statusCode, mm.body).toBe(200);
      const series = mm
        .json()
        .find(
          (m: { title: string }) => m.title === 'Thailand-Myanmar Case Management Meeting (CMM)',
        );
      expect(series).toMatchObject({
        type: 'CMM',
        countries: ['TH', 'MM'],
        status: 'Held',
        statusNote: '22 times held',
        typeNote: 'bilateral CMM',
        scheduledOn: null,
        heldOn: null,
        dateNote: null,
        ordinal: null,
        location: 'rotating (inferred)',
        isSeeded: true,
      });
      expect(series.note).toContain('every 8 months');
      expect(series.source).toContain('004_2ed2d2edad141e38.txt');
      const la = await focal.request({ method: 'GET', url: '/api/meetings?country=LA&type=CMM' });
      const sixteenth = la
        .json()
        .find(
          (m: { title: string }) => m.title === 'Thailand-Lao PDR Case Management Meeting (16th)',
        );
      expect(sixteenth).toMatchObject({
        countries: ['TH', 'LA'],
        ordinal: 16,
        scheduledOn: '2018-08-21',
        heldOn: '2018-08-21',
        dateNote: 'August 21, 2018',
        status: 'Held',
        statusNote: '16 times held',
        location: 'Thailand (host)',
        hostCountry: 'TH',
      });
      const som = await focal.request({ method: 'GET', url: '/api/meetings?type=SOM' });
      const tentative = som.json().find((m: { title: string }) => m.title === '14th SOM');
      expect(tentative).toMatchObject({
        status: 'Planned',
        statusNote: 'tentative',
        scheduledOn: null,
        dateNote: '2019',
        hostCountry: 'VN',
      });
      expect(tentative.countries).toHaveLength(6);
    });

    it('re-seeds without adding a meeting twice or overwriting an edit', async () => {
      const count = async () =>
        Number(
          (
            await t.ctx.db
              .selectFrom('meeting')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('is_seeded', '=', true)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      // 30 from the meetings table of the seeds, and the 9th Mekong Regional Workshop (2019), which
      // the plans module seeds with its participant list.
      expect(before).toBe(31);
      await t.ctx.db
        .updateTable('meeting')
        .set({ minutes: 'edited by a user' })
        .where('title', '=', 'SOM 1')
        .execute();
      await t.ctx.db.deleteFrom('reference_version').where('dataset', '=', 'meetings').execute();
      const { loaded } = await seedReferenceData(t.ctx.db);
      expect(loaded).toContain('meetings');
      expect(await count()).toBe(before);
      const som1 = await t.ctx.db
        .selectFrom('meeting')
        .select('minutes')
        .where('title', '=', 'SOM 1')
        .executeTakeFirstOrThrow();
      expect(som1.minutes).toBe('edited by a user');
    });

    it('schedules TH–MM every 8 months with an 18-month review', async () => {
      const agreementId = await insertAgreement(t.ctx.db, {
        parties: ['TH', 'MM'],
        cadence: 8,
        review: 18,
      });
      const heldCmm = addMonths(today(), -9);
      const cmm = (
        await create(focal, {
          type: 'CMM',
          title: 'Thailand–Myanmar CMM (test)',
          countries: ['TH', 'MM'],
          agreementId,
          scheduledOn: heldCmm,
          buildAgenda: false,
        })
      ).json();
      const held = await focal.request({
        method: 'PATCH',
        url: `/api/meetings/${cmm.id}`,
        payload: { version: cmm.version, status: 'Held', heldOn: heldCmm },
      });
      expect(held.statusCode, held.body).toBe(200);
      const res = await focal.request({ method: 'GET', url: '/api/meetings/schedule' });
      expect(res.statusCode, res.body).toBe(200);
      const item = res.json().find((s: { agreementId: string }) => s.agreementId === agreementId);
      // The seeded 2nd review of the Thailand–Myanmar MOU (9 August 2018) is the last review held.
      expect(item).toMatchObject({
        countries: ['MM', 'TH'],
        rhythm: { cadenceMonths: 8, reviewEveryMonths: 18 },
        lastMeetingOn: heldCmm,
        lastReviewOn: '2018-08-09',
        meetingDueOn: addMonths(heldCmm, 8),
        meetingState: 'overdue',
        reviewDueOn: '2020-02-09',
        reviewState: 'overdue',
        nextPlanned: null,
      });
      const review = (
        await create(focal, {
          type: 'CMMReview',
          title: 'Review of the Thailand–Myanmar MOU (test)',
          countries: ['MM', 'TH'],
          scheduledOn: addDays(today(), 10),
          buildAgenda: false,
        })
      ).json();
      await focal.request({
        method: 'PATCH',
        url: `/api/meetings/${review.id}`,
        payload: { version: review.version, status: 'Held', heldOn: addMonths(today(), -1) },
      });
      const next = (
        await create(focal, {
          type: 'CMM',
          title: 'Next CMM',
          countries: ['TH', 'MM'],
          scheduledOn: addDays(today(), 20),
          buildAgenda: false,
        })
      ).json();
      const again = (await focal.request({ method: 'GET', url: '/api/meetings/schedule' }))
        .json()
        .find((s: { agreementId: string }) => s.agreementId === agreementId);
      expect(again).toMatchObject({
        lastReviewOn: addMonths(today(), -1),
        reviewDueOn: addMonths(addMonths(today(), -1), 18),
        reviewState: 'later',
        nextPlanned: { id: next.id, scheduledOn: addDays(today(), 20) },
      });
      // kh.focal sees no TH–MM schedule.
      const kh = await loginAs(t.app, 'kh.focal');
      const khItems = (await kh.request({ method: 'GET', url: '/api/meetings/schedule' })).json();
      expect(
        khItems.find((s: { agreementId: string }) => s.agreementId === agreementId),
      ).toBeUndefined();
    });

    it('builds the agenda from the open shared cases of the pair only', async () => {
      const agreementId = await insertAgreement(t.ctx.db, { parties: ['TH', 'KH'] });
      const open = await insertSharedCase(t.ctx.db, {
        agreementId,
        from: 'TH',
        to: 'KH',
        status: 'Accepted',
        handedOverOn: today(),
        overdueSince: addDays(today(), -5),
      });
      const incoming = await insertSharedCase(t.ctx.db, {
        agreementId,
        from: 'KH',
        to: 'TH',
        status: 'Received',
      });
      const closed = await insertSharedCase(t.ctx.db, {
        agreementId,
        from: 'TH',
        to: 'KH',
        status: 'Closed',
      });
      const rejected = await insertSharedCase(t.ctx.db, {
        agreementId,
        from: 'TH',
        to: 'KH',
        status: 'Rejected',
      });
      const otherAgreement = await insertAgreement(t.ctx.db, { parties: ['TH', 'LA'] });
      const otherPair = await insertSharedCase(t.ctx.db, {
        agreementId: otherAgreement,
        from: 'TH',
        to: 'LA',
      });
      const res = await create(focal, {
        type: 'CMM',
        title: 'Thailand–Cambodia CMM',
        countries: ['TH', 'KH'],
        agreementId,
        scheduledOn: addDays(today(), 30),
        location: 'Aranyaprathet',
        hostCountry: 'TH',
      });
      expect(res.statusCode, res.body).toBe(201);
      const m = res.json();
      expect(m).toMatchObject({ status: 'Planned', version: 1, countries: ['TH', 'KH'] });
      const titles: string[] = m.agenda.map((a: { title: string }) => a.title);
      const mine = m.agenda.filter((a: { caseRef: string | null }) =>
        [open.caseCode, incoming.caseCode].includes(a.caseRef ?? ''),
      );
      expect(mine).toHaveLength(2);
      const openItem = m.agenda.find((a: { caseRef: string }) => a.caseRef === open.caseCode);
      // The TH focal point's side of the case (the Sender row on this node).
      expect(openItem.xbCaseId).toBe(open.senderId);
      expect(openItem.title).toBe(`${open.caseCode} · Accepted · overdue: travel_documents`);
      const incomingItem = m.agenda.find(
        (a: { caseRef: string }) => a.caseRef === incoming.caseCode,
      );
      expect(incomingItem.xbCaseId).toBe(incoming.receiverId);
      for (const c of [closed, rejected, otherPair]) {
        expect(titles.some((x) => x.includes(c.caseCode))).toBe(false);
      }
      const rec = m.agenda.find((a: { title: string }) =>
        a.title.startsWith(`Reconciliation of returns ${today().slice(0, 4)}`),
      );
      expect(rec.xbCaseId).toBeNull();
      expect(rec.note).toContain(`TH→KH ${open.caseCode}: sent_not_received`);
      const audit = await t.ctx.db
        .selectFrom('audit_event')
        .select(['details'])
        .where('action', '=', 'meeting.create')
        .where('target_id', '=', m.id)
        .executeTakeFirstOrThrow();
      expect(audit.details).toMatchObject({ type: 'CMM', agendaItems: m.agenda.length });
    });

    it('keeps agenda, minutes, decisions and action items with an overdue flag', async () => {
      const m = (
        await create(focal, {
          type: 'CMM',
          title: 'Minutes test',
          countries: ['TH', 'KH'],
          scheduledOn: addDays(today(), -1),
          buildAgenda: false,
        })
      ).json();
      const base = `/api/meetings/${m.id}`;
      const item = await focal.request({
        method: 'POST',
        url: `${base}/agenda`,
        payload: { title: 'Border handover procedure' },
      });
      expect(item.statusCode, item.body).toBe(201);
      const itemId = item.json().agenda[0].id;
      const edited = await focal.request({
        method: 'PATCH',
        url: `${base}/agenda/${itemId}`,
        payload: { decision: 'Handover at the Aranyaprathet BCATIP' },
      });
      expect(edited.json().agenda[0].decision).toBe('Handover at the Aranyaprathet BCATIP');
      const dec = await focal.request({
        method: 'POST',
        url: `${base}/decisions`,
        payload: { text: 'Next meeting in Poipet' },
      });
      expect(dec.statusCode).toBe(201);
      const decisionId = dec.json().decisions[0].id;
      const late = await focal.request({
        method: 'POST',
        url: `${base}/actions`,
        payload: {
          title: 'Send travel documents',
          ownerCountry: 'KH',
          dueOn: addDays(today(), -1),
          agendaItemId: itemId,
        },
      });
      expect(late.statusCode, late.body).toBe(201);
      const soon = await focal.request({
        method: 'POST',
        url: `${base}/actions`,
        payload: {
          title: 'Confirm reception',
          ownerCountry: 'TH',
          ownerUserId: focal.userId,
          dueOn: addDays(today(), 7),
        },
      });
      const actions = soon.json().actions as { id: string; title: string; isOverdue: boolean }[];
      expect(actions.map((a) => [a.title, a.isOverdue])).toEqual([
        ['Send travel documents', true],
        ['Confirm reception', false],
      ]);
      const lateId = actions[0]?.id;
      const noDay = await focal.request({
        method: 'PATCH',
        url: `${base}/actions/${lateId}`,
        payload: { status: 'Done' },
      });
      expect(noDay.statusCode).toBe(400);
      expect(noDay.json().error.field).toBe('doneOn');
      const done = await focal.request({
        method: 'PATCH',
        url: `${base}/actions/${lateId}`,
        payload: { status: 'Done', doneOn: today() },
      });
      expect(done.json().actions[0]).toMatchObject({
        status: 'Done',
        doneOn: today(),
        isOverdue: false,
      });
      const wrongAgency = await focal.request({
        method: 'PATCH',
        url: `${base}/actions/${lateId}`,
        payload: { ownerAgencyId: focal.agencyId },
      });
      expect(wrongAgency.statusCode).toBe(400);
      expect(wrongAgency.json().error.field).toBe('ownerAgencyId');
      const list = (await focal.request({ method: 'GET', url: '/api/meetings?country=KH' })).json();
      expect(list.find((x: { id: string }) => x.id === m.id)).toMatchObject({
        agendaItems: 1,
        openActions: 1,
        overdueActions: 0,
      });

      // Minutes and held date at a version; a stale version is refused.
      const v1 = await focal.request({
        method: 'PATCH',
        url: base,
        payload: {
          version: 1,
          minutes: 'Discussed case TH-XB-00001.',
          status: 'Held',
          heldOn: addDays(today(), -1),
        },
      });
      expect(v1.statusCode, v1.body).toBe(200);
      expect(v1.json()).toMatchObject({
        version: 2,
        status: 'Held',
        minutes: 'Discussed case TH-XB-00001.',
      });
      const stale = await focal.request({
        method: 'PATCH',
        url: base,
        payload: { version: 1, minutes: 'overwrite' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.field).toBe('version');
      const noHeld = await focal.request({
        method: 'PATCH',
        url: base,
        payload: { version: 2, heldOn: null },
      });
      expect(noHeld.statusCode).toBe(400);
      expect(noHeld.json().error.field).toBe('heldOn');

      const delDec = await focal.request({
        method: 'DELETE',
        url: `${base}/decisions/${decisionId}`,
      });
      expect(delDec.json().decisions).toEqual([]);
      const delItem = await focal.request({ method: 'DELETE', url: `${base}/agenda/${itemId}` });
      expect(delItem.json().agenda).toEqual([]);
      expect(delItem.json().actions[0].agendaItemId).toBeNull();
      // A held meeting is a record: not deleted.
      const del = await focal.request({ method: 'DELETE', url: base });
      expect(del.statusCode).toBe(409);
      const changes = await t.ctx.db
        .selectFrom('audit_event')
        .select(['action', 'details'])
        .where('target_id', '=', m.id)
        .orderBy('seq')
        .execute();
      expect(changes.map((c) => c.action)).toEqual([
        'meeting.create',
        'meeting.update',
        'meeting.update',
        'meeting.update',
        'meeting.action_update',
        'meeting.action_update',
        'meeting.action_update',
        'meeting.update',
        'meeting.update',
        'meeting.update',
      ]);
    });

    it('deletes a planned meeting, audited', async () => {
      const m = (
        await create(focal, {
          type: 'AdHoc',
          title: 'To delete',
          countries: ['TH', 'KH'],
          scheduledOn: addDays(today(), 3),
        })
      ).json();
      const del = await focal.request({ method: 'DELETE', url: `/api/meetings/${m.id}` });
      expect(del.statusCode).toBe(204);
      expect(
        (await focal.request({ method: 'GET', url: `/api/meetings/${m.id}` })).statusCode,
      ).toBe(404);
      const audit = await t.ctx.db
        .selectFrom('audit_event')
        .select('action')
        .where('target_id', '=', m.id)
        .where('action', '=', 'meeting.delete')
        .execute();
      expect(audit).toHaveLength(1);
    });

    it('names the offending field', async () => {
      for (const [body, field] of [
        [
          { type: 'CMM', title: 'x', countries: ['TH', 'KH'], scheduledOn: '2026-02-30' },
          'scheduledOn',
        ],
        [{ type: 'Party', title: 'x', countries: ['TH', 'KH'], scheduledOn: '2026-02-03' }, 'type'],
        [
          { type: 'CMM', title: 'x', countries: ['TH', 'TH'], scheduledOn: '2026-02-03' },
          'countries',
        ],
        [
          { type: 'CMM', title: 'x', countries: ['TH', 'QQ'], scheduledOn: '2026-02-03' },
          'countries',
        ],
      ] as const) {
        const res = await create(focal, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.field).toBe(field);
      }
    });

    it('enforces the meeting scope: create in one of its countries, read region-wide for the Secretariat', async () => {
      const ok = await create(focal, {
        type: 'CMM',
        title: 'TH–KH',
        countries: ['TH', 'KH'],
        scheduledOn: addDays(today(), 40),
      });
      expect(ok.statusCode).toBe(201);
      const id = ok.json().id;
      const denied = await create(focal, {
        type: 'CMM',
        title: 'LA–VN',
        countries: ['LA', 'VN'],
        scheduledOn: addDays(today(), 40),
      });
      expect(denied.statusCode).toBe(403);

      const sec = await loginAs(t.app, 'secretariat');
      const list = await sec.request({ method: 'GET', url: '/api/meetings?country=VN' });
      expect(list.statusCode).toBe(200);
      expect(list.json().length).toBeGreaterThan(0);
      expect((await sec.request({ method: 'GET', url: `/api/meetings/${id}` })).statusCode).toBe(
        200,
      );
      expect((await sec.request({ method: 'GET', url: '/api/meetings/schedule' })).statusCode).toBe(
        200,
      );
      const secCreate = await create(sec, {
        type: 'CMM',
        title: 'Secretariat',
        countries: ['TH', 'KH'],
        scheduledOn: addDays(today(), 40),
      });
      expect(secCreate.statusCode).toBe(403);
      const secPatch = await sec.request({
        method: 'PATCH',
        url: `/api/meetings/${id}`,
        payload: { version: 1, minutes: 'x' },
      });
      expect(secPatch.statusCode).toBe(403);

      const kh = await loginAs(t.app, 'kh.caseworker');
      expect((await kh.request({ method: 'GET', url: '/api/meetings' })).statusCode).toBe(403);
      expect((await kh.request({ method: 'GET', url: `/api/meetings/${id}` })).statusCode).toBe(
        403,
      );

      // A country-scoped reader sees only meetings of its country.
      const la = await loginAs(t.app, 'la.focal');
      const laList = (await la.request({ method: 'GET', url: '/api/meetings' })).json();
      expect(laList.every((m: { countries: string[] }) => m.countries.includes('LA'))).toBe(true);
      expect((await la.request({ method: 'GET', url: `/api/meetings/${id}` })).statusCode).toBe(
        403,
      );

      const refusals = await t.ctx.db
        .selectFrom('audit_event')
        .select(['actor_user_id', 'details'])
        .where('action', '=', 'access.denied')
        .where('target_type', '=', 'meeting')
        .execute();
      expect(refusals.length).toBeGreaterThanOrEqual(5);
    });

    it('filters by type, status and dates', async () => {
      const res = await focal.request({
        method: 'GET',
        url: '/api/meetings?status=Held&from=2018-01-01&to=2018-12-31',
      });
      const rows = res.json() as { title: string; heldOn: string }[];
      expect(rows.map((r) => r.title)).toEqual(
        expect.arrayContaining([
          'Thailand-Lao PDR Case Management Meeting (16th)',
          '2nd Meeting on the Review of Thailand-Myanmar MOU',
        ]),
      );
      expect(rows.every((r) => r.heldOn >= '2018-01-01' && r.heldOn <= '2018-12-31')).toBe(true);
      const bad = await focal.request({ method: 'GET', url: '/api/meetings?from=2018-13-01' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('from');
    });
  });
}
