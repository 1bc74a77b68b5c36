/**
 * Federation operations over the API: this node's public identity, registering and changing peers
 * (field-named refusals, audited), peer health after failed and refused deliveries, the message
 * list and retry, and who may do what (national/system administrators change, focal points read).
 */

import { type Envelope, FEDERATION_PROTOCOL_VERSION } from '@ctip/domain';
import { loadTestConfig, testFederation } from '@ctip/server';
import {
  deliverDue,
  FEDERATION_INBOX_PATH,
  generateNodeIdentityFile,
  JOSE_MEDIA_TYPE,
  type NodeIdentity,
  type Peer,
  type PublicNodeIdentity,
  parseNodeIdentity,
  publicIdentityOf,
  sealFor,
  signEnvelope,
} from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

function otherNode(
  nodeId: string,
  countries: string[],
): PublicNodeIdentity & { identity: NodeIdentity } {
  const identity = parseNodeIdentity(JSON.stringify(generateNodeIdentityFile()));
  return {
    ...publicIdentityOf(
      { nodeId, nodeName: `${nodeId} node`, countries, publicUrl: 'http://127.0.0.1:1' },
      identity,
    ),
    identity,
  };
}

function peerInput(p: PublicNodeIdentity) {
  return {
    nodeId: p.nodeId,
    name: p.name,
    url: p.url,
    countries: p.countries,
    signingKey: p.signingKey,
    encryptionKey: p.encryptionKey,
  };
}

for (const engine of DB_TARGETS) {
  describe(`${engine}: federation peers`, () => {
    let t: TestApp;
    let admin: Client;
    let focal: Client;
    let caseworker: Client;
    const kh = otherNode('kh-node', ['KH']);
    beforeAll(async () => {
      const base = loadTestConfig();
      t = await buildTestApp(engine, {
        services: {
          ...base.services,
          federation: testFederation({
            nodeId: 'th-node',
            nodeName: 'Thailand',
            countries: ['TH'],
            publicUrl: 'http://127.0.0.1:9',
          }),
        },
      });
      admin = await loginAs(t.app, 'th.admin');
      focal = await loginAs(t.app, 'th.focal');
      caseworker = await loginAs(t.app, 'th.caseworker');
    });
    afterAll(async () => {
      await t?.close();
    });

    it('gives this node’s public identity to readers, without any private key', async () => {
      const res = await focal.request({ method: 'GET', url: '/api/federation/node' });
      expect(res.statusCode).toBe(200);
      const node = res.json() as PublicNodeIdentity;
      expect(node).toMatchObject({
        kind: 'ctip-node-public-identity',
        nodeId: 'th-node',
        name: 'Thailand',
        countries: ['TH'],
        url: 'http://127.0.0.1:9',
        signingKey: { kty: 'OKP', crv: 'Ed25519' },
        encryptionKey: { kty: 'OKP', crv: 'X25519' },
      });
      expect(JSON.stringify(node)).not.toMatch(/"d"/);
      const denied = await caseworker.request({ method: 'GET', url: '/api/federation/node' });
      expect(denied.statusCode).toBe(403);
    });

    it('registers a peer (audited) and refuses bad input naming the field', async () => {
      const bad: [Record<string, unknown>, string][] = [
        [{ ...peerInput(kh), signingKey: kh.encryptionKey }, 'signingKey'],
        [
          { ...peerInput(kh), encryptionKey: { kty: 'OKP', crv: 'X25519', x: 'nope' } },
          'encryptionKey',
        ],
        [{ ...peerInput(kh), nodeId: 'th-node' }, 'nodeId'],
        [{ ...peerInput(kh), nodeId: 'KH Node!' }, 'nodeId'],
        [{ ...peerInput(kh), url: 'ftp://kh.example' }, 'url'],
        [{ ...peerInput(kh), countries: ['TH'] }, 'countries'],
        [{ ...peerInput(kh), countries: ['Cambodia'] }, 'countries.0'],
      ];
      for (const [payload, field] of bad) {
        const res = await admin.request({ method: 'POST', url: '/api/federation/peers', payload });
        expect(res.statusCode, field).toBe(400);
        expect(res.json().error.field, JSON.stringify(res.json())).toBe(field);
      }
      const forbidden = await focal.request({
        method: 'POST',
        url: '/api/federation/peers',
        payload: peerInput(kh),
      });
      expect(forbidden.statusCode).toBe(403);
      const res = await admin.request({
        method: 'POST',
        url: '/api/federation/peers',
        payload: peerInput(kh),
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        nodeId: 'kh-node',
        countries: ['KH'],
        isActive: true,
        queueDepth: 0,
        consecutiveFailures: 0,
        health: 'unknown',
      });
      const again = await admin.request({
        method: 'POST',
        url: '/api/federation/peers',
        payload: peerInput(kh),
      });
      expect(again.statusCode).toBe(409);
      const audit = await t.handle.db
        .selectFrom('audit_event')
        .select(['action', 'target_id', 'actor_user_id'])
        .where('action', '=', 'federation.peer_add')
        .execute();
      expect(audit).toEqual([
        { action: 'federation.peer_add', target_id: 'kh-node', actor_user_id: admin.userId },
      ]);
      const denied = await t.handle.db
        .selectFrom('audit_event')
        .select('target_type')
        .where('action', '=', 'access.denied')
        .where('actor_user_id', '=', focal.userId)
        .execute();
      expect(denied.map((d) => d.target_type)).toContain('federation');
    });

    it('shows a failing peer as degraded then down, its queue, and retries a failed message', async () => {
      for (let i = 0; i < 3; i++) {
        const ping = await admin.request({
          method: 'POST',
          url: '/api/federation/peers/kh-node/ping',
        });
        expect(ping.statusCode).toBe(202);
        // The peer's URL answers nothing: every attempt fails (back-off puts the rest later).
        await deliverDue(t.ctx);
        await t.handle.db
          .updateTable('outbox_message')
          .set({ next_attempt_at: new Date(Date.now() - 1000) })
          .where('status', '=', 'Pending')
          .execute();
      }
      const list = await focal.request({ method: 'GET', url: '/api/federation/peers' });
      const [peer] = list.json() as Peer[];
      expect(peer).toMatchObject({ nodeId: 'kh-node', queueDepth: 3, health: 'down' });
      expect(peer?.consecutiveFailures).toBeGreaterThanOrEqual(3);
      expect(peer?.lastError).toMatch(/unreachable/);
      expect(peer?.oldestPendingAt).not.toBeNull();

      const msgs = await focal.request({
        method: 'GET',
        url: '/api/federation/messages?direction=out&failing=true',
      });
      expect(msgs.statusCode).toBe(200);
      const failing = msgs.json() as { id: string; attempts: number; error: string }[];
      // Delivery keeps the peer's order: only its oldest message is attempted until it goes through.
      expect(failing).toHaveLength(1);
      expect(failing[0]).toMatchObject({
        direction: 'out',
        kind: 'node.ping',
        status: 'Pending',
        attempts: 3,
      });
      expect(JSON.stringify(failing)).not.toMatch(/envelope|sealed|body/);

      const later = new Date(Date.now() + 3_600_000);
      await t.handle.db
        .updateTable('outbox_message')
        .set({ next_attempt_at: later })
        .where('id', '=', failing[0]?.id as string)
        .execute();
      expect(
        (
          await focal.request({
            method: 'POST',
            url: `/api/federation/messages/${failing[0]?.id}/retry`,
          })
        ).statusCode,
      ).toBe(403);
      const retry = await admin.request({
        method: 'POST',
        url: `/api/federation/messages/${failing[0]?.id}/retry`,
      });
      expect(retry.statusCode).toBe(200);
      expect(Date.parse(retry.json().nextAttemptAt)).toBeLessThan(later.getTime());
      const retried = await t.handle.db
        .selectFrom('audit_event')
        .select('details')
        .where('action', '=', 'federation.peer_update')
        .execute();
      expect(retried.map((r) => (r.details as { op?: string }).op)).toContain('message_retry');
    });

    it('counts messages the peer refused, and a recovered peer is healthy again', async () => {
      // The peer answers 422 to the first message (refused for good) and 200 to the rest.
      let n = 0;
      const fetchImpl = (async () => {
        n += 1;
        return n === 1
          ? new Response(JSON.stringify({ error: { code: 'MALFORMED', message: 'no' } }), {
              status: 422,
            })
          : new Response(JSON.stringify({ status: 'applied' }), { status: 200 });
      }) as unknown as typeof fetch;
      await t.handle.db
        .updateTable('outbox_message')
        .set({ next_attempt_at: new Date(Date.now() - 1000) })
        .execute();
      await deliverDue(t.ctx, { fetchImpl });
      const [peer] = (
        await focal.request({ method: 'GET', url: '/api/federation/peers' })
      ).json() as Peer[];
      expect(peer).toMatchObject({
        queueDepth: 0,
        rejectedByPeer: 1,
        consecutiveFailures: 0,
        health: 'healthy',
      });
      const rejected = (
        await focal.request({ method: 'GET', url: '/api/federation/messages?status=Rejected' })
      ).json() as { id: string; error: string }[];
      expect(rejected).toHaveLength(1);
      expect(rejected[0]?.error).toMatch(/MALFORMED/);
      const delivered = (
        await focal.request({ method: 'GET', url: '/api/federation/messages?status=Delivered' })
      ).json() as { id: string }[];
      const conflict = await admin.request({
        method: 'POST',
        url: `/api/federation/messages/${delivered[0]?.id}/retry`,
      });
      expect(conflict.statusCode).toBe(409);
      const retry = await admin.request({
        method: 'POST',
        url: `/api/federation/messages/${rejected[0]?.id}/retry`,
      });
      expect(retry.json()).toMatchObject({ status: 'Pending' });
    });

    it('refuses again a message it refused before, even once it would pass', async () => {
      const agreement = await t.handle.db
        .selectFrom('agreement')
        .select('id')
        .where('code', '=', 'KH-TH-2003-MOU-TIP')
        .executeTakeFirstOrThrow();
      const v1 = await t.handle.db
        .selectFrom('sharing_policy')
        .select('policy')
        .where('agreement_id', '=', agreement.id)
        .where('version', '=', 1)
        .executeTakeFirstOrThrow();
      await t.handle.db
        .insertInto('sharing_policy')
        .values({
          agreement_id: agreement.id,
          version: 2,
          status: 'Draft',
          policy: JSON.stringify(v1.policy),
        })
        .execute();
      const fed = t.config.services.federation;
      const envelope: Omit<Envelope, 'sentAt'> = {
        v: FEDERATION_PROTOCOL_VERSION,
        id: crypto.randomUUID(),
        from: 'kh-node',
        to: 'th-node',
        kind: 'referral.offer',
        ref: crypto.randomUUID(),
        fromRole: 'Sender',
        seq: 1,
        fromCountry: 'KH',
        toCountry: 'TH',
        agreement: 'KH-TH-2003-MOU-TIP',
        policyVersion: 2,
        body: {
          purpose: 'Repatriation',
          senderCaseCode: 'KH-T-1',
          originCountry: 'TH',
          destinationCountry: 'KH',
          offeredOn: '2026-12-01',
          steps: [],
          sex: 'Female',
          ageGroup: 'Adult',
        },
        sealed: await sealFor(fed.identity.encryptionPublicJwk, {
          fields: { 'person.gender': 'Female' },
        }),
      };
      const post = async () =>
        t.app.inject({
          method: 'POST',
          url: FEDERATION_INBOX_PATH,
          headers: { 'content-type': JOSE_MEDIA_TYPE },
          payload: await signEnvelope(kh.identity, 'kh-node', {
            ...envelope,
            sentAt: new Date().toISOString(),
          }),
        });
      const first = await post();
      expect(first.statusCode, first.body).toBe(422);
      expect(first.json().error.code).toBe('OUTSIDE_AGREEMENT');
      // The policy version comes into force; the same message id stays refused (never "duplicate").
      await t.handle.db
        .updateTable('sharing_policy')
        .set({ status: 'Superseded' })
        .where('agreement_id', '=', agreement.id)
        .where('version', '=', 1)
        .execute();
      await t.handle.db
        .updateTable('sharing_policy')
        .set({ status: 'Active' })
        .where('agreement_id', '=', agreement.id)
        .where('version', '=', 2)
        .execute();
      const again = await post();
      expect(again.statusCode).toBe(422);
      expect(again.json().error).toMatchObject({
        code: 'OUTSIDE_AGREEMENT',
        message: 'this message was refused before',
      });
      const cases = await t.handle.db
        .selectFrom('xb_case')
        .select('id')
        .where('ref', '=', envelope.ref)
        .execute();
      expect(cases).toEqual([]);
    });

    it('changes a peer (URL, countries, key rotation, deactivation), audited', async () => {
      const rotated = otherNode('kh-node', ['KH']);
      const res = await admin.request({
        method: 'PATCH',
        url: '/api/federation/peers/kh-node',
        payload: {
          url: 'https://kh.example.org',
          countries: ['KH', 'LA'],
          signingKey: rotated.signingKey,
          encryptionKey: rotated.encryptionKey,
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        url: 'https://kh.example.org',
        countries: ['KH', 'LA'],
        signingKey: rotated.signingKey,
      });
      const bad = await admin.request({
        method: 'PATCH',
        url: '/api/federation/peers/kh-node',
        payload: { countries: ['TH'] },
      });
      expect(bad.json().error.field).toBe('countries');
      const off = await admin.request({
        method: 'PATCH',
        url: '/api/federation/peers/kh-node',
        payload: { isActive: false },
      });
      expect(off.json()).toMatchObject({ isActive: false, health: 'inactive' });
      const ping = await admin.request({
        method: 'POST',
        url: '/api/federation/peers/kh-node/ping',
      });
      expect(ping.statusCode).toBe(404);
      const missing = await admin.request({
        method: 'PATCH',
        url: '/api/federation/peers/xx-node',
        payload: { isActive: true },
      });
      expect(missing.statusCode).toBe(404);
      const audit = await t.handle.db
        .selectFrom('audit_event')
        .select('details')
        .where('action', '=', 'federation.peer_update')
        .where('target_id', '=', 'kh-node')
        .execute();
      const details = audit.map((a) => a.details as Record<string, unknown>);
      expect(details).toContainEqual(expect.objectContaining({ keyRotated: true }));
      expect(details).toContainEqual(expect.objectContaining({ isActive: false }));
      expect(JSON.stringify(details)).not.toContain(rotated.signingKey.x);
    });
  });
}
