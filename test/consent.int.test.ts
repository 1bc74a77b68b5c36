import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';
import { agencyId, grantConsent, insertCase, insertRoleUser } from './referral-fixtures';

for (const engine of DB_TARGETS) {
  describe(`${engine}: consent ledger`, () => {
    let t: TestApp;
    let cw: Client;
    let shelter: Client;
    let kh: Client;
    let shelterId: string;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      shelterId = await agencyId(t.handle.db, 'Welfare Protection Center');
      await insertRoleUser(t.handle.db, 'th.shelter.cw2', shelterId, 'case_worker');
      cw = await loginAs(t.app, 'th.caseworker');
      shelter = await loginAs(t.app, 'th.shelter.cw2');
      kh = await loginAs(t.app, 'kh.caseworker');
    });
    afterAll(async () => {
      await t.close();
    });

    it('records consents and refusals and lists the ledger', async () => {
      const caseId = await insertCase(t.handle.db, cw);
      const granted = await grantConsent(cw, caseId, {
        purpose: 'ShareCountry',
        recipients: ['MM'],
        expiresOn: '2027-06-30',
      });
      expect(granted).toMatchObject({
        purpose: 'ShareCountry',
        recipients: ['MM'],
        isActive: true,
        explainedByUserId: cw.userId,
      });
      await grantConsent(cw, caseId, { purpose: 'Research', isGranted: false });
      const bad = await cw.request({
        method: 'POST',
        url: `/api/cases/${caseId}/consents`,
        payload: {
          purpose: 'Services',
          isGranted: true,
          recipients: ['MM'],
          givenOn: '2026-11-30',
          explainedIn: 'my',
        },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('recipients.0');
      const list = await cw.request({ method: 'GET', url: `/api/cases/${caseId}/consents` });
      expect(
        list.json().map((c: { purpose: string; isGranted: boolean }) => [c.purpose, c.isGranted]),
      ).toEqual([
        ['Research', false],
        ['ShareCountry', true],
      ]);
      // Another country's worker can neither read nor write it.
      expect(
        (await kh.request({ method: 'GET', url: `/api/cases/${caseId}/consents` })).statusCode,
      ).toBe(403);
      const audit = await t.handle.db
        .selectFrom('audit_event')
        .select('action')
        .where('action', '=', 'consent.record')
        .execute();
      expect(audit.length).toBeGreaterThanOrEqual(2);
    });

    it('withdrawal revokes the open referral, ends the receiver’s access and notifies it', async () => {
      const caseId = await insertCase(t.handle.db, cw);
      const consent = await grantConsent(cw, caseId, {
        purpose: 'Services',
        recipients: [shelterId],
      });
      const ref = (
        await cw.request({
          method: 'POST',
          url: `/api/cases/${caseId}/referrals`,
          payload: { kind: 'Refer', toAgencyId: shelterId, services: ['Shelter'] },
        })
      ).json();
      expect(
        (
          await shelter.request({
            method: 'POST',
            url: `/api/referrals/${ref.id}/accept`,
            payload: {},
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (await shelter.request({ method: 'GET', url: `/api/cases/${caseId}/referrals` }))
          .statusCode,
      ).toBe(200);
      // The person withdraws the consent.
      const res = await cw.request({
        method: 'POST',
        url: `/api/cases/${caseId}/consents/${consent.id}/withdraw`,
        payload: { reason: 'Person changed their mind' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().revokedReferralIds).toEqual([ref.id]);
      expect(res.json().consent.isActive).toBe(false);
      const row = await t.handle.db
        .selectFrom('referral')
        .select(['status', 'response_reason'])
        .where('id', '=', ref.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'Revoked', response_reason: 'consent withdrawn' });
      // The receiver has lost access and got a notification without personal data.
      expect(
        (await shelter.request({ method: 'GET', url: `/api/cases/${caseId}/referrals` }))
          .statusCode,
      ).toBe(403);
      const notes = (await shelter.request({ method: 'GET', url: '/api/notifications' })).json()
        .items;
      const note = notes.find(
        (n: { kind: string; referralId: string }) =>
          n.kind === 'consent_withdrawn' && n.referralId === ref.id,
      );
      expect(note).toBeTruthy();
      expect(JSON.stringify(note)).not.toMatch(/Aye|Mya|changed their mind/);
      // No Services consent remains: the case is restricted; history and audit record it.
      const kase = await t.handle.db
        .selectFrom('case_record')
        .select('is_restricted')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(kase.is_restricted).toBe(true);
      const history = await t.handle.db
        .selectFrom('case_history')
        .select('action')
        .where('case_id', '=', caseId)
        .execute();
      expect(history.map((h) => h.action)).toEqual(
        expect.arrayContaining(['consent.withdraw', 'referral.revoke']),
      );
      const audit = await t.handle.db
        .selectFrom('audit_event')
        .select(['details'])
        .where('action', '=', 'consent.withdraw')
        .where('target_id', '=', consent.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(audit.details)).not.toContain('changed their mind');
      // Withdrawing twice is a conflict; a new referral is refused again.
      expect(
        (
          await cw.request({
            method: 'POST',
            url: `/api/cases/${caseId}/consents/${consent.id}/withdraw`,
            payload: { reason: 'again' },
          })
        ).statusCode,
      ).toBe(409);
      const again = await cw.request({
        method: 'POST',
        url: `/api/cases/${caseId}/referrals`,
        payload: { kind: 'Refer', toAgencyId: shelterId },
      });
      expect(again.json().error.code).toBe('CONSENT_REQUIRED');
      // A new Services consent lifts the restriction.
      await grantConsent(cw, caseId, { purpose: 'Services' });
      const lifted = await t.handle.db
        .selectFrom('case_record')
        .select('is_restricted')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(lifted.is_restricted).toBe(false);
    });

    it('keeps referrals another consent still covers', async () => {
      const caseId = await insertCase(t.handle.db, cw);
      const named = await grantConsent(cw, caseId, {
        purpose: 'Services',
        recipients: [shelterId],
      });
      await grantConsent(cw, caseId, { purpose: 'Services' });
      const ref = (
        await cw.request({
          method: 'POST',
          url: `/api/cases/${caseId}/referrals`,
          payload: { kind: 'Refer', toAgencyId: shelterId },
        })
      ).json();
      const res = await cw.request({
        method: 'POST',
        url: `/api/cases/${caseId}/consents/${named.id}/withdraw`,
        payload: { reason: 'narrowed' },
      });
      expect(res.json().revokedReferralIds).toEqual([]);
      const row = await t.handle.db
        .selectFrom('referral')
        .select('status')
        .where('id', '=', ref.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('InProgress');
    });
  });
}
