/**
 * The federation inbox on one node: a message to itself goes through the same outbox, signature and
 * inbox as one to a peer; refusals (unknown signer, bad signature, stale, wrong recipient) are
 * answered with their reason and audited; a resent message id is acknowledged, not applied twice.
 */
import { type Envelope, FEDERATION_PROTOCOL_VERSION } from '@ctip/domain';
import {
  enqueueMessage,
  FEDERATION_INBOX_PATH,
  generateNodeIdentityFile,
  JOSE_MEDIA_TYPE,
  parseNodeIdentity,
  resolveNode,
  signEnvelope,
} from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './app';
import { DB_TARGETS } from './db';

function ping(t: TestApp, over: Partial<Envelope> = {}): Envelope {
  return {
    v: FEDERATION_PROTOCOL_VERSION,
    id: crypto.randomUUID(),
    from: t.config.services.federation.nodeId,
    to: t.config.services.federation.nodeId,
    kind: 'node.ping',
    ref: null,
    fromRole: null,
    seq: null,
    fromCountry: null,
    toCountry: null,
    agreement: null,
    policyVersion: null,
    sentAt: new Date().toISOString(),
    body: {},
    sealed: null,
    ...over,
  };
}

for (const engine of DB_TARGETS) {
  describe(`${engine}: federation inbox`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(engine);
    });
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

    it('delivers a message from the outbox to this node’s own inbox once', async () => {
      const self = await resolveNode(t.handle.db, t.ctx, t.config.services.federation.nodeId);
      const { id } = await t.handle.db.transaction().execute((trx) =>
        enqueueMessage(trx, t.ctx, {
          to: self as NonNullable<typeof self>,
          kind: 'node.ping',
          ref: null,
          xbCaseId: null,
          fromRole: null,
          fromCountry: null,
          toCountry: null,
          agreement: null,
          policyVersion: null,
          body: {},
        }),
      );
      await t.deliver();
      const out = await t.handle.db
        .selectFrom('outbox_message')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(out.status).toBe('Delivered');
      const inbox = await t.handle.db
        .selectFrom('inbox_message')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(inbox.status).toBe('Applied');
    });

    it('acknowledges a resent message id without applying it again', async () => {
      const fed = t.config.services.federation;
      const env = ping(t);
      const jws = await signEnvelope(fed.identity, fed.nodeId, env);
      const first = await post(jws);
      expect(first.statusCode).toBe(200);
      expect(first.json().status).toBe('applied');
      const again = await post(jws);
      expect(again.statusCode).toBe(200);
      expect(again.json().status).toBe('duplicate');
      const rows = await t.handle.db
        .selectFrom('inbox_message')
        .select('id')
        .where('id', '=', env.id)
        .execute();
      expect(rows).toHaveLength(1);
    });

    it('refuses an unknown signer, a tampered signature, a stale message and another recipient', async () => {
      const fed = t.config.services.federation;
      const stranger = parseNodeIdentity(JSON.stringify(generateNodeIdentityFile()));
      const unknown = await post(
        await signEnvelope(stranger, 'xx-node', ping(t, { from: 'xx-node' })),
      );
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json().error.code).toBe('UNKNOWN_PEER');

      const forged = await post(await signEnvelope(stranger, fed.nodeId, ping(t)));
      expect(forged.statusCode).toBe(401);
      expect(forged.json().error.code).toBe('BAD_SIGNATURE');

      const good = await signEnvelope(fed.identity, fed.nodeId, ping(t));
      const [h, p, s] = good.split('.') as [string, string, string];
      const body = JSON.parse(Buffer.from(p, 'base64url').toString()) as Envelope;
      const altered = Buffer.from(
        JSON.stringify({ ...body, kind: 'node.ping', body: { x: 1 } }),
      ).toString('base64url');
      const tampered = await post(`${h}.${altered}.${s}`);
      expect(tampered.statusCode).toBe(401);
      expect(tampered.json().error.code).toBe('BAD_SIGNATURE');

      const old = new Date(Date.now() - 3600_000).toISOString();
      const stale = await post(
        await signEnvelope(fed.identity, fed.nodeId, ping(t, { sentAt: old })),
      );
      expect(stale.statusCode).toBe(401);
      expect(stale.json().error.code).toBe('STALE');

      const elsewhere = await post(
        await signEnvelope(fed.identity, fed.nodeId, ping(t, { to: 'kh-node' })),
      );
      expect(elsewhere.statusCode).toBe(400);
      expect(elsewhere.json().error.code).toBe('WRONG_RECIPIENT');

      const garbage = await post('not-a-jws');
      expect(garbage.statusCode).toBe(400);

      const audits = await t.handle.db
        .selectFrom('audit_event')
        .select(['details'])
        .where('action', '=', 'federation.message_rejected')
        .execute();
      const reasons = audits.map((a) => (a.details as { refusal: string }).refusal);
      expect(reasons).toEqual(
        expect.arrayContaining([
          'unknown_peer',
          'bad_signature',
          'stale',
          'wrong_recipient',
          'malformed',
        ]),
      );
    });
  });
}
