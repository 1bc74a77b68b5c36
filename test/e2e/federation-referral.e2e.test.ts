/**
 * Cross-border referrals between two real nodes through the public APIs: a TH case with consent to
 * share with Cambodia is referred to KH, arrives, is accepted, and both sides show the same state;
 * referrals made while KH is down arrive once it is back; referrals in flight while KH is killed
 * (SIGKILL) and restarted arrive exactly once. After each: nothing lost, nothing applied twice,
 * both sides agree on each shared case (compared through their APIs).
 */
import type { XbCaseDetail, XbCaseListItem } from '@ctip/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Cluster,
  duplicates,
  type FedNode,
  messagesOf,
  NODE_ENGINES,
  startCluster,
  waitFor,
} from './federation-harness';

const today = new Date().toISOString().slice(0, 10);

/** Create a TH case (caseworker), record consent to share with KH, refer it (focal point). */
async function referToKh(th: FedNode, n: number): Promise<XbCaseDetail> {
  const worker = await th.login('th.caseworker');
  const created = await worker.request<{ id: string }>('POST', '/api/cases', {
    person: { givenName: `Sokha${n}`, familyName: 'Chan', gender: 'Female', nationality: 'KH' },
    victim: {
      identificationStatus: 'Identified',
      formsOfExploitation: ['ForcedLabour'],
      countryOfExploitation: 'TH',
    },
    events: [{ type: 'Exploitation', country: 'TH', state: 'Rayong', date: '2026-06-01' }],
    ignoreDuplicates: true,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const caseId = created.body.id;
  const consent = await worker.request('POST', `/api/cases/${caseId}/consents`, {
    purpose: 'ShareCountry',
    isGranted: true,
    recipients: ['KH'],
    givenOn: today,
    explainedIn: 'km',
  });
  expect(consent.status, JSON.stringify(consent.body)).toBe(201);
  const focal = await th.login('th.focal');
  const xb = await focal.request<XbCaseDetail>('POST', `/api/cases/${caseId}/cross-border`, {
    toCountry: 'KH',
    purpose: 'Repatriation',
    returnChoice: 'Voluntary',
  });
  expect(xb.status, JSON.stringify(xb.body)).toBe(201);
  return xb.body;
}

async function xbList(node: FedNode, user: string, direction: 'incoming' | 'outgoing') {
  const c = await node.login(user);
  const items: XbCaseListItem[] = [];
  for (let page = 1; page < 20; page++) {
    const res = await c.request<{ items: XbCaseListItem[]; total: number }>(
      'GET',
      `/api/cross-border/cases?direction=${direction}&pageSize=200&page=${page}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...res.body.items);
    if (res.body.items.length < 200) {
      break;
    }
  }
  return items;
}

/** The offers of `refs` were applied at KH exactly once and each side shows one shared case. */
async function expectReceivedOnce(th: FedNode, kh: FedNode, refs: string[]): Promise<void> {
  const offers = (await messagesOf(kh, { direction: 'in', kind: 'referral.offer' })).filter(
    (m) => m.ref && refs.includes(m.ref),
  );
  expect(duplicates(offers.map((m) => m.id))).toEqual([]);
  expect(offers.map((m) => m.ref).sort()).toEqual([...refs].sort());
  expect(offers.every((m) => m.status === 'Applied')).toBe(true);
  const incoming = (await xbList(kh, 'kh.focal', 'incoming')).filter((x) => refs.includes(x.ref));
  expect(duplicates(incoming.map((x) => x.ref))).toEqual([]);
  expect(incoming).toHaveLength(refs.length);
  const outgoing = (await xbList(th, 'th.focal', 'outgoing')).filter((x) => refs.includes(x.ref));
  expect(outgoing).toHaveLength(refs.length);
  // Both sides agree: the receipt came back, nothing is waiting.
  expect(outgoing.every((x) => x.status === 'Received' && x.pendingMessages === 0)).toBe(true);
  expect(incoming.every((x) => x.status === 'Received')).toBe(true);
}

async function allReceived(th: FedNode, refs: string[]): Promise<boolean> {
  const out = (await xbList(th, 'th.focal', 'outgoing')).filter((x) => refs.includes(x.ref));
  return out.length === refs.length && out.every((x) => x.status === 'Received');
}

for (const engine of NODE_ENGINES) {
  describe(`${engine}: cross-border referrals between two nodes`, () => {
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

    it('refers a case TH → KH end to end; KH accepts; both sides agree', async () => {
      const sent = await referToKh(th, 0);
      expect(sent).toMatchObject({ role: 'Sender', peerCountry: 'KH', localCountry: 'TH' });
      await waitFor('receipt back at TH', () => allReceived(th, [sent.ref]), 30_000, 200);
      await expectReceivedOnce(th, kh, [sent.ref]);
      const [incoming] = (await xbList(kh, 'kh.focal', 'incoming')).filter(
        (x) => x.ref === sent.ref,
      );
      const khFocal = await kh.login('kh.focal');
      const accept = await khFocal.request<XbCaseDetail>(
        'POST',
        `/api/cross-border/cases/${incoming?.id}/accept`,
        {},
      );
      expect(accept.status, JSON.stringify(accept.body)).toBe(200);
      const thFocal = await th.login('th.focal');
      const thSide = await waitFor(
        'acceptance at TH',
        async () => {
          const r = await thFocal.request<XbCaseDetail>(
            'GET',
            `/api/cross-border/cases/${sent.id}`,
          );
          return r.body.status === 'Accepted' ? r.body : null;
        },
        30_000,
        200,
      );
      const khSide = (
        await khFocal.request<XbCaseDetail>('GET', `/api/cross-border/cases/${incoming?.id}`)
      ).body;
      expect(khSide.status).toBe('Accepted');
      expect(thSide.ref).toBe(khSide.ref);
      expect(thSide.steps.map((s) => [s.step, s.status])).toEqual(
        khSide.steps.map((s) => [s.step, s.status]),
      );
      expect(thSide.pendingMessages).toBe(0);
      expect(khSide.pendingMessages).toBe(0);
      // The personal fields arrived sealed and open on the receiving side for its focal point.
      expect(khSide.shared?.['person.givenName']).toBe('Sokha0');
    }, 120_000);

    it('keeps referrals made while KH is down and delivers them once KH is back', async () => {
      await kh.stop();
      const refs: string[] = [];
      for (let i = 1; i <= 3; i++) {
        refs.push((await referToKh(th, i)).ref);
      }
      const out = await waitFor(
        'failed attempts',
        async () => {
          const m = (await messagesOf(th, { direction: 'out', kind: 'referral.offer' })).filter(
            (x) => x.ref && refs.includes(x.ref),
          );
          return m.some((x) => (x.attempts ?? 0) > 0) ? m : null;
        },
        30_000,
      );
      expect(out.every((m) => m.status === 'Pending')).toBe(true);
      await kh.start();
      await waitFor('receipts back at TH', () => allReceived(th, refs), 60_000, 250);
      await expectReceivedOnce(th, kh, refs);
    }, 180_000);

    it('applies every referral exactly once when KH is killed during delivery', async () => {
      const refs: string[] = [];
      const making = (async () => {
        for (let i = 10; i < 30; i++) {
          refs.push((await referToKh(th, i)).ref);
        }
      })();
      await waitFor(
        'first referrals applied at KH',
        async () =>
          (await messagesOf(kh, { direction: 'in', kind: 'referral.offer' })).filter(
            (m) => m.ref && refs.includes(m.ref),
          ).length >= 2,
        60_000,
        50,
      );
      await kh.kill();
      await making;
      expect(refs).toHaveLength(20);
      await kh.start();
      await waitFor('all receipts back at TH', () => allReceived(th, refs), 120_000, 250);
      await expectReceivedOnce(th, kh, refs);
    }, 300_000);
  });
}
