/**
 * Cross-border referral and repatriation as one shared case, on one node hosting all six
 * countries: a TH→KH referral goes through the outbox, a signed message and the inbox to itself.
 * Offer → received → accepted (KH case opened) → steps by their owners, identical on both sides →
 * follow-up outcome reported back → consent withdrawn reaches KH, which restricts and acknowledges.
 * Consent, policy fields, onward sharing, rejection, permissions and audit.
 */
import type { XbCaseDetail, XbCaseListItem } from '@ctip/domain';
import { findAgreementForPair, seedDemoCrossBorder } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import {
  auditActions,
  countRows,
  insertAgreement,
  insertBorderPoint,
} from './crossborder-fixtures';
import { DB_TARGETS } from './db';
import { grantConsent, insertCase } from './referral-fixtures';

const AGREEMENT = 'TEST-TH-KH-XB';

for (const engine of DB_TARGETS) {
  describe(`${engine}: cross-border shared cases`, () => {
    let t: TestApp;
    let thWorker: Client;
    let thFocal: Client;
    let khFocal: Client;
    let khWorker: Client;
    let caseId: string;
    let consentId: string;
    let borderPointId: string;
    let thXb: XbCaseDetail;
    let khXbId: string;
    let khCaseId: string;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      // The policy withholds the family name: it must never reach the receiver.
      await insertAgreement(t.handle.db, AGREEMENT, ['TH', 'KH'], {
        fields: [
          'person.givenName',
          'person.gender',
          'person.nationality',
          'person.estimatedAge',
          'victim.identificationStatus',
          'case.supportNeeds',
          'rights.returnChoice',
          'rights.contactAt',
        ],
      });
      borderPointId = await insertBorderPoint(
        t.handle.db,
        'TEST-BLO-ARANYAPRATHET',
        ['TH', 'KH'],
        'Aranyaprathet – Poipet',
      );
      [thWorker, thFocal, khFocal, khWorker] = await Promise.all([
        loginAs(t.app, 'th.caseworker'),
        loginAs(t.app, 'th.focal'),
        loginAs(t.app, 'kh.focal'),
        loginAs(t.app, 'kh.caseworker'),
      ]);
      caseId = await insertCase(t.handle.db, thWorker);
    }, 120_000);
    afterAll(async () => {
      await t?.close();
    });

    const refer = (c: Client, id: string, body: Record<string, unknown> = {}) =>
      c.request({
        method: 'POST',
        url: `/api/cases/${id}/cross-border`,
        payload: {
          toCountry: 'KH',
          agreementCode: AGREEMENT,
          returnChoice: 'Voluntary',
          contactAt: 'Poipet market, stall 4',
          supportNeeds: 'Medical check on arrival',
          ...body,
        },
      });
    const get = async (c: Client, id: string) => {
      const res = await c.request({ method: 'GET', url: `/api/cross-border/cases/${id}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as XbCaseDetail;
    };
    const step = (c: Client, id: string, name: string, body: Record<string, unknown>) =>
      c.request({
        method: 'PATCH',
        url: `/api/cross-border/cases/${id}/steps/${name}`,
        payload: body,
      });
    const receiverOf = async (ref: string) =>
      (
        await t.handle.db
          .selectFrom('xb_case')
          .selectAll()
          .where('ref', '=', ref)
          .where('role', '=', 'Receiver')
          .executeTakeFirstOrThrow()
      ).id;

    it('refuses a referral without ShareCountry consent and writes nothing', async () => {
      const before = [
        await countRows(t.handle.db, 'xb_case'),
        await countRows(t.handle.db, 'outbox_message'),
      ];
      const res = await refer(thFocal, caseId);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('CONSENT_REQUIRED');
      expect([
        await countRows(t.handle.db, 'xb_case'),
        await countRows(t.handle.db, 'outbox_message'),
      ]).toEqual(before);
    });

    it('refuses a case worker (no crossborder_case:create) and the own country', async () => {
      const cw = await refer(thWorker, caseId);
      expect(cw.statusCode).toBe(403);
      const same = await refer(thFocal, caseId, { toCountry: 'TH' });
      expect(same.statusCode).toBe(400);
      expect(same.json().error.field).toBe('toCountry');
    });

    it('offers the case with only the policy fields; the receiver stores and answers', async () => {
      const consent = await grantConsent(thWorker, caseId, {
        purpose: 'ShareCountry',
        recipients: ['KH'],
      });
      consentId = consent.id;
      const res = await refer(thFocal, caseId);
      expect(res.statusCode, res.body).toBe(201);
      thXb = res.json();
      expect(thXb.role).toBe('Sender');
      expect(thXb.status).toBe('Offered');
      expect(thXb.steps).toHaveLength(11);
      expect(thXb.steps.find((s) => s.step === 'handover')?.ownerCountry).toBe('TH');
      expect(thXb.steps.find((s) => s.step === 'reception')?.ownerCountry).toBe('KH');
      expect(thXb.pendingMessages).toBe(1);
      const kase = await t.handle.db
        .selectFrom('case_record')
        .select('is_cross_border')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(kase.is_cross_border).toBe(true);

      await t.deliver();
      const after = await get(thFocal, thXb.id);
      expect(after.status).toBe('Received');
      expect(after.pendingMessages).toBe(0);
      expect(after.messages.map((m) => `${m.direction}:${m.kind}:${m.status}`)).toEqual([
        'out:referral.offer:Delivered',
        'in:referral.received:Applied',
      ]);

      khXbId = await receiverOf(thXb.ref);
      const kh = await get(khFocal, khXbId);
      expect(kh.role).toBe('Receiver');
      expect(kh.status).toBe('Received');
      expect(kh.localCountry).toBe('KH');
      expect(kh.shared?.['person.givenName']).toBe('Aye');
      expect(kh.shared?.['rights.contactAt']).toBe('Poipet market, stall 4');
      expect(kh.shared?.['rights.returnChoice']).toBe('Voluntary');
      expect(Object.keys(kh.shared ?? {})).not.toContain('person.familyName');
      expect(JSON.stringify(kh)).not.toContain('Mya');

      const notes = await t.handle.db
        .selectFrom('notification')
        .select('kind')
        .where('user_id', '=', khFocal.userId)
        .execute();
      expect(notes.map((n) => n.kind)).toContain('referral_received');
      const referAudit = await t.handle.db
        .selectFrom('audit_event')
        .select('details')
        .where('action', '=', 'crossborder.refer')
        .where('target_id', '=', thXb.id)
        .executeTakeFirstOrThrow();
      expect((referAudit.details as { withheldFields: string[] }).withheldFields).toContain(
        'person.familyName',
      );
      expect(JSON.stringify(referAudit.details)).not.toContain('Mya');
    });

    it('lists outgoing and incoming by role scope, without personal data', async () => {
      const out = await thFocal.request({
        method: 'GET',
        url: '/api/cross-border/cases?direction=outgoing',
      });
      expect(out.statusCode).toBe(200);
      const outItems = out.json().items as XbCaseListItem[];
      expect(outItems.map((i) => i.id)).toContain(thXb.id);
      const inc = await khFocal.request({
        method: 'GET',
        url: '/api/cross-border/cases?direction=incoming',
      });
      const incItems = inc.json().items as XbCaseListItem[];
      expect(incItems.map((i) => i.id)).toEqual([khXbId]);
      const khOut = await khFocal.request({
        method: 'GET',
        url: '/api/cross-border/cases?direction=outgoing',
      });
      expect(khOut.json().items).toEqual([]);
      expect(out.body).not.toContain('Aye');
    });

    it('lets th.caseworker read its agency’s side and refuses kh.caseworker (audited)', async () => {
      const own = await thWorker.request({
        method: 'GET',
        url: `/api/cross-border/cases/${thXb.id}`,
      });
      expect(own.statusCode).toBe(200);
      const other = await khWorker.request({
        method: 'GET',
        url: `/api/cross-border/cases/${thXb.id}`,
      });
      expect(other.statusCode).toBe(403);
      const denied = await t.handle.db
        .selectFrom('audit_event')
        .select('action')
        .where('action', '=', 'access.denied')
        .where('target_id', '=', thXb.id)
        .where('actor_user_id', '=', khWorker.userId)
        .execute();
      expect(denied).toHaveLength(1);
      // Before acceptance the KH side belongs to no agency: the case worker cannot read it either.
      const early = await khWorker.request({
        method: 'GET',
        url: `/api/cross-border/cases/${khXbId}`,
      });
      expect(early.statusCode).toBe(403);
    });

    it('kh.focal accepts: a KH case is opened and the sender learns its code', async () => {
      const res = await khFocal.request({
        method: 'POST',
        url: `/api/cross-border/cases/${khXbId}/accept`,
        payload: {},
      });
      expect(res.statusCode, res.body).toBe(200);
      const kh = res.json() as XbCaseDetail;
      expect(kh.status).toBe('Accepted');
      expect(kh.localCaseId).toBeTruthy();
      khCaseId = kh.localCaseId as string;
      const kase = await t.handle.db
        .selectFrom('case_record')
        .select(['country_code', 'code', 'is_cross_border', 'agency_id'])
        .where('id', '=', khCaseId)
        .executeTakeFirstOrThrow();
      expect(kase.country_code).toBe('KH');
      expect(kase.agency_id).toBe(khFocal.agencyId);
      expect(kase.code).toBe(kh.caseCode);
      await t.deliver();
      const th = await get(thFocal, thXb.id);
      expect(th.status).toBe('Accepted');
      expect(th.remoteCaseCode).toBe(kase.code);
      // Accepted into its agency, the KH case worker now reads the KH side.
      expect(
        (await khWorker.request({ method: 'GET', url: `/api/cross-border/cases/${khXbId}` }))
          .statusCode,
      ).toBe(200);
    });

    it('refuses onward sharing of a case that came in under a policy forbidding it', async () => {
      const res = await refer(khFocal, khCaseId, { toCountry: 'LA', agreementCode: undefined });
      expect(res.statusCode, res.body).toBe(403);
    });

    it('steps are updated by their owner only and are identical on both sides', async () => {
      const wrong = await step(khFocal, khXbId, 'identification', {
        status: 'Done',
        completedOn: '2026-12-01',
      });
      expect(wrong.statusCode).toBe(403);
      const wrong2 = await step(thFocal, thXb.id, 'nationality_verification', {
        status: 'Done',
        completedOn: '2026-12-01',
      });
      expect(wrong2.statusCode).toBe(403);
      expect(
        (
          await step(thFocal, thXb.id, 'identification', {
            status: 'Done',
            completedOn: '2026-12-01',
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (
          await step(khFocal, khXbId, 'nationality_verification', {
            status: 'Done',
            completedOn: '2026-12-02',
            note: 'Verified with the provincial office',
          })
        ).statusCode,
      ).toBe(200);
      const bad = await step(thFocal, thXb.id, 'handover', {
        status: 'Done',
        completedOn: '2026-12-03',
        borderPointId: crypto.randomUUID(),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('borderPointId');
      expect(
        (
          await step(thFocal, thXb.id, 'handover', {
            status: 'Done',
            completedOn: '2026-12-03',
            borderPointId,
          })
        ).statusCode,
      ).toBe(200);
      const rec = await step(khFocal, khXbId, 'reception', {
        status: 'Done',
        completedOn: '2026-12-04',
      });
      expect(rec.statusCode, rec.body).toBe(200);
      await t.deliver();
      const th = await get(thFocal, thXb.id);
      const kh = await get(khFocal, khXbId);
      const view = (d: XbCaseDetail) =>
        d.steps.map((s) => [s.step, s.ownerCountry, s.status, s.completedOn, s.dueDate, s.note]);
      expect(view(th)).toEqual(view(kh));
      expect(th.steps.find((s) => s.step === 'follow_up_3m')?.dueDate).toBe('2027-03-05');
      expect(th.steps.find((s) => s.step === 'nationality_verification')?.note).toBe(
        'Verified with the provincial office',
      );
      const bp = await t.handle.db
        .selectFrom('xb_step')
        .select(['border_point_code', 'xb_case_id'])
        .where('step', '=', 'handover')
        .where('xb_case_id', 'in', [thXb.id, khXbId])
        .execute();
      expect(bp.map((b) => b.border_point_code)).toEqual([
        'TEST-BLO-ARANYAPRATHET',
        'TEST-BLO-ARANYAPRATHET',
      ]);
      expect(th.ownSteps).toContain('handover');
      expect(th.ownSteps).not.toContain('reception');
      expect(kh.ownSteps).toContain('follow_up_3m');
    });

    it('reports a follow-up outcome back to the sender', async () => {
      const res = await khFocal.request({
        method: 'POST',
        url: `/api/cross-border/cases/${khXbId}/outcomes`,
        payload: { step: 'follow_up_3m', outcome: 'InProgress', note: 'Back at school' },
      });
      expect(res.statusCode, res.body).toBe(201);
      await t.deliver();
      const outcomes = await t.handle.db
        .selectFrom('xb_outcome')
        .select(['outcome', 'step', 'reported_by_side'])
        .where('xb_case_id', '=', thXb.id)
        .execute();
      expect(outcomes).toEqual([
        { outcome: 'InProgress', step: 'follow_up_3m', reported_by_side: 'Receiver' },
      ]);
      const th = await get(thFocal, thXb.id);
      expect(th.steps.find((s) => s.step === 'follow_up_3m')?.status).toBe('Done');
      expect(th.outcomes).toEqual([
        expect.objectContaining({
          step: 'follow_up_3m',
          outcome: 'InProgress',
          note: 'Back at school',
          reportedBy: 'Receiver',
        }),
      ]);
    });

    it('consent withdrawal reaches KH, which restricts and acknowledges; TH sees it', async () => {
      const res = await thWorker.request({
        method: 'POST',
        url: `/api/cases/${caseId}/consents/${consentId}/withdraw`,
        payload: { reason: 'Person asked to stop sharing' },
      });
      expect(res.statusCode, res.body).toBe(200);
      const pending = await get(thFocal, thXb.id);
      expect(pending.consentWithdrawnAt).toBeTruthy();
      expect(pending.withdrawalAcknowledgedAt).toBeNull();
      await t.deliver();
      const kh = await get(khFocal, khXbId);
      expect(kh.isRestricted).toBe(true);
      expect(kh.shared).toBeNull();
      const row = await t.handle.db
        .selectFrom('xb_case')
        .select(['shared_enc', 'is_restricted'])
        .where('id', '=', khXbId)
        .executeTakeFirstOrThrow();
      expect(row.shared_enc).toBeNull();
      const khCase = await t.handle.db
        .selectFrom('case_record')
        .select('is_restricted')
        .where('id', '=', khCaseId)
        .executeTakeFirstOrThrow();
      expect(khCase.is_restricted).toBe(true);
      const th = await get(thFocal, thXb.id);
      expect(th.withdrawalAcknowledgedAt).toBeTruthy();
      expect(th.messages.map((m) => m.kind)).toContain('consent.acknowledged');
      // The restricted side takes no more changes.
      const late = await step(khFocal, khXbId, 'follow_up_6m', {
        status: 'Done',
        completedOn: '2027-06-01',
      });
      expect(late.statusCode).toBe(409);
    });

    it('records the audit trail of both sides', async () => {
      const th = await auditActions(t.handle.db, thXb.id);
      expect(th).toEqual(
        expect.arrayContaining([
          'crossborder.refer',
          'crossborder.read',
          'crossborder.step_update',
          'crossborder.restrict',
        ]),
      );
      const kh = await auditActions(t.handle.db, khXbId);
      expect(kh).toEqual(
        expect.arrayContaining([
          'crossborder.accept',
          'crossborder.step_update',
          'crossborder.outcome',
          'crossborder.restrict',
          'crossborder.read',
        ]),
      );
    });

    it('rejects with a reason the sender sees', async () => {
      const other = await insertCase(t.handle.db, thWorker);
      await grantConsent(thWorker, other, { purpose: 'ShareCountry', recipients: [] });
      const res = await refer(thFocal, other);
      expect(res.statusCode, res.body).toBe(201);
      const sent = res.json() as XbCaseDetail;
      await t.deliver();
      const khId = await receiverOf(sent.ref);
      const noReason = await khFocal.request({
        method: 'POST',
        url: `/api/cross-border/cases/${khId}/reject`,
        payload: {},
      });
      expect(noReason.statusCode).toBe(400);
      const rej = await khFocal.request({
        method: 'POST',
        url: `/api/cross-border/cases/${khId}/reject`,
        payload: { reason: 'Nationality could not be confirmed' },
      });
      expect(rej.statusCode, rej.body).toBe(200);
      expect(rej.json().status).toBe('Rejected');
      expect(rej.json().retentionUntil).toBeTruthy();
      await t.deliver();
      const th = await get(thFocal, sent.id);
      expect(th.status).toBe('Rejected');
      expect(th.rejectReason).toBe('Nationality could not be confirmed');
      const again = await khFocal.request({
        method: 'POST',
        url: `/api/cross-border/cases/${khId}/accept`,
        payload: {},
      });
      expect(again.statusCode).toBe(409);
    });

    it('seeds the demo shared cases through the real use cases and messages', async () => {
      // The reference seed may already hold the COMMIT agreements; add test ones where it does not.
      for (const c of ['MM', 'LA']) {
        try {
          await findAgreementForPair(t.handle.db, 'TH', c, { purpose: 'Repatriation' });
        } catch {
          await insertAgreement(t.handle.db, `TEST-TH-${c}-XB`, ['TH', c]);
        }
      }
      await insertBorderPoint(
        t.handle.db,
        'TEST-BLO-CHIANG-KHONG',
        ['TH', 'LA'],
        'Chiang Khong – Houayxay',
      );
      const before = await countRows(t.handle.db, 'xb_case');
      const r = await seedDemoCrossBorder(t.ctx);
      expect(r.created).toBe(3);
      expect(await seedDemoCrossBorder(t.ctx)).toEqual({ created: 0 });
      expect(await countRows(t.handle.db, 'xb_case')).toBe(before + 6);
      const rows = await t.handle.db
        .selectFrom('xb_case')
        .select(['id', 'peer_country', 'role', 'status'])
        .where('role', '=', 'Sender')
        .where('created_by', '=', thFocal.userId)
        .orderBy('created_at', 'desc')
        .limit(3)
        .execute();
      const by = new Map(rows.map((x) => [x.peer_country, x]));
      expect(by.get('KH')?.status).toBe('Accepted');
      expect(by.get('MM')?.status).toBe('Received');
      const kh = await get(thFocal, by.get('KH')?.id as string);
      expect(kh.overdueSteps).toBeGreaterThan(0);
      const la = await get(thFocal, by.get('LA')?.id as string);
      expect(la.steps.find((x) => x.step === 'reception')?.status).toBe('Done');
      expect(la.steps.find((x) => x.step === 'handover')?.status).toBe('Done');
      // The overdue alert reaches the focal points of both sides, once.
      const list = await khFocal.request({
        method: 'GET',
        url: '/api/cross-border/cases?overdue=true',
      });
      expect(list.statusCode).toBe(200);
      expect((list.json().items as XbCaseListItem[]).length).toBeGreaterThan(0);
      const alerts = async (userId: string) =>
        (
          await t.handle.db
            .selectFrom('notification')
            .select('id')
            .where('user_id', '=', userId)
            .where('kind', '=', 'referral_overdue')
            .execute()
        ).length;
      const [thAlerts, khAlerts] = [await alerts(thFocal.userId), await alerts(khFocal.userId)];
      expect(thAlerts).toBeGreaterThan(0);
      expect(khAlerts).toBeGreaterThan(0);
      await thFocal.request({ method: 'GET', url: '/api/cross-border/cases' });
      expect(await alerts(thFocal.userId)).toBe(thAlerts);

      // Closing on one side closes both; the receiver keeps the shared data for the retention days.
      const closed = await thFocal.request({
        method: 'POST',
        url: `/api/cross-border/cases/${la.id}/close`,
        payload: { reason: 'Reintegration confirmed' },
      });
      expect(closed.statusCode, closed.body).toBe(200);
      await t.deliver();
      const laSide = await t.handle.db
        .selectFrom('xb_case')
        .select(['id', 'status', 'retention_until', 'shared_enc'])
        .where('ref', '=', la.ref)
        .where('role', '=', 'Receiver')
        .executeTakeFirstOrThrow();
      expect(laSide.status).toBe('Closed');
      expect(laSide.retention_until).toBeTruthy();
      expect(laSide.shared_enc).toBeTruthy();
      // Past its retention date, the shared data is purged (audited) at the next list.
      await t.handle.db
        .updateTable('xb_case')
        .set({ retention_until: '2020-01-01' })
        .where('id', '=', laSide.id)
        .execute();
      await thFocal.request({ method: 'GET', url: '/api/cross-border/cases' });
      const purged = await t.handle.db
        .selectFrom('xb_case')
        .select('shared_enc')
        .where('id', '=', laSide.id)
        .executeTakeFirstOrThrow();
      expect(purged.shared_enc).toBeNull();
      expect(await auditActions(t.handle.db, laSide.id)).toContain('crossborder.purge');
    });

    it('lists the cross-border cases of a local case', async () => {
      const res = await thFocal.request({
        method: 'GET',
        url: `/api/cases/${caseId}/cross-border`,
      });
      expect(res.statusCode).toBe(200);
      expect((res.json() as XbCaseListItem[]).map((i) => i.id)).toEqual([thXb.id]);
    });
  });
}
