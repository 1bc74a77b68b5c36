/**
 * Plans, participants and case studies: the participants of a meeting (seeded 9th MRW 2019 list,
 * add/edit/remove, CSV import with preview and all-or-nothing commit) and the case studies of the
 * monitoring report (seeded seed-000 §2.7, draft → submitted → approved), on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

type Json = Record<string, unknown>;

const MRW9_ID_TITLE = '9th Mekong Regional Workshop';
const HEADER = 'section,country_or_group,no,name,position,organization';

for (const engine of DB_TARGETS) {
  describe(`${engine}: plans participants and case studies`, () => {
    let t: TestApp;
    let th: Client;
    let kh: Client;
    let secretariat: Client;
    let mrw9: string;
    let khVn: string;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      [th, kh, secretariat] = await Promise.all([
        loginAs(t.app, 'th.focal'),
        loginAs(t.app, 'kh.focal'),
        loginAs(t.app, 'secretariat'),
      ]);
      const m = await t.handle.db
        .selectFrom('meeting')
        .select('id')
        .where('title', '=', MRW9_ID_TITLE)
        .executeTakeFirstOrThrow();
      mrw9 = m.id;
      const created = await kh.request({
        method: 'POST',
        url: '/api/meetings',
        payload: {
          type: 'Workshop',
          title: 'Cambodia – Viet Nam workshop on returns',
          countries: ['KH', 'VN'],
          scheduledOn: '2026-03-02',
          buildAgenda: false,
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      khVn = created.json().id;
    });
    afterAll(async () => {
      await t.close();
    });

    const req = (
      c: Client,
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: string,
      payload?: unknown,
    ) => c.request({ method, url, ...(payload === undefined ? {} : { payload: payload as Json }) });

    const audit = async (action: string) =>
      t.handle.db
        .selectFrom('audit_event')
        .select(['action', 'outcome', 'details', 'target_id'])
        .where('action', '=', action)
        .orderBy('seq')
        .execute();

    const participantCount = async (meetingId: string) =>
      Number(
        (
          await t.handle.db
            .selectFrom('meeting_participant')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('meeting_id', '=', meetingId)
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('seeds the 9th MRW 2019 meeting with its participants list, by section and country', async () => {
      const res = await req(th, 'GET', `/api/meetings/${mrw9}/participants`);
      expect(res.statusCode, res.body).toBe(200);
      const list = res.json();
      expect(list.total).toBe(111);
      expect(list.bySection).toEqual({
        Participant: 64,
        HonoredGuest: 8,
        Observer: 17,
        Organizer: 20,
        MC: 2,
      });
      const cambodia = list.groups.find(
        (g: Json) => g.section === 'Participant' && g.countryOrGroup === 'Cambodia',
      );
      expect(cambodia.countryCode).toBe('KH');
      expect(cambodia.participants[0]).toMatchObject({
        listNo: 1,
        name: 'H.E. TOCH Channy',
        position: 'General Director of Technical',
        organisation: 'Ministry of Social Affairs, Veterans and Youth Rehabilitation (MoSVY)',
        isSeeded: true,
      });
      expect(list.groups.map((g: Json) => g.section)[0]).toBe('Participant');
      const mc = list.groups.find((g: Json) => g.section === 'MC');
      expect(mc.participants.map((p: Json) => p.name)).toEqual([
        'Ms. Pusa Srivilas',
        'Mr. Kobchai Songsrisanga',
      ]);
      const meeting = await req(th, 'GET', `/api/meetings/${mrw9}`);
      expect(meeting.json()).toMatchObject({ type: 'Workshop', isSeeded: true, status: 'Held' });
    });

    it('refuses another country’s meeting, audited', async () => {
      const read = await req(th, 'GET', `/api/meetings/${khVn}/participants`);
      expect(read.statusCode).toBe(403);
      const imp = await req(th, 'POST', `/api/meetings/${khVn}/participants/import`, {
        csv: `${HEADER}\nParticipants,Thailand,1,Mr. A,,\n`,
        commit: true,
      });
      expect(imp.statusCode).toBe(403);
      expect(await participantCount(khVn)).toBe(0);
      const denied = await audit('access.denied');
      expect(denied.filter((d) => d.target_id === khVn).length).toBeGreaterThanOrEqual(2);
    });

    it('previews a CSV with row-level errors and commits nothing while any remain', async () => {
      const csv = [
        HEADER,
        'Participants,Cambodia,1,Ms. One,Director,MoSVY',
        'Bosses,Cambodia,2,Mr. Two,,',
        'Participants,Viet Nam,x,Ms. Three,,',
        'Observers,IOM,1,,Officer,IOM',
      ].join('\n');
      const preview = await req(kh, 'POST', `/api/meetings/${khVn}/participants/import`, { csv });
      expect(preview.statusCode, preview.body).toBe(200);
      const p = preview.json();
      expect(p.committed).toBe(false);
      expect(p.rows).toHaveLength(1);
      expect(p.errors).toEqual([
        expect.objectContaining({ line: 3, field: 'section' }),
        expect.objectContaining({ line: 4, field: 'no' }),
        expect.objectContaining({ line: 5, field: 'name' }),
      ]);
      const commit = await req(kh, 'POST', `/api/meetings/${khVn}/participants/import`, {
        csv,
        commit: true,
      });
      expect(commit.statusCode).toBe(400);
      expect(commit.json().error.field).toBe('section');
      expect(await participantCount(khVn)).toBe(0);

      const noName = await req(kh, 'POST', `/api/meetings/${khVn}/participants/import`, {
        csv: 'section,country_or_group,no,position,organization\nParticipants,Cambodia,1,,\n',
      });
      expect(noName.json().errors).toEqual([
        expect.objectContaining({
          line: 1,
          field: 'name',
          message: 'column missing from the header',
        }),
      ]);
      const badBody = await req(kh, 'POST', `/api/meetings/${khVn}/participants/import`, {
        csv: '',
      });
      expect(badBody.statusCode).toBe(400);
      expect(badBody.json().error.field).toBe('csv');
    });

    it('commits a valid CSV whole (replace, then append), audited', async () => {
      const csv = [
        HEADER,
        'Participants,Cambodia,1,Ms. One,Director,"Department of Anti-Human Trafficking, MoSVY"',
        'Participants,Viet Nam,1,Mr. Two,Officer,MoLISA',
        'Organizers,MC,1,Ms. Three,Consultant,',
      ].join('\r\n');
      const commit = await req(kh, 'POST', `/api/meetings/${khVn}/participants/import`, {
        csv,
        commit: true,
      });
      expect(commit.statusCode, commit.body).toBe(200);
      expect(commit.json()).toMatchObject({ committed: true, errors: [] });
      expect(await participantCount(khVn)).toBe(3);
      const again = await req(kh, 'POST', `/api/meetings/${khVn}/participants/import`, {
        csv,
        commit: true,
      });
      expect(again.statusCode).toBe(200);
      expect(await participantCount(khVn)).toBe(3);
      const append = await req(kh, 'POST', `/api/meetings/${khVn}/participants/import`, {
        csv: `${HEADER}\nObservers,IOM,1,Ms. Four,Officer,IOM\n`,
        commit: true,
        mode: 'append',
      });
      expect(append.statusCode).toBe(200);
      expect(await participantCount(khVn)).toBe(4);
      const list = (await req(kh, 'GET', `/api/meetings/${khVn}/participants`)).json();
      expect(list.bySection).toMatchObject({ Participant: 2, Observer: 1, MC: 1 });
      const vn = list.groups.find((g: Json) => g.countryOrGroup === 'Viet Nam');
      expect(vn.countryCode).toBe('VN');
      const events = await audit('plans.participants_import');
      expect(events.filter((e) => e.target_id === khVn)).toHaveLength(3);
      expect(events.at(-1)?.details).toMatchObject({ mode: 'append', imported: 1, removed: 0 });
    });

    it('adds, edits at a version and removes one participant, audited', async () => {
      const bad = await req(kh, 'POST', `/api/meetings/${khVn}/participants`, {
        section: 'Boss',
        countryOrGroup: 'Cambodia',
        name: 'Mr. Five',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('section');
      const added = await req(kh, 'POST', `/api/meetings/${khVn}/participants`, {
        section: 'Participant',
        countryOrGroup: 'Cambodia',
        listNo: 2,
        name: 'Mr. Five',
        sex: 'Male',
      });
      expect(added.statusCode, added.body).toBe(201);
      const p = added.json();
      expect(p).toMatchObject({ countryCode: 'KH', version: 1, isSeeded: false });
      const url = `/api/meetings/${khVn}/participants/${p.id}`;
      const edited = await req(kh, 'PATCH', url, { version: 1, position: 'Deputy Director' });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json()).toMatchObject({ position: 'Deputy Director', version: 2 });
      const stale = await req(kh, 'PATCH', url, { version: 1, position: 'Director' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.field).toBe('version');
      const foreign = await req(th, 'PATCH', url, { version: 2, name: 'X' });
      expect(foreign.statusCode).toBe(403);
      const removed = await req(kh, 'DELETE', url);
      expect(removed.statusCode).toBe(204);
      expect((await req(kh, 'DELETE', url)).statusCode).toBe(404);
      const ops = (await audit('plans.participant_save'))
        .filter((e) => e.target_id === p.id)
        .map((e) => (e.details as Json).op);
      expect(ops).toEqual(['create', 'update', 'delete']);
    });

    const caseStudy = (over: Json = {}) => ({
      frameworkId: 'SPA3',
      countryCode: 'KH',
      year: 2013,
      heading: 'Returning home with support',
      bodyEn: 'A social worker of the provincial department accompanied the returnees.',
      bodyLocal: 'អ្នកសង្គមកិច្ច',
      localLang: 'km',
      attribution: 'Provincial social worker, Cambodia',
      noVictimNames: true,
      ...over,
    });

    it('seeds the case studies of seed 000 §2.7 and filters every read by country', async () => {
      const all = await req(secretariat, 'GET', '/api/plans/case-studies?framework=SPA3&year=2014');
      expect(all.statusCode, all.body).toBe(200);
      const seeded = all.json().filter((c: Json) => c.isSeeded);
      expect(seeded.map((c: Json) => c.heading).sort()).toEqual([
        'EMPOWERING TRAINING',
        'MULTI-STAKEHOLDER COOPERATION',
        'VICTIM PROTECTION IN THE CRIMINAL JUSTICE RESPONSE',
      ]);
      for (const c of seeded) {
        expect(c).toMatchObject({ status: 'Approved', year: 2014, frameworkId: 'SPA3' });
      }
      const training = seeded.find((c: Json) => c.heading === 'EMPOWERING TRAINING');
      expect(training.attribution).toBe('Grassroots civil society worker, Chin State/Myanmar');
      expect(training.bodyEn).toMatch(/^“Before I attended the training/);
      const thList = (await req(th, 'GET', '/api/plans/case-studies')).json();
      expect(thList.map((c: Json) => c.countryCode)).toEqual(['TH']);
      const khList = (await req(kh, 'GET', '/api/plans/case-studies?year=2014')).json();
      expect(khList).toEqual([]);
      const denied = await req(kh, 'GET', `/api/plans/case-studies/${training.id}`);
      expect(denied.statusCode).toBe(403);
      const badQuery = await req(th, 'GET', '/api/plans/case-studies?year=abc');
      expect(badQuery.statusCode).toBe(400);
      expect(badQuery.json().error.field).toBe('year');
    });

    it('refuses bad case studies with the field named, and other countries', async () => {
      const cases: [Json, string][] = [
        [{ noVictimNames: false }, 'noVictimNames'],
        [{ year: 2030 }, 'year'],
        [{ frameworkId: 'NOPE' }, 'frameworkId'],
        [{ heading: '' }, 'heading'],
        [{ localLang: 'xx' }, 'localLang'],
        [{ areaNodeId: '00000000-0000-4000-8000-000000000000' }, 'areaNodeId'],
      ];
      for (const [over, field] of cases) {
        const res = await req(kh, 'POST', '/api/plans/case-studies', caseStudy(over));
        expect(res.statusCode, JSON.stringify(over)).toBe(400);
        expect(res.json().error.field).toBe(field);
      }
      const foreign = await req(th, 'POST', '/api/plans/case-studies', caseStudy());
      expect(foreign.statusCode).toBe(403);
      const regional = await req(
        kh,
        'POST',
        '/api/plans/case-studies',
        caseStudy({ countryCode: null }),
      );
      expect(regional.statusCode).toBe(403);
      const n = await t.handle.db
        .selectFrom('case_study')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('is_seeded', '=', false)
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(0);
    });

    it('drafts, edits at a version, submits, returns and approves; approved is read-only', async () => {
      const areas = await t.handle.db
        .selectFrom('plan_node')
        .select(['id', 'code'])
        .where('framework_id', '=', 'SPA3')
        .where('kind', '=', 'area')
        .where('code', '=', '3')
        .executeTakeFirstOrThrow();
      const created = await req(
        kh,
        'POST',
        '/api/plans/case-studies',
        caseStudy({ areaNodeId: areas.id }),
      );
      expect(created.statusCode, created.body).toBe(201);
      const cs = created.json();
      expect(cs).toMatchObject({ status: 'Draft', version: 1, areaCode: '3', localLang: 'km' });
      const url = `/api/plans/case-studies/${cs.id}`;
      expect((await req(th, 'GET', url)).statusCode).toBe(403);
      const edited = await req(kh, 'PATCH', url, {
        version: 1,
        heading: 'Coming home with support',
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json().version).toBe(2);
      const stale = await req(kh, 'PATCH', url, { version: 1, heading: 'X' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.field).toBe('version');

      expect((await req(kh, 'POST', `${url}/approve`, { version: 2 })).statusCode).toBe(403);
      const submitted = await req(kh, 'POST', `${url}/submit`, { version: 2 });
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(submitted.json().status).toBe('Submitted');
      const locked = await req(kh, 'PATCH', url, { version: 3, heading: 'Y' });
      expect(locked.statusCode).toBe(409);
      expect(locked.json().error.field).toBe('status');
      const noReason = await req(secretariat, 'POST', `${url}/return`, { version: 3 });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.field).toBe('reason');
      const returned = await req(secretariat, 'POST', `${url}/return`, {
        version: 3,
        reason: 'Add the year of the return',
      });
      expect(returned.json().status).toBe('Draft');
      await req(kh, 'POST', `${url}/submit`, { version: 4 });
      const approved = await req(secretariat, 'POST', `${url}/approve`, { version: 5 });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'Approved', version: 6 });
      const again = await req(secretariat, 'POST', `${url}/approve`, { version: 6 });
      expect(again.statusCode).toBe(409);
      expect((await req(kh, 'DELETE', url)).statusCode).toBe(409);
      const ops = (await audit('plans.case_study_save'))
        .filter((e) => e.target_id === cs.id)
        .map((e) => (e.details as Json).op);
      expect(ops).toEqual(['create', 'update', 'submit', 'return', 'submit', 'approve']);
      const mine = (
        await req(kh, 'GET', '/api/plans/case-studies?country=KH&status=Approved')
      ).json();
      expect(mine.map((c: Json) => c.id)).toEqual([cs.id]);
    });
  });
}
