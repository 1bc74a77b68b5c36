/**
 * Cases core through the real API on both engines: create (with duplicate proposals, linking and
 * "create anyway"), read, search by code, name (folded and romanisation variants) and filters,
 * optimistic updates, events, notes, attachments, history and saved searches; scope and referral
 * rules; and that no name reaches the audit trail or the database in clear.
 */
import { loadTestConfig } from '@ctip/server';
import { seedDemoCases } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';
import { auditHead, auditSince } from './state';

let n = 0;
/** A unique, name-like token (digits survive name folding and skeletons). */
function uniq(): string {
  n += 1;
  return `${Date.now() % 1_000_000}${n}`;
}

for (const engine of DB_TARGETS) {
  describe(`${engine}: cases core`, () => {
    let t: TestApp;
    let worker: Client;
    let police: Client;
    let khWorker: Client;
    let focal: Client;
    const names: string[] = [];

    beforeAll(async () => {
      t = await buildTestApp(engine);
      worker = await loginAs(t.app, 'th.caseworker');
      police = await loginAs(t.app, 'th.police');
      khWorker = await loginAs(t.app, 'kh.caseworker');
      focal = await loginAs(t.app, 'th.focal');
    });
    afterAll(async () => {
      await t?.close();
    });

    async function create(client: Client, payload: Record<string, unknown>) {
      return client.request({ method: 'POST', url: '/api/cases', payload });
    }

    function person(given: string, family: string, extra: Record<string, unknown> = {}) {
      names.push(given, family);
      return { givenName: given, familyName: family, ...extra };
    }

    it('creates a case, reads it in full and finds it by code, name and filters', async () => {
      const u = uniq();
      // First, the caseworker opens a case for a Vietnamese-named girl with diacritics.
      const res = await create(worker, {
        person: person('Thị Lan', `Nguyễn${u}`, {
          birthDate: '2010-05-01',
          gender: 'Female',
          nationality: 'VN',
        }),
        victim: {
          identificationStatus: 'Identified',
          identificationDate: '2026-11-01',
          formsOfExploitation: ['SexualExploitation'],
          recruitmentMethods: ['Internet'],
          recruitmentApps: ['Facebook'],
          vulnerabilities: ['Poverty'],
          vulnerabilityDetails: 'Lives alone',
          countryOfExploitation: 'TH',
        },
        events: [{ type: 'Recruitment', country: 'VN', city: 'Lao Cai', date: '2026-08-01' }],
      });
      expect(res.statusCode, res.body).toBe(201);
      const c = res.json();
      expect(c.code).toMatch(/^TH-\d{4}-\d{6}$/);
      expect(c.agencyId).toBe(worker.agencyId);
      expect(c.ownerUserId).toBe(worker.userId);
      expect(c.countryCode).toBe('TH');
      expect(c.ageAtIdentification).toBe(16);
      expect(c.isChild).toBe(true);
      expect(c.isCrossBorder).toBe(true);
      expect(c.version).toBe(1);

      // Then reads it back, decrypted.
      const got = await worker.request({ method: 'GET', url: `/api/cases/${c.id}` });
      expect(got.statusCode).toBe(200);
      expect(got.json().person.familyName).toBe(`Nguyễn${u}`);
      expect(got.json().victim.vulnerabilityDetails).toBe('Lives alone');

      // By code (exact and prefix).
      const byCode = await worker.request({ method: 'GET', url: `/api/cases?code=${c.code}` });
      expect(byCode.json().items.map((i: { id: string }) => i.id)).toEqual([c.id]);
      const byPrefix = await worker.request({ method: 'GET', url: '/api/cases?code=th-' });
      expect(byPrefix.json().total).toBeGreaterThanOrEqual(1);

      // By name without diacritics, in the other order, and by a romanisation variant.
      for (const q of [`nguyen${u} thi lan`, `THI LAN NGUYEN${u}`, `Ti Lan Nguyen${u}`]) {
        const r = await worker.request({
          method: 'POST',
          url: '/api/cases/search',
          payload: { name: q },
        });
        expect(r.statusCode).toBe(200);
        expect(
          r.json().items.map((i: { id: string }) => i.id),
          q,
        ).toEqual([c.id]);
        // The list shows no names.
        expect(r.body).not.toContain(u);
      }
      // A name never travels in a URL.
      const inUrl = await worker.request({ method: 'GET', url: `/api/cases?name=nguyen${u}` });
      expect(inUrl.statusCode).toBe(400);
      expect(inUrl.json().error.field).toBe('name');

      // By filters.
      const filtered = await worker.request({
        method: 'GET',
        url: '/api/cases?status=Active&gender=Female&formOfExploitation=SexualExploitation&isChild=true&isCrossBorder=true&nationality=VN&identificationStatus=Identified&mine=true',
      });
      expect(filtered.json().items.map((i: { id: string }) => i.id)).toContain(c.id);
      const none = await worker.request({
        method: 'GET',
        url: `/api/cases?gender=Male&code=${c.code}`,
      });
      expect(none.json().items).toEqual([]);
      expect(none.json().total).toBe(0);
    });

    it('proposes likely duplicates by code, then links or creates anyway', async () => {
      const u = uniq();
      const base = person('Somchai', `Phongsri${u}`, {
        birthDate: '1990-01-02',
        gender: 'Male',
        idDocumentNumber: `AB-${u}`,
      });
      const first = await create(worker, { person: base });
      expect(first.statusCode, first.body).toBe(201);
      const a = first.json();

      // Same name and birth date: a 409 that names the code and the reason, never the name.
      const seq = await auditHead(t.handle.db);
      const again = await create(worker, {
        person: { givenName: 'Somchai', familyName: `Phongsri${u}`, birthDate: '1990-01-02' },
      });
      expect(again.statusCode).toBe(409);
      const dup = again.json().error;
      expect(dup.code).toBe('CONFLICT');
      expect(dup.details.duplicates).toEqual([
        expect.objectContaining({ caseId: a.id, code: a.code }),
      ]);
      expect(dup.details.duplicates[0].reasons).toEqual(
        expect.arrayContaining(['name_dob', 'variant']),
      );
      expect(again.body).not.toContain(u);
      expect(
        await t.handle.db
          .selectFrom('case_record')
          .select('id')
          .where('person_id', '=', a.personId)
          .execute(),
      ).toHaveLength(1);

      // A variant spelling and the same document.
      const variant = await create(worker, {
        person: { givenName: 'Somchay', familyName: `Fongsri${u}` },
      });
      expect(variant.statusCode).toBe(409);
      expect(variant.json().error.details.duplicates[0].reasons).toEqual(['variant']);
      const doc = await create(worker, {
        person: { givenName: 'Other', familyName: `Person${u}`, idDocumentNumber: `ab ${u}` },
      });
      expect(doc.statusCode).toBe(409);
      expect(doc.json().error.details.duplicates[0].reasons).toEqual(['id_document']);

      // Link to the existing person instead.
      const linked = await create(worker, {
        person: { gender: 'Male' },
        existingPersonId: a.personId,
      });
      expect(linked.statusCode, linked.body).toBe(201);
      expect(linked.json().personId).toBe(a.personId);
      expect(linked.json().linkedCases).toEqual([{ id: a.id, code: a.code }]);
      const events = await auditSince(t.handle.db, seq);
      expect(events.map((e) => e.action)).toContain('case.link_duplicate');

      // Or create anyway: a new person.
      const anyway = await create(worker, {
        person: { givenName: 'Somchai', familyName: `Phongsri${u}`, birthDate: '1990-01-02' },
        ignoreDuplicates: true,
      });
      expect(anyway.statusCode).toBe(201);
      expect(anyway.json().personId).not.toBe(a.personId);

      // Linking to a person the caller cannot reach is refused.
      const foreign = await create(khWorker, { person: {}, existingPersonId: a.personId });
      expect(foreign.statusCode).toBe(403);
    });

    it('updates at the edited version only, re-keys the person and records the history', async () => {
      const u = uniq();
      const c = (await create(worker, { person: person('Mali', `Srisuk${u}`) })).json();
      const ok = await worker.request({
        method: 'PATCH',
        url: `/api/cases/${c.id}`,
        payload: {
          version: 1,
          status: 'FollowUp',
          person: person('Malee', `Srisuk${u}`, { birthDate: '2000-01-01' }),
          victim: { formsOfExploitation: ['ForcedLabour'] },
        },
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().version).toBe(2);
      expect(ok.json().status).toBe('FollowUp');
      expect(ok.json().person.givenName).toBe('Malee');

      const stale = await worker.request({
        method: 'PATCH',
        url: `/api/cases/${c.id}`,
        payload: { version: 1, status: 'Closed' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.field).toBe('version');

      // The new name finds it; the history names fields, not values of personal ones.
      const found = await worker.request({
        method: 'POST',
        url: '/api/cases/search',
        payload: { name: `Malee Srisuk${u}` },
      });
      expect(found.json().items.map((i: { id: string }) => i.id)).toEqual([c.id]);
      const history = await worker.request({ method: 'GET', url: `/api/cases/${c.id}/history` });
      expect(history.statusCode).toBe(200);
      const update = history.json().items.find((h: { action: string }) => h.action === 'update');
      expect(update.changes.status).toEqual({ from: 'Active', to: 'FollowUp' });
      expect(update.changes.givenName).toEqual({ changed: true });
      expect(update.changes.formsOfExploitation).toEqual({ from: [], to: ['ForcedLabour'] });
      expect(history.body).not.toContain('Malee');
    });

    it('keeps cases of another country and agency out of reach (audited refusal)', async () => {
      const c = (await create(worker, { person: person('Anong', `Wong${uniq()}`) })).json();
      const seq = await auditHead(t.handle.db);
      const res = await khWorker.request({ method: 'GET', url: `/api/cases/${c.id}` });
      expect(res.statusCode).toBe(403);
      const denied = (await auditSince(t.handle.db, seq)).filter(
        (e) => e.action === 'access.denied',
      );
      expect(denied).toHaveLength(1);
      expect(denied[0]?.target_id).toBe(c.id);
      const list = await khWorker.request({ method: 'GET', url: `/api/cases?code=${c.code}` });
      expect(list.json().items).toEqual([]);
      const notes = await khWorker.request({ method: 'GET', url: `/api/cases/${c.id}/notes` });
      expect(notes.statusCode).toBe(403);

      // The country focal point reads every Thai case.
      const focalRead = await focal.request({ method: 'GET', url: `/api/cases/${c.id}` });
      expect(focalRead.statusCode).toBe(200);
    });

    it('lets a frontline officer see only the cases they own', async () => {
      const mine = await create(police, { person: person('Lek', `Police${uniq()}`) });
      expect(mine.statusCode, mine.body).toBe(201);
      const other = (await create(worker, { person: person('Dao', `Other${uniq()}`) })).json();
      const list = await police.request({ method: 'GET', url: '/api/cases?pageSize=200' });
      expect(list.statusCode).toBe(200);
      const items = list.json().items as { ownerUserId: string; id: string }[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((i) => i.ownerUserId === police.userId)).toBe(true);
      expect(items.map((i) => i.id)).toContain(mine.json().id);
      const read = await police.request({ method: 'GET', url: `/api/cases/${other.id}` });
      expect(read.statusCode).toBe(403);
      // The caseworker's agency does not see the police case either.
      const workerList = await worker.request({
        method: 'GET',
        url: `/api/cases?code=${mine.json().code}`,
      });
      expect(workerList.json().items).toEqual([]);
    });

    it('sees a case referred to its agency through an open referral', async () => {
      const c = (await create(worker, { person: person('Bua', `Referred${uniq()}`) })).json();
      const before = await police.request({ method: 'GET', url: `/api/cases?code=${c.code}` });
      expect(before.json().items).toEqual([]);
      await t.handle.db
        .insertInto('referral')
        .values({
          id: crypto.randomUUID(),
          case_id: c.id,
          kind: 'Refer',
          from_agency_id: worker.agencyId,
          from_user_id: worker.userId,
          to_agency_id: police.agencyId,
        })
        .execute();
      const after = await police.request({ method: 'GET', url: `/api/cases?code=${c.code}` });
      expect(after.json().items.map((i: { id: string }) => i.id)).toEqual([c.id]);
      expect((await police.request({ method: 'GET', url: `/api/cases/${c.id}` })).statusCode).toBe(
        200,
      );
    });

    it('refuses bad input with a field-named 400 and writes nothing', async () => {
      const count = async () =>
        Number(
          (
            await t.handle.db
              .selectFrom('person')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const seq = await auditHead(t.handle.db);
      for (const [payload, field] of [
        [{ person: { givenName: 'X', birthDate: '2020-02-30' } }, 'person.birthDate'],
        [{ person: { gender: 'Robot' } }, 'person.gender'],
        [{ person: {}, victim: { formsOfExploitation: ['Nope'] } }, 'victim.formsOfExploitation.0'],
        [{ person: {}, events: [{ type: 'Holiday' }] }, 'events.0.type'],
      ] as const) {
        const res = await create(worker, payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().error.code).toBe('INVALID_INPUT');
        expect(res.json().error.message).toContain(field);
      }
      const patch = await worker.request({
        method: 'PATCH',
        url: `/api/cases/${crypto.randomUUID()}`,
        payload: { version: 0 },
      });
      expect(patch.statusCode).toBe(400);
      expect(await count()).toBe(before);
      expect(
        (await auditSince(t.handle.db, seq)).filter((e) => e.action === 'case.create'),
      ).toEqual([]);
    });

    it('keeps events, perpetrators, notes and attachments, sealed and audited', async () => {
      const c = (await create(worker, { person: person('Pim', `Notes${uniq()}`) })).json();
      const ev = await worker.request({
        method: 'POST',
        url: `/api/cases/${c.id}/events`,
        payload: { type: 'Exploitation', country: 'MY', description: 'Palm oil estate' },
      });
      expect(ev.statusCode, ev.body).toBe(201);
      const afterEvent = (
        await worker.request({ method: 'GET', url: `/api/cases/${c.id}` })
      ).json();
      expect(afterEvent.isCrossBorder).toBe(true);
      const events = await worker.request({ method: 'GET', url: `/api/cases/${c.id}/events` });
      expect(events.json().items).toHaveLength(1);
      expect(events.json().items[0].description).toBe('Palm oil estate');
      const del = await worker.request({
        method: 'DELETE',
        url: `/api/cases/${c.id}/events/${ev.json().id}`,
      });
      expect(del.statusCode).toBe(204);

      const per = await worker.request({
        method: 'POST',
        url: `/api/cases/${c.id}/perpetrators`,
        payload: { roles: ['RecruiterOrIntermediary'], name: 'Uncle Boon' },
      });
      expect(per.statusCode, per.body).toBe(201);
      const pers = await worker.request({ method: 'GET', url: `/api/cases/${c.id}/perpetrators` });
      expect(pers.json().items[0].name).toBe('Uncle Boon');

      const note = await worker.request({
        method: 'POST',
        url: `/api/cases/${c.id}/notes`,
        payload: { body: 'Met the family in Chiang Rai' },
      });
      expect(note.statusCode).toBe(201);
      const notes = await worker.request({ method: 'GET', url: `/api/cases/${c.id}/notes` });
      expect(notes.json().items[0].body).toBe('Met the family in Chiang Rai');

      const content = Buffer.from('%PDF-1.4 fake');
      const up = await worker.request({
        method: 'POST',
        url: `/api/cases/${c.id}/attachments`,
        payload: {
          fileName: 'passport scan.pdf',
          mediaType: 'application/pdf',
          contentBase64: content.toString('base64'),
        },
      });
      expect(up.statusCode, up.body).toBe(201);
      const seq = await auditHead(t.handle.db);
      const down = await worker.request({
        method: 'GET',
        url: `/api/cases/${c.id}/attachments/${up.json().id}`,
      });
      expect(down.statusCode).toBe(200);
      expect(down.headers['content-disposition']).toMatch(/^attachment;/);
      expect(down.rawPayload.equals(content)).toBe(true);
      expect((await auditSince(t.handle.db, seq)).map((e) => e.action)).toContain(
        'case.attachment_read',
      );
      const tooBig = await worker.request({
        method: 'POST',
        url: `/api/cases/${c.id}/attachments`,
        payload: {
          fileName: 'big.bin',
          mediaType: 'application/octet-stream',
          contentBase64: Buffer.alloc(5 * 1024 * 1024 + 10).toString('base64'),
        },
      });
      expect([400, 413]).toContain(tooBig.statusCode);

      const stored = await t.handle.db
        .selectFrom('case_note')
        .select('body_enc')
        .where('case_id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(stored.body_enc).not.toContain('Chiang Rai');
      const file = await t.handle.db
        .selectFrom('case_attachment')
        .selectAll()
        .where('case_id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(file)).not.toContain('passport');
      const history = await worker.request({ method: 'GET', url: `/api/cases/${c.id}/history` });
      expect(history.json().items.map((h: { action: string }) => h.action)).toEqual(
        expect.arrayContaining([
          'create',
          'event_add',
          'event_delete',
          'note_add',
          'attachment_add',
        ]),
      );
    });

    it('saves, changes and deletes the caller’s own searches, without names', async () => {
      const res = await worker.request({
        method: 'POST',
        url: '/api/cases/saved-searches',
        payload: { name: `Children ${uniq()}`, filters: { isChild: 'true', name: 'Secret Name' } },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().filters).toEqual({ isChild: 'true' });
      const dup = await worker.request({
        method: 'POST',
        url: '/api/cases/saved-searches',
        payload: { name: res.json().name, filters: {} },
      });
      expect(dup.statusCode).toBe(409);
      const put = await worker.request({
        method: 'PUT',
        url: `/api/cases/saved-searches/${res.json().id}`,
        payload: { name: 'Renamed', filters: { status: 'Active' } },
      });
      expect(put.statusCode).toBe(200);
      const mine = await worker.request({ method: 'GET', url: '/api/cases/saved-searches' });
      expect(mine.json().items.map((s: { name: string }) => s.name)).toContain('Renamed');
      const theirs = await police.request({ method: 'GET', url: '/api/cases/saved-searches' });
      expect(theirs.json().items).toEqual([]);
      const otherDelete = await police.request({
        method: 'DELETE',
        url: `/api/cases/saved-searches/${res.json().id}`,
      });
      expect(otherDelete.statusCode).toBe(404);
      const del = await worker.request({
        method: 'DELETE',
        url: `/api/cases/saved-searches/${res.json().id}`,
      });
      expect(del.statusCode).toBe(204);
    });

    it('links the hotline call that led to the case, in the caller’s agency only', async () => {
      const callId = crypto.randomUUID();
      await t.handle.db
        .insertInto('hotline_call')
        .values({
          id: callId,
          country_code: 'TH',
          agency_id: worker.agencyId,
          operator_user_id: worker.userId,
          received_at: new Date(),
          channel: 'Phone',
          language: 'th',
          caller_type: 'Victim',
          category: 'Trafficking',
          urgency: 'High',
          outcome: 'CaseOpened',
        })
        .execute();
      const foreign = await create(police, {
        person: person('Kham', `Hotline${uniq()}`),
        hotlineCallId: callId,
      });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json().error.field).toBe('hotlineCallId');
      const res = await create(worker, {
        person: person('Kham', `Hotline${uniq()}`),
        hotlineCallId: callId,
      });
      expect(res.statusCode, res.body).toBe(201);
      const call = await t.handle.db
        .selectFrom('hotline_call')
        .select('case_id')
        .where('id', '=', callId)
        .executeTakeFirstOrThrow();
      expect(call.case_id).toBe(res.json().id);
    });

    it('documents its routes in the OpenAPI spec under the cases tag', async () => {
      const res = await worker.request({ method: 'GET', url: '/api/docs/json' });
      expect(res.statusCode).toBe(200);
      const paths = res.json().paths as Record<string, Record<string, { tags?: string[] }>>;
      for (const path of [
        '/api/cases',
        '/api/cases/search',
        '/api/cases/{id}',
        '/api/cases/{id}/notes',
      ]) {
        expect(Object.keys(paths), path).toContain(path);
      }
      expect(paths['/api/cases/{id}']?.get?.tags).toEqual(['cases']);
    });

    it('seeds the demo cases once', async () => {
      const ctx = { db: t.handle.db, config: loadTestConfig().services, now: () => new Date() };
      const first = await seedDemoCases(ctx);
      expect(first.created).toBeGreaterThanOrEqual(4);
      expect((await seedDemoCases(ctx)).created).toBe(0);
      const kh = await khWorker.request({ method: 'GET', url: '/api/cases?pageSize=200' });
      expect(kh.json().items.some((i: { countryCode: string }) => i.countryCode === 'KH')).toBe(
        true,
      );
      expect(kh.json().items.every((i: { countryCode: string }) => i.countryCode === 'KH')).toBe(
        true,
      );
    });

    it('never writes a name to the audit trail or to the database in clear', async () => {
      expect(names.length).toBeGreaterThan(10);
      const audit = await t.handle.db.selectFrom('audit_event').select('details').execute();
      const auditText = JSON.stringify(audit);
      // Sealed values and keyed hashes are random-looking text, which may hold any short name by
      // chance ("uu3TM_BuaIBHBtnq"), so they are taken out before looking for names in clear.
      const clear = (rows: unknown) =>
        JSON.stringify(rows)
          .replace(/v1:[A-Za-z0-9_:-]+/g, '<sealed>')
          .replace(/\b[0-9a-f]{64}\b/g, '<hash>');
      const people = clear(await t.handle.db.selectFrom('person').selectAll().execute());
      const keys = clear(await t.handle.db.selectFrom('person_key').selectAll().execute());
      const searches = JSON.stringify(
        await t.handle.db.selectFrom('saved_search').selectAll().execute(),
      );
      for (const name of names) {
        expect(auditText, name).not.toContain(name);
        expect(people, name).not.toContain(name);
        expect(keys, name).not.toContain(name);
      }
      expect(searches).not.toContain('Secret Name');
    });
  });
}
