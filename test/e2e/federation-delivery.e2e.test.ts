/**
 * Two real nodes (th-node, kh-node) on loopback, each with its own database: signed messages go
 * from one outbox over HTTP to the other's inbox; a peer that is down for a while gets everything
 * once it is back; a receiver killed (SIGKILL) in the middle of a batch and restarted on the same
 * data applies every message exactly once, and so does a sender killed in the middle of its
 * deliveries. After each: nothing lost, nothing applied twice, both sides agree (compared
 * through their APIs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Cluster,
  duplicates,
  type FedNode,
  messagesOf,
  NODE_ENGINES,
  peersOf,
  ping,
  startCluster,
  waitFor,
} from './federation-harness';

/** Both sides agree on `ids`: the sender delivered each, the receiver applied each exactly once. */
async function expectExactlyOnce(from: FedNode, to: FedNode, ids: string[]): Promise<void> {
  const sent = (await messagesOf(from, { direction: 'out', peer: to.nodeId })).filter((m) =>
    ids.includes(m.id),
  );
  expect(sent).toHaveLength(ids.length);
  expect(sent.every((m) => m.status === 'Delivered')).toBe(true);
  const received = (await messagesOf(to, { direction: 'in', peer: from.nodeId })).filter((m) =>
    ids.includes(m.id),
  );
  expect(duplicates(received.map((m) => m.id))).toEqual([]);
  expect(received.map((m) => m.id).sort()).toEqual([...ids].sort());
  expect(received.every((m) => m.status === 'Applied' && m.doneAt !== null)).toBe(true);
}

async function allDelivered(from: FedNode, to: FedNode, ids: string[]): Promise<boolean> {
  const out = await messagesOf(from, { direction: 'out', peer: to.nodeId });
  const mine = out.filter((m) => ids.includes(m.id));
  return mine.length === ids.length && mine.every((m) => m.status === 'Delivered');
}

for (const engine of NODE_ENGINES) {
  describe(`${engine}: two federation nodes on loopback`, () => {
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

    it('delivers a signed ping each way; both peers are healthy', async () => {
      const a = await ping(th, kh);
      const b = await ping(kh, th);
      await waitFor(
        'pings delivered',
        async () => (await allDelivered(th, kh, [a])) && (await allDelivered(kh, th, [b])),
      );
      await expectExactlyOnce(th, kh, [a]);
      await expectExactlyOnce(kh, th, [b]);
      const [khAtTh] = await peersOf(th);
      expect(khAtTh).toMatchObject({
        nodeId: 'kh-node',
        health: 'healthy',
        queueDepth: 0,
        consecutiveFailures: 0,
      });
      expect(khAtTh?.lastSuccessAt).not.toBeNull();
      const [thAtKh] = await peersOf(kh);
      expect(thAtKh?.lastContactAt).not.toBeNull();
    }, 60_000);

    it('queues messages while the peer is down and delivers them all once it is back', async () => {
      await kh.stop();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push(await ping(th, kh));
      }
      // The sender keeps them, retrying with back-off, and shows the peer failing.
      const failing = await waitFor(
        'failures recorded',
        async () => {
          const [p] = await peersOf(th);
          return p && p.consecutiveFailures >= 2 ? p : null;
        },
        30_000,
      );
      expect(failing.queueDepth).toBe(5);
      expect(['degraded', 'down']).toContain(failing.health);
      expect(failing.lastError).toMatch(/unreachable/);
      const out = await messagesOf(th, { direction: 'out', status: 'Pending', peer: 'kh-node' });
      expect(out.filter((m) => ids.includes(m.id))).toHaveLength(5);
      expect(out.some((m) => (m.attempts ?? 0) > 0 && m.error)).toBe(true);
      // Back on the same data directory and key file: everything arrives, once.
      await kh.start();
      await waitFor('queued pings delivered', () => allDelivered(th, kh, ids), 60_000);
      await expectExactlyOnce(th, kh, ids);
      const [p] = await peersOf(th);
      expect(p).toMatchObject({ queueDepth: 0, consecutiveFailures: 0, health: 'healthy' });
    }, 180_000);

    it('applies every message exactly once when the receiver is killed during delivery', async () => {
      const ids: string[] = [];
      const enqueue = (async () => {
        for (let i = 0; i < 50; i++) {
          ids.push(await ping(th, kh));
        }
      })();
      // Kill the receiver as soon as part of the batch has arrived.
      await waitFor(
        'first messages applied',
        async () => {
          const inbox = await messagesOf(kh, { direction: 'in', peer: 'th-node' });
          return inbox.filter((m) => ids.includes(m.id)).length >= 3;
        },
        60_000,
        20,
      );
      await kh.kill();
      await enqueue;
      expect(ids).toHaveLength(50);
      const pending = await messagesOf(th, {
        direction: 'out',
        status: 'Pending',
        peer: 'kh-node',
      });
      expect(pending.filter((m) => ids.includes(m.id)).length).toBeGreaterThan(0);
      await kh.start();
      await waitFor('all 50 delivered', () => allDelivered(th, kh, ids), 90_000);
      await expectExactlyOnce(th, kh, ids);
    }, 240_000);

    it('loses nothing when the sender is killed during delivery and restarted', async () => {
      // Fill TH's outbox while KH is away, then kill TH once KH has started receiving them.
      await kh.stop();
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        ids.push(await ping(th, kh));
      }
      await kh.start();
      await waitFor(
        'first messages applied',
        async () =>
          (await messagesOf(kh, { direction: 'in', peer: 'th-node' })).filter((m) =>
            ids.includes(m.id),
          ).length >= 3,
        60_000,
        20,
      );
      await th.kill();
      await th.start();
      // Messages the killed process had claimed wait for their lease to end, then go out.
      await waitFor('all 30 delivered', () => allDelivered(th, kh, ids), 150_000, 500);
      await expectExactlyOnce(th, kh, ids);
    }, 300_000);
  });
}
