/**
 * Two real nodes on loopback, and messages crafted and signed with th-node's own key file, posted
 * straight to kh-node's inbox: a duplicate is acknowledged and applied once; a later message that
 * arrives first waits (202) and both then apply in order; a replay with an old signing time, a
 * tampered signature and an offer carrying a field outside the sharing policy are refused with
 * their reason, audited, and change nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Envelope } from '@ctip/domain';
import { sealFor } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditOf,
  type Cluster,
  type FedNode,
  messagesOf,
  NODE_ENGINES,
  pingEnvelope,
  postToInbox,
  signAs,
  startCluster,
  waitFor,
} from './federation-harness';

const today = new Date().toISOString().slice(0, 10);

/** A referral offer TH → KH under the seeded KH–TH agreement (policy v1). */
async function offer(
  th: FedNode,
  kh: FedNode,
  ref: string,
  fields: Record<string, unknown> = { 'person.gender': 'Female', 'person.nationality': 'KH' },
): Promise<Envelope> {
  return pingEnvelope(th, kh, {
    kind: 'referral.offer',
    ref,
    fromRole: 'Sender',
    seq: 1,
    fromCountry: 'TH',
    toCountry: 'KH',
    agreement: 'KH-TH-2003-MOU-TIP',
    policyVersion: 1,
    body: {
      purpose: 'Repatriation',
      senderCaseCode: `TH-E2E-${ref.slice(0, 6)}`,
      originCountry: 'KH',
      destinationCountry: 'TH',
      offeredOn: today,
      steps: [],
      sex: 'Female',
      ageGroup: 'Adult',
    },
    sealed: await sealFor(kh.identity.encryptionPublicJwk, { fields }),
  });
}

/** The case's second Sender message: closed. */
async function closed(th: FedNode, kh: FedNode, ref: string): Promise<Envelope> {
  return pingEnvelope(th, kh, {
    kind: 'case.closed',
    ref,
    fromRole: 'Sender',
    seq: 2,
    fromCountry: 'TH',
    toCountry: 'KH',
    agreement: 'KH-TH-2003-MOU-TIP',
    policyVersion: 1,
    body: { closedOn: today },
    sealed: await sealFor(kh.identity.encryptionPublicJwk, { reason: null }),
  });
}

async function inboxOf(kh: FedNode, ids: string[]) {
  return (await messagesOf(kh, { direction: 'in', peer: 'th-node' })).filter((m) =>
    ids.includes(m.id),
  );
}

for (const engine of NODE_ENGINES) {
  describe(`${engine}: crafted, duplicated, reordered and refused messages between two nodes`, () => {
    let c: Cluster;
    let th: FedNode;
    let kh: FedNode;
    beforeAll(async () => {
      c = await startCluster(engine, ['th-node', 'kh-node']);
      th = c.nodes['th-node'] as FedNode;
      kh = c.nodes['kh-node'] as FedNode;
    }, 240_000);
    afterAll(async () => {
      await c?.close();
    }, 60_000);

    it('acknowledges a re-posted message as a duplicate and applies it once', async () => {
      const env = await offer(th, kh, randomUUID());
      const jws = await signAs(th, env);
      const first = await postToInbox(kh, jws);
      expect(first, JSON.stringify(first.body)).toMatchObject({
        status: 200,
        body: { status: 'applied' },
      });
      const again = await postToInbox(kh, jws);
      expect(again).toMatchObject({ status: 200, body: { status: 'duplicate' } });
      // The same message signed again later (a sender's retry) is a duplicate too.
      const resent = await postToInbox(
        kh,
        await signAs(th, { ...env, sentAt: new Date().toISOString() }),
      );
      expect(resent.body.status).toBe('duplicate');
      const rows = await inboxOf(kh, [env.id]);
      expect(rows).toEqual([
        expect.objectContaining({ status: 'Applied', kind: 'referral.offer' }),
      ]);
      const dup = await auditOf(kh, 'federation.message_duplicate');
      expect(dup.length).toBeGreaterThanOrEqual(2);
      // KH answered `referral.received` (TH has no such case: it refuses that reply, which is fine).
      await waitFor('the reply was sent', async () => {
        const out = await messagesOf(kh, { direction: 'out', kind: 'referral.received' });
        return out.some((m) => m.ref === env.ref && m.status !== 'Pending');
      });
    }, 60_000);

    it('keeps a message that arrives before its predecessor and applies both in order', async () => {
      const ref = randomUUID();
      const second = await closed(th, kh, ref);
      const first = await offer(th, kh, ref);
      const early = await postToInbox(kh, await signAs(th, second));
      expect(early).toMatchObject({ status: 202, body: { status: 'pending' } });
      expect(await inboxOf(kh, [second.id])).toEqual([
        expect.objectContaining({ status: 'Pending' }),
      ]);
      const next = await postToInbox(kh, await signAs(th, first));
      expect(next).toMatchObject({ status: 200, body: { status: 'applied' } });
      const rows = await inboxOf(kh, [first.id, second.id]);
      expect(rows).toHaveLength(2);
      expect(rows.every((r) => r.status === 'Applied')).toBe(true);
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(Date.parse(byId.get(first.id)?.doneAt as string)).toBeLessThanOrEqual(
        Date.parse(byId.get(second.id)?.doneAt as string),
      );
      // Re-posting the earlier one now changes nothing.
      const replayFirst = await postToInbox(kh, await signAs(th, first));
      expect(replayFirst.body.status).toBe('duplicate');
    }, 60_000);

    it('refuses a replay with an old signing time (401 stale), audited, nothing applied', async () => {
      const env = pingEnvelope(th, kh, { sentAt: new Date(Date.now() - 3_600_000).toISOString() });
      const res = await postToInbox(kh, await signAs(th, env));
      expect(res.status).toBe(401);
      expect(res.body.error?.code).toBe('STALE');
      expect(await inboxOf(kh, [env.id])).toEqual([]);
      const audit = await auditOf(kh, 'federation.message_rejected');
      expect(audit).toContainEqual(
        expect.objectContaining({
          outcome: 'denied',
          details: expect.objectContaining({ refusal: 'stale', peer: 'th-node' }),
        }),
      );
    }, 30_000);

    it('refuses a tampered signature or payload (401), audited, nothing applied', async () => {
      const env = await offer(th, kh, randomUUID());
      const jws = await signAs(th, env);
      const [h, p, s] = jws.split('.') as [string, string, string];
      const flipped = `${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
      const other = await signAs(th, { ...env, body: { ...env.body, senderCaseCode: 'FORGED' } });
      const forged = `${h}.${other.split('.')[1]}.${s}`;
      for (const bad of [flipped, forged]) {
        const res = await postToInbox(kh, bad);
        expect(res.status).toBe(401);
        expect(res.body.error?.code).toBe('BAD_SIGNATURE');
      }
      expect(await inboxOf(kh, [env.id])).toEqual([]);
      const audit = await auditOf(kh, 'federation.message_rejected');
      expect(
        audit.filter((a) => (a.details as { refusal?: string }).refusal === 'bad_signature').length,
      ).toBeGreaterThanOrEqual(2);
      // The genuine message still goes through afterwards.
      expect((await postToInbox(kh, jws)).body.status).toBe('applied');
    }, 30_000);

    it('refuses an offer with a field outside the sharing policy (422), audited, nothing applied', async () => {
      const env = await offer(th, kh, randomUUID(), {
        'person.gender': 'Female',
        'person.ethnicity': 'Khmer',
      });
      const res = await postToInbox(kh, await signAs(th, env));
      expect(res.status).toBe(422);
      expect(res.body.error?.code).toBe('FIELD_OUTSIDE_POLICY');
      expect(res.body.error?.message).toContain('person.ethnicity');
      expect(res.body.error?.message).not.toContain('Khmer');
      expect(await inboxOf(kh, [env.id])).toEqual([
        expect.objectContaining({
          status: 'Rejected',
          error: 'field_outside_policy',
          doneAt: null,
        }),
      ]);
      const audit = await auditOf(kh, 'federation.message_rejected');
      expect(audit).toContainEqual(
        expect.objectContaining({
          details: expect.objectContaining({ refusal: 'field_outside_policy' }),
        }),
      );
      // The same message again is refused the same way (final, never applied).
      const again = await postToInbox(kh, await signAs(th, env));
      expect(again.status).toBe(422);
      const [peer] = (
        await (
          await kh.login('admin')
        ).request<{ rejectedByUs: number }[]>('GET', '/api/federation/peers')
      ).body;
      expect(peer?.rejectedByUs).toBeGreaterThanOrEqual(1);
    }, 30_000);
  });
}
