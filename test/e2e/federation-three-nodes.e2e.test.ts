/**
 * Three real nodes on loopback: th-node peers with kh-node and mm-node; mm-node is not registered
 * at kh-node. TH refers cases to KH and MM at once and both apply them; TH pings both through its
 * outbox; a message from mm-node to kh-node is refused as from an unknown peer, and audited.
 */
import { randomUUID } from 'node:crypto';
import { sealFor } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditOf,
  type Cluster,
  duplicates,
  type FedNode,
  messagesOf,
  NODE_ENGINES,
  peersOf,
  ping,
  pingEnvelope,
  postToInbox,
  signAs,
  startCluster,
  waitFor,
} from './federation-harness';

const today = new Date().toISOString().slice(0, 10);

async function offerTo(th: FedNode, to: FedNode, country: string, agreement: string) {
  return pingEnvelope(th, to, {
    kind: 'referral.offer',
    ref: randomUUID(),
    fromRole: 'Sender',
    seq: 1,
    fromCountry: 'TH',
    toCountry: country,
    agreement,
    policyVersion: 1,
    body: {
      purpose: 'Repatriation',
      senderCaseCode: 'TH-E2E-3N',
      originCountry: country,
      destinationCountry: 'TH',
      offeredOn: today,
      steps: [],
      sex: 'Male',
      ageGroup: 'Child',
    },
    sealed: await sealFor(to.identity.encryptionPublicJwk, { fields: { 'person.gender': 'Male' } }),
  });
}

for (const engine of NODE_ENGINES) {
  describe(`${engine}: three federation nodes`, () => {
    let c: Cluster;
    let th: FedNode;
    let kh: FedNode;
    let mm: FedNode;
    beforeAll(async () => {
      c = await startCluster(
        engine,
        ['th-node', 'kh-node', 'mm-node'],
        [
          ['th-node', 'kh-node'],
          ['th-node', 'mm-node'],
          ['kh-node', 'th-node'],
          ['mm-node', 'th-node'],
        ],
      );
      th = c.nodes['th-node'] as FedNode;
      kh = c.nodes['kh-node'] as FedNode;
      mm = c.nodes['mm-node'] as FedNode;
    }, 300_000);
    afterAll(async () => {
      await c?.close();
    }, 60_000);

    it('delivers TH’s messages to KH and MM at once, each exactly once', async () => {
      const toKh = await offerTo(th, kh, 'KH', 'KH-TH-2003-MOU-TIP');
      const toMm = await offerTo(th, mm, 'MM', 'MM-TH-2009-MOU-TIP');
      const [a, b] = await Promise.all([
        postToInbox(kh, await signAs(th, toKh)),
        postToInbox(mm, await signAs(th, toMm)),
      ]);
      expect(a.body.status, JSON.stringify(a.body)).toBe('applied');
      expect(b.body.status, JSON.stringify(b.body)).toBe('applied');
      const pings = await Promise.all([ping(th, kh), ping(th, mm), ping(th, kh), ping(th, mm)]);
      await waitFor('pings delivered', async () => {
        const out = await messagesOf(th, { direction: 'out', kind: 'node.ping' });
        return pings.every((id) => out.find((m) => m.id === id)?.status === 'Delivered');
      });
      for (const [node, ids] of [
        [kh, [toKh.id, pings[0], pings[2]]],
        [mm, [toMm.id, pings[1], pings[3]]],
      ] as const) {
        const inbox = (await messagesOf(node, { direction: 'in', peer: 'th-node' })).filter((m) =>
          (ids as readonly string[]).includes(m.id),
        );
        expect(duplicates(inbox.map((m) => m.id))).toEqual([]);
        expect(inbox).toHaveLength(3);
        expect(inbox.every((m) => m.status === 'Applied')).toBe(true);
      }
      const health = await peersOf(th);
      expect(health.map((p) => [p.nodeId, p.health, p.queueDepth])).toEqual([
        ['kh-node', 'healthy', 0],
        ['mm-node', 'healthy', 0],
      ]);
    }, 90_000);

    it('refuses a message from a node that is not its peer (unknown_peer), audited', async () => {
      const env = pingEnvelope(mm, kh);
      const res = await postToInbox(kh, await signAs(mm, env));
      expect(res.status).toBe(401);
      expect(res.body.error?.code).toBe('UNKNOWN_PEER');
      const audit = await auditOf(kh, 'federation.message_rejected');
      expect(audit).toContainEqual(
        expect.objectContaining({
          details: expect.objectContaining({ refusal: 'unknown_peer', peer: 'mm-node' }),
        }),
      );
      expect((await messagesOf(kh, { direction: 'in' })).filter((m) => m.id === env.id)).toEqual(
        [],
      );
      // mm-node signing as th-node does not pass either.
      const spoof = await postToInbox(
        kh,
        await signAs({ ...mm, nodeId: 'th-node' }, pingEnvelope(th, kh)),
      );
      expect(spoof.status).toBe(401);
      expect(spoof.body.error?.code).toBe('BAD_SIGNATURE');
    }, 30_000);
  });
}
