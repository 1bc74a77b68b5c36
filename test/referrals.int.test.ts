import { seedDemoProviders } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';
import { agencyId, count, grantConsent, insertCase, insertRoleUser } from './referral-fixtures';

for (const engine of DB_TARGETS) {
  describe(`${engine}: national referrals`, () => {
    let t: TestApp;
    let cw: Client; // th.caseworker @ MSDHS (owner side)
    let shelter: Client; // case worker @ WPC Ranong (receiver)
    let focal: Client; // th.focal (override)
    let kh: Client;
    let colleague: Client; // another case worker @ MSDHS
    let shelterId: string;
    let policeId: string;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      shelterId = await agencyId(t.handle.db, 'Welfare Protection Center');
      policeId = await agencyId(t.handle.db, 'Royal Thai Police');
      await insertRoleUser(t.handle.db, 'th.shelter.cw', shelterId, 'case_worker');
      const msdhs = await agencyId(t.handle.db, 'Division of Anti-Trafficking');
      await insertRoleUser(t.handle.db, 'th.caseworker.two', msdhs, 'case_worker');
      cw = await loginAs(t.app, 'th.caseworker');
      shelter = await loginAs(t.app, 'th.shelter.cw');
      focal = await loginAs(t.app, 'th.focal');
      kh = await loginAs(t.app, 'kh.caseworker');
      colleague = await loginAs(t.app, 'th.caseworker.two');
    });
    afterAll(async () => {
      await t.close();
    });

    it('refuses a referral without consent with CONSENT_REQUIRED and writes nothing', async () => {
      const caseId = await insertCase(t.handle.db, cw);
      const before = await Promise.all([
        count(t.handle.db, 'referral'),
        count(t.handle.db, 'notification'),
        count(t.handle.db, 'case_history'),
      ]);
      const res = await cw.request({
        method: 'POST',
        url: `/api/cases/${caseId}/referrals`,
        payload: { kind: 'Refer', toAgencyId: shelterId, services: ['Shelter'] },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('CONSENT_REQUIRED');
      expect(res.json().error.message).toContain('Services');
      const after = await Promise.all([
        count(t.handle.db, 'referral'),
        count(t.handle.db, 'notification'),
        count(t.handle.db, 'case_history'),
      ]);
      expect(after).toEqual(before);
      // A consent for another agency does not cover the shelter; police need SharePolice.
      await grantConsent(cw, caseId, { purpose: 'Services', recipients: [policeId] });
      const other = await cw.request({
        method: 'POST',
        url: `/api/cases/${caseId}/referrals`,
        payload: { kind: 'Refer', toAgencyId: shelterId },
      });
      expect(other.json().error.code).toBe('CONSENT_REQUIRED');
      const police = await cw.request({
        method: 'POST',
        url: `/api/cases/${caseId}/referrals`,
        payload: { kind: 'Refer', toAgencyId: policeId },
      });
      expect(police.json().error.code).toBe('CONSENT_REQUIRED');
      expect(police.json().error.message).toContain('SharePolice');
    });

    it('runs a referral from consent to outcome, with inbox, case access and notifications', async () => {
      const caseId = await insertCase(t.handle.db, cw);
      // First, the receiver cannot read the case.
      expect(
        (await shelter.request({ method: 'GET', url: `/api/cases/${caseId}/consents` })).statusCode,
      ).toBe(403);
      // The caseworker records the Services consent naming the shelter and refers.
      await grantConsent(cw, caseId, { purpose: 'Services', recipients: [shelterId] });
      const created = await cw.request({
        method: 'POST',
        url: `/api/cases/${caseId}/referrals`,
        payload: {
          kind: 'Refer',
          toAgencyId: shelterId,
          services: ['Shelter', 'Psychosocial'],
          details: 'needs a bed tonight',
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const ref = created.json();
      expect(ref.status).toBe('InProgress');
      expect(ref.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(ref.allowedActions).toEqual(['revoke']);
      // The receiver sees it in the inbox (without details) and can now read the case.
      const inbox = await shelter.request({ method: 'GET', url: '/api/referrals?box=incoming' });
      expect(inbox.statusCode).toBe(200);
      const mine = inbox.json().items.find((r: { id: string }) => r.id === ref.id);
      expect(mine.allowedActions).toEqual(['accept', 'reject']);
      expect(mine.details).toBeNull();
      expect(
        (await shelter.request({ method: 'GET', url: `/api/cases/${caseId}/consents` })).statusCode,
      ).toBe(200);
      const outgoing = await cw.request({ method: 'GET', url: '/api/referrals?box=outgoing' });
      expect(outgoing.json().items.map((r: { id: string }) => r.id)).toContain(ref.id);
      const received = await shelter.request({ method: 'GET', url: '/api/notifications' });
      expect(
        received
          .json()
          .items.some(
            (n: { kind: string; referralId: string }) =>
              n.kind === 'referral_received' && n.referralId === ref.id,
          ),
      ).toBe(true);
      // Done is not allowed before accept; then accept and report the outcome.
      const early = await shelter.request({
        method: 'POST',
        url: `/api/referrals/${ref.id}/complete`,
        payload: { outcome: 'Placed' },
      });
      expect(early.statusCode).toBe(409);
      const accepted = await shelter.request({
        method: 'POST',
        url: `/api/referrals/${ref.id}/accept`,
        payload: {},
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json().status).toBe('Accepted');
      const done = await shelter.request({
        method: 'POST',
        url: `/api/referrals/${ref.id}/complete`,
        payload: { outcome: 'Placed in shelter, counselling started' },
      });
      expect(done.json().status).toBe('Done');
      // The referrer is notified of the outcome (no personal data in the params).
      const notes = await cw.request({ method: 'GET', url: '/api/notifications' });
      const outcome = notes
        .json()
        .items.find(
          (n: { kind: string; referralId: string }) =>
            n.kind === 'referral_outcome' && n.referralId === ref.id,
        );
      expect(outcome).toBeTruthy();
      expect(JSON.stringify(outcome.params)).not.toMatch(/Aye|Mya|bed/);
      // The case history has the steps, and the receiver's access ended with Done.
      const history = await t.handle.db
        .selectFrom('case_history')
        .select('action')
        .where('case_id', '=', caseId)
        .execute();
      expect(history.map((h) => h.action)).toEqual(
        expect.arrayContaining([
          'consent.record',
          'referral.create',
          'referral.accept',
          'referral.complete',
        ]),
      );
      expect(
        (await shelter.request({ method: 'GET', url: `/api/cases/${caseId}/consents` })).statusCode,
      ).toBe(403);
      // Others cannot act on it.
      expect(
        (await kh.request({ method: 'POST', url: `/api/referrals/${ref.id}/revoke`, payload: {} }))
          .statusCode,
      ).toBe(403);
    });

    it('assigns within the owning agency without consent', async () => {
      const caseId = await insertCase(t.handle.db, cw);
      const res = await cw.request({
        method: 'POST',
        url: `/api/cases/${caseId}/referrals`,
        payload: { kind: 'Assign', toUserId: colleague.userId },
      });
      expect(res.statusCode, res.body).toBe(201);
      const assignees = await cw.request({
        method: 'GET',
        url: `/api/referrals/assignees?agencyId=${cw.agencyId}`,
      });
      expect(assignees.json().map((u: { id: string }) => u.id)).toContain(colleague.userId);
      const inbox = await colleague.request({ method: 'GET', url: '/api/referrals?box=incoming' });
      const mine = inbox.json().items.find((r: { id: string }) => r.id === res.json().id);
      // A colleague stands on both sides (same agency): accept, reject, or revoke.
      expect(mine.allowedActions).toEqual(expect.arrayContaining(['accept', 'reject']));
      expect(
        (
          await colleague.request({
            method: 'POST',
            url: `/api/referrals/${mine.id}/accept`,
            payload: {},
          })
        ).json().status,
      ).toBe('Accepted');
      const owner = await t.handle.db
        .selectFrom('case_record')
        .select('owner_user_id')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(owner.owner_user_id).toBe(cw.userId);
      // Assigning to a user of another agency is refused.
      const other = await cw.request({
        method: 'POST',
        url: `/api/cases/${caseId}/referrals`,
        payload: { kind: 'Assign', toUserId: shelter.userId },
      });
      expect(other.statusCode).toBe(400);
      expect(other.json().error.field).toBe('toUserId');
    });

    it('needs a reason to reject', async () => {
      const caseId = await insertCase(t.handle.db, cw);
      await grantConsent(cw, caseId, { purpose: 'Services' });
      const ref = (
        await cw.request({
          method: 'POST',
          url: `/api/cases/${caseId}/referrals`,
          payload: { kind: 'Refer', toAgencyId: shelterId },
        })
      ).json();
      const bare = await shelter.request({
        method: 'POST',
        url: `/api/referrals/${ref.id}/reject`,
        payload: {},
      });
      expect(bare.statusCode).toBe(400);
      expect(bare.json().error.message).toContain('reason');
      const ok = await shelter.request({
        method: 'POST',
        url: `/api/referrals/${ref.id}/reject`,
        payload: { reason: 'No capacity this week' },
      });
      expect(ok.json().status).toBe('Rejected');
      expect(ok.json().responseReason).toBe('No capacity this week');
      const notes = await cw.request({ method: 'GET', url: '/api/notifications?unread=true' });
      expect(notes.statusCode, notes.body).toBe(200);
      expect(notes.json().items.some((n: { kind: string }) => n.kind === 'referral_rejected')).toBe(
        true,
      );
    });

    it('moves ownership on an accepted transfer only', async () => {
      const caseId = await insertCase(t.handle.db, cw);
      await grantConsent(cw, caseId, { purpose: 'Services', recipients: [shelterId] });
      const ref = (
        await cw.request({
          method: 'POST',
          url: `/api/cases/${caseId}/referrals`,
          payload: { kind: 'Transfer', toAgencyId: shelterId },
        })
      ).json();
      const owner = () =>
        t.handle.db
          .selectFrom('case_record')
          .select(['agency_id', 'owner_user_id'])
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow();
      expect((await owner()).agency_id).toBe(cw.agencyId);
      const accepted = await shelter.request({
        method: 'POST',
        url: `/api/referrals/${ref.id}/accept`,
        payload: {},
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json().status).toBe('Done');
      expect(await owner()).toEqual({ agency_id: shelterId, owner_user_id: shelter.userId });
    });

    it('lets the owner accept a transfer request, which moves the case to the requester', async () => {
      const caseId = await insertCase(t.handle.db, cw);
      await grantConsent(cw, caseId, { purpose: 'Services' });
      // The shelter holds an accepted referral, so it can read the case and ask for it.
      const refer = (
        await cw.request({
          method: 'POST',
          url: `/api/cases/${caseId}/referrals`,
          payload: { kind: 'Refer', toAgencyId: shelterId },
        })
      ).json();
      await shelter.request({
        method: 'POST',
        url: `/api/referrals/${refer.id}/accept`,
        payload: {},
      });
      const req = await shelter.request({
        method: 'POST',
        url: `/api/cases/${caseId}/referrals`,
        payload: { kind: 'TransferRequest', reason: 'MigrationOrChangeOfLocation' },
      });
      expect(req.statusCode, req.body).toBe(201);
      const incoming = await cw.request({
        method: 'GET',
        url: '/api/referrals?box=incoming&status=InProgress',
      });
      expect(incoming.json().items.map((r: { id: string }) => r.id)).toContain(req.json().id);
      const ok = await cw.request({
        method: 'POST',
        url: `/api/referrals/${req.json().id}/accept`,
        payload: {},
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const row = await t.handle.db
        .selectFrom('case_record')
        .select(['agency_id'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(row.agency_id).toBe(shelterId);
    });

    it('allows an override only to case:override holders, with a reason, audited', async () => {
      const caseId = await insertCase(t.handle.db, cw);
      const noRight = await cw.request({
        method: 'POST',
        url: `/api/cases/${caseId}/referrals`,
        payload: { kind: 'Refer', toAgencyId: shelterId, overrideReason: 'Immediate danger' },
      });
      expect(noRight.statusCode).toBe(403);
      const noReason = await focal.request({
        method: 'POST',
        url: `/api/cases/${caseId}/referrals`,
        payload: { kind: 'Refer', toAgencyId: shelterId },
      });
      expect(noReason.json().error.code).toBe('CONSENT_REQUIRED');
      const ok = await focal.request({
        method: 'POST',
        url: `/api/cases/${caseId}/referrals`,
        payload: {
          kind: 'Refer',
          toAgencyId: shelterId,
          overrideReason: 'Immediate danger to life',
        },
      });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json().isConsentOverridden).toBe(true);
      const events = await t.handle.db
        .selectFrom('audit_event')
        .select(['action', 'outcome', 'details', 'actor_user_id'])
        .where('target_id', '=', caseId)
        .execute();
      const override = events.find((e) => e.action === 'consent.override');
      expect(override?.actor_user_id).toBe(focal.userId);
      expect(JSON.stringify(override?.details)).not.toContain('Immediate danger');
      expect(
        events.some((e) => e.action === 'access.denied' && e.actor_user_id === cw.userId),
      ).toBe(true);
    });

    it('keeps a provider directory: seeded once, filtered, managed by focal points', async () => {
      // The demo seed already loaded the directory; loading it again adds nothing.
      const seeded = await t.handle.db
        .selectFrom('service_provider')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(seeded.n).toBeGreaterThanOrEqual(8);
      expect(await seedDemoProviders(t.handle.db)).toBe(0);
      // Case workers read their country's directory, filtered by service and language.
      const shelters = await cw.request({
        method: 'GET',
        url: '/api/service-providers?service=Shelter&language=my',
      });
      expect(shelters.statusCode, shelters.body).toBe(200);
      const names = shelters
        .json()
        .map((p: { name: string; countryCode: string }) => `${p.countryCode}:${p.name}`);
      expect(names).toContain('TH:Welfare Protection Center for Victims of Trafficking, Ranong');
      expect(names.every((n: string) => n.startsWith('TH:'))).toBe(true);
      const wpc = shelters
        .json()
        .find((p: { agencyId: string | null }) => p.agencyId === shelterId);
      expect(wpc).toBeTruthy();
      // A referral can go to a provider linked to an agency: the agency receives it.
      const caseId = await insertCase(t.handle.db, cw);
      await grantConsent(cw, caseId, { purpose: 'Services', recipients: [shelterId] });
      const ref = await cw.request({
        method: 'POST',
        url: `/api/cases/${caseId}/referrals`,
        payload: { kind: 'Refer', toProviderId: wpc.id, services: ['Shelter'] },
      });
      expect(ref.statusCode, ref.body).toBe(201);
      expect(ref.json()).toMatchObject({ toAgencyId: shelterId, toProviderName: wpc.name });
      // Only focal points (and national administrators) add or change providers.
      const input = {
        name: 'Legal Aid Ranong',
        agencyType: 'legal_aid',
        countryCode: 'TH',
        services: ['Legal'],
        languages: ['th', 'my'],
      };
      expect(
        (await cw.request({ method: 'POST', url: '/api/service-providers', payload: input }))
          .statusCode,
      ).toBe(403);
      const created = await focal.request({
        method: 'POST',
        url: '/api/service-providers',
        payload: input,
      });
      expect(created.statusCode, created.body).toBe(201);
      const bad = await focal.request({
        method: 'POST',
        url: '/api/service-providers',
        payload: { ...input, name: 'X', agencyType: 'no_such_type' },
      });
      expect(bad.json().error.field).toBe('agencyType');
      const abroad = await focal.request({
        method: 'POST',
        url: '/api/service-providers',
        payload: { ...input, countryCode: 'KH' },
      });
      expect(abroad.statusCode).toBe(403);
      const updated = await focal.request({
        method: 'PATCH',
        url: `/api/service-providers/${created.json().id}`,
        payload: { capacity: 12, isActive: false },
      });
      expect(updated.json()).toMatchObject({ capacity: 12, isActive: false });
      const active = await cw.request({
        method: 'GET',
        url: '/api/service-providers?q=legal aid ranong',
      });
      expect(active.json()).toEqual([]);
      const audit = await t.handle.db
        .selectFrom('audit_event')
        .select('action')
        .where('target_id', '=', created.json().id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(['provider.create', 'provider.update']),
      );
    });

    it('flags overdue referrals and notifies once', async () => {
      const caseId = await insertCase(t.handle.db, cw);
      await grantConsent(cw, caseId, { purpose: 'Services' });
      const ref = (
        await cw.request({
          method: 'POST',
          url: `/api/cases/${caseId}/referrals`,
          payload: { kind: 'Refer', toAgencyId: shelterId, dueOn: '2026-01-05' },
        })
      ).json();
      expect(ref.isOverdue).toBe(true);
      const overdue = await shelter.request({ method: 'GET', url: '/api/referrals/overdue' });
      expect(overdue.json().map((r: { id: string }) => r.id)).toContain(ref.id);
      const flagged = await shelter.request({
        method: 'GET',
        url: '/api/referrals?box=incoming&overdue=true',
      });
      expect(flagged.statusCode, flagged.body).toBe(200);
      expect(flagged.json().items.every((r: { isOverdue: boolean }) => r.isOverdue)).toBe(true);
      const n = await t.handle.db
        .selectFrom('notification')
        .select('id')
        .where('referral_id', '=', ref.id)
        .where('kind', '=', 'referral_overdue')
        .execute();
      expect(n.length).toBe(2); // receiver and referrer, once
    });
  });
}
