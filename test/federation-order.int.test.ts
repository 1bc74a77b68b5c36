/**
 * Order per shared case survives a refused message: a step update that arrives before its
 * predecessor waits; when the predecessor is refused (malformed), the case's order moves past it
 * and the waiting update is applied — nothing stays stuck behind a refusal.
 */
import type { Envelope, XbCaseDetail } from '@ctip/domain';
import { FEDERATION_PROTOCOL_VERSION } from '@ctip/domain';
import { FEDERATION_INBOX_PATH, JOSE_MEDIA_TYPE, sealFor, signEnvelope } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type TestApp } from './app';
import { insertAgreement } from './crossborder-fixtures';
import { DB_TARGETS } from './db';
import { grantConsent, insertCase } from './referral-fixtures';

const AGREEMENT = 'TEST-TH-KH-ORDER';

for (const engine of DB_TARGETS) {
  describe(`${engine}: federation order after a refusal`, () => {
    let t: TestApp;
    let ref = '';

    beforeAll(async () => {
      t = await buildTestApp(engine);
      await insertAgreement(t.handle.db, AGREEMENT, ['TH', 'KH'], {
        fields: ['person.gender', 'person.nationality', 'victim.identificationStatus'],
      });
      const [worker, focal] = await Promise.all([
        loginAs(t.app, 'th.caseworker'),
        loginAs(t.app, 'th.focal'),
      ]);
      const caseId = await insertCase(t.handle.db, worker);
      await grantConsent(worker, caseId, { purpose: 'ShareCountry', recipients: ['KH'] });
      const res = await focal.request({
        method: 'POST',
        url: `/api/cases/${caseId}/cross-border`,
        payload: { toCountry: 'KH', agreementCode: AGREEMENT },
      });
      expect(res.statusCode, res.body).toBe(201);
      ref = (res.json() as XbCaseDetail).ref;
      await t.deliver();
    }, 120_000);
    afterAll(async () => {
      await t?.close();
    });

    const post = (jws: string) =>
      t.app.inject({
        method: 'POST',
        url: FEDERATION_INBOX_PATH,
        headers: { 'content-type': JOSE_MEDIA_TYPE },
        payload: jws,
      });

    it('applies a waiting message once its refused predecessor is passed', async () => {
      const fed = t.config.services.federation;
      const db = t.handle.db;
      const sender = await db
        .selectFrom('xb_case')
        .selectAll()
        .where('ref', '=', ref)
        .where('role', '=', 'Sender')
        .executeTakeFirstOrThrow();
      // Two step updates the sender side "sends" as seq n and n + 1 (numbers reserved in its stream).
      const n = sender.last_out_seq + 1;
      await db
        .updateTable('xb_case')
        .set({ last_out_seq: n + 1 })
        .where('id', '=', sender.id)
        .execute();
      const envelope = async (seq: number, status: string): Promise<Envelope> => ({
        v: FEDERATION_PROTOCOL_VERSION,
        id: crypto.randomUUID(),
        from: fed.nodeId,
        to: fed.nodeId,
        kind: 'step.update',
        ref,
        fromRole: 'Sender',
        seq,
        fromCountry: 'TH',
        toCountry: 'KH',
        agreement: AGREEMENT,
        policyVersion: sender.policy_version,
        sentAt: new Date().toISOString(),
        body: {
          step: 'identification',
          status,
          completedOn: null,
          dueDates: [],
          borderPoint: null,
        },
        sealed: await sealFor(fed.identity.encryptionPublicJwk, { note: null }),
      });
      const later = await post(
        await signEnvelope(fed.identity, fed.nodeId, await envelope(n + 1, 'InProgress')),
      );
      expect(later.statusCode, later.body).toBe(202);
      const bad = await post(
        await signEnvelope(fed.identity, fed.nodeId, await envelope(n, 'Bogus')),
      );
      expect(bad.statusCode, bad.body).toBe(400);
      const receiver = await db
        .selectFrom('xb_case')
        .select(['id', 'last_in_seq'])
        .where('ref', '=', ref)
        .where('role', '=', 'Receiver')
        .executeTakeFirstOrThrow();
      expect(receiver.last_in_seq).toBe(n + 1);
      const stepRow = await db
        .selectFrom('xb_step')
        .select('status')
        .where('xb_case_id', '=', receiver.id)
        .where('step', '=', 'identification')
        .executeTakeFirstOrThrow();
      expect(stepRow.status).toBe('InProgress');
      const statuses = await db
        .selectFrom('inbox_message')
        .select(['seq', 'status'])
        .where('ref', '=', ref)
        .where('from_role', '=', 'Sender')
        .where('seq', '>=', n)
        .orderBy('seq')
        .execute();
      expect(statuses).toEqual([
        { seq: n, status: 'Rejected' },
        { seq: n + 1, status: 'Applied' },
      ]);
    });
  });
}
