/**
 * The regional push of approved statistics on two in-process nodes (a Thai national node and the
 * regional node, the deliverer bridged to the regional app's inbox): the published snapshot and its
 * disclosure control (primary and secondary suppression, Missing and SuppressedAtSource kept, the
 * source cited), the signed `stats.published` / `stats.withdrawn` messages, version ordering on the
 * regional node, the refusal of a country the sending node does not hold, and the sets list by scope.
 */
import { type Envelope, FEDERATION_PROTOCOL_VERSION, type MessageBody } from '@ctip/domain';
import { loadTestConfig, testFederation } from '@ctip/server';
import {
  deliverDue,
  FEDERATION_INBOX_PATH,
  insertPeer,
  JOSE_MEDIA_TYPE,
  publicIdentityOf,
  publishApprovedDataSet,
  signEnvelope,
  statisticsMessageRef,
  withdrawPublishedDataSet,
} from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

const SET = { dataSet: 'VICTIMS', country: 'TH', period: '2024' };

async function node(engine: 'pglite' | 'postgres', nodeId: string, countries: string[]) {
  const base = loadTestConfig();
  return buildTestApp(engine, {
    services: {
      ...base.services,
      federation: testFederation({
        nodeId,
        nodeName: nodeId,
        countries,
        publicUrl: `http://${nodeId}.test`,
        regionalNodeId: 'xr-node',
      }),
    },
  });
}

async function register(at: TestApp, peer: TestApp): Promise<void> {
  const fed = peer.config.services.federation;
  const pub = publicIdentityOf(
    {
      nodeId: fed.nodeId,
      nodeName: fed.nodeName,
      countries: [...fed.countries],
      publicUrl: fed.publicUrl,
    },
    fed.identity,
  );
  await insertPeer(
    at.ctx,
    {
      system: (action, target, details) => ({
        action,
        outcome: 'success',
        actorUserId: null,
        actorAgencyId: null,
        actorCountry: null,
        targetType: target.type,
        targetId: target.id,
        requestId: null,
        ip: null,
        userAgent: 'test',
        details,
      }),
    },
    {
      nodeId: pub.nodeId,
      name: pub.name,
      url: pub.url,
      countries: pub.countries,
      signingKey: pub.signingKey,
      encryptionKey: pub.encryptionKey,
    },
  );
}

/** fetch for `from`'s deliverer that hands the JWS to `to`'s inbox (no port). */
function bridgeTo(to: TestApp): typeof fetch {
  return (async (_url: string | URL, init?: RequestInit) => {
    const res = await to.app.inject({
      method: 'POST',
      url: FEDERATION_INBOX_PATH,
      headers: { 'content-type': JOSE_MEDIA_TYPE },
      payload: String(init?.body),
    });
    return new Response(res.body, { status: res.statusCode });
  }) as unknown as typeof fetch;
}

async function deliverAll(from: TestApp, to: TestApp): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const r = await deliverDue(from.ctx, { fetchImpl: bridgeTo(to) });
    if (r.delivered + r.rejected + r.failed === 0) {
      return;
    }
  }
}

type Cell = { dim: Record<string, string>; status?: string; value: number | null; el?: string };

/** Store values of a block at `t` directly (the entry use case is the core area's). */
async function putValues(t: TestApp, cells: Cell[], sourceId: string | null): Promise<void> {
  await t.handle.db
    .insertInto('stat_value')
    .values(
      cells.map((c) => ({
        data_element: c.el ?? 'VICTIMS_IDENTIFIED',
        country: SET.country,
        period: SET.period,
        period_type: 'Yearly',
        ...c.dim,
        status: c.status ?? 'Reported',
        value: c.value,
        source_id: sourceId,
      })),
    )
    .execute();
}

function statsEnvelope(
  from: TestApp,
  to: TestApp,
  kind: 'stats.published' | 'stats.withdrawn',
  body: Record<string, unknown>,
  over: Partial<Envelope> = {},
): Envelope {
  const b = body as { country: string; dataSet: string; period: string };
  return {
    v: FEDERATION_PROTOCOL_VERSION,
    id: crypto.randomUUID(),
    from: from.config.services.federation.nodeId,
    to: to.config.services.federation.nodeId,
    kind,
    ref: statisticsMessageRef(b.country, b.dataSet, b.period),
    fromRole: null,
    seq: null,
    fromCountry: b.country,
    toCountry: null,
    agreement: null,
    policyVersion: null,
    sentAt: new Date().toISOString(),
    body,
    sealed: null,
    ...over,
  };
}

function publishedBody(
  version: number,
  over: Partial<MessageBody<'stats.published'>> = {},
): MessageBody<'stats.published'> {
  return {
    dataSet: 'JUSTICE',
    country: 'TH',
    period: '2023',
    periodType: 'Yearly',
    version,
    approvedAt: new Date().toISOString(),
    disclosure: { threshold: 5, suppressZeros: false },
    sources: [],
    cells: [
      {
        dataElement: 'INVESTIGATIONS',
        province: '',
        disaggregation: {},
        status: 'Reported',
        value: 100 + version,
        source: null,
      },
    ],
    ...over,
  };
}

for (const engine of DB_TARGETS) {
  describe(`${engine}: statistics regional push`, () => {
    let th: TestApp;
    let xr: TestApp;
    let secretariat: Client;
    let thFocal: Client;
    let khFocal: Client;

    const post = (t: TestApp, jws: string) =>
      t.app.inject({
        method: 'POST',
        url: FEDERATION_INBOX_PATH,
        headers: { 'content-type': JOSE_MEDIA_TYPE },
        payload: jws,
      });
    const signAs = (t: TestApp, env: Envelope) =>
      signEnvelope(t.config.services.federation.identity, t.config.services.federation.nodeId, env);
    const heldAtXr = (key: { dataSet: string; country: string; period: string }) =>
      xr.handle.db
        .selectFrom('stat_published_set')
        .selectAll()
        .where('data_set', '=', key.dataSet)
        .where('country', '=', key.country)
        .where('period', '=', key.period)
        .executeTakeFirst();

    beforeAll(async () => {
      th = await node(engine, 'th-node', ['TH']);
      xr = await node(engine, 'xr-node', ['XR']);
      await register(th, xr);
      await register(xr, th);
      secretariat = await loginAs(xr.app, 'secretariat');
      thFocal = await loginAs(xr.app, 'th.focal');
      khFocal = await loginAs(xr.app, 'kh.focal');
      const sourceId = crypto.randomUUID();
      await th.handle.db
        .insertInto('stat_source')
        .values({
          id: sourceId,
          code: 'TEST_MSDHS_2024',
          title: 'MSDHS annual report 2024',
          citation: 'MSDHS, Annual report 2024, table 3',
        })
        .execute();
      // Victims identified: total 40 = M 37 + F 3 (F below 5) = U18 12 + 18+ 28.
      await putValues(
        th,
        [
          { dim: {}, value: 40 },
          { dim: { sex: 'M' }, value: 37 },
          { dim: { sex: 'F' }, value: 3 },
          { dim: { age_group: 'U18' }, value: 12 },
          { dim: { age_group: '18+' }, value: 28 },
          { el: 'VICTIMS_ASSISTED', dim: {}, status: 'Missing', value: null },
          { el: 'VICTIMS_REFERRED', dim: {}, status: 'SuppressedAtSource', value: null },
        ],
        sourceId,
      );
    });
    afterAll(async () => {
      await th?.close();
      await xr?.close();
    });

    it('publishes the disclosure-controlled snapshot and queues one signed push', async () => {
      const approvedAt = new Date('2025-02-01T03:00:00Z');
      const outcome = await th.handle.db
        .transaction()
        .execute((trx) => publishApprovedDataSet(trx, th.ctx, { ...SET, version: 1, approvedAt }));
      expect(outcome).toMatchObject({ cells: 7, suppressed: 1, secondarySuppressed: 1 });
      const set = await th.handle.db
        .selectFrom('stat_published_set')
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(set).toMatchObject({ version: 1, origin_node: 'th-node', threshold: 5 });
      const values = await th.handle.db
        .selectFrom('stat_published_value')
        .selectAll()
        .where('data_set', '=', 'VICTIMS')
        .execute();
      const find = (el: string, dim: Partial<Record<'sex' | 'age_group', string>>) =>
        values.find(
          (v) =>
            v.data_element === el &&
            v.sex === (dim.sex ?? '') &&
            v.age_group === (dim.age_group ?? ''),
        );
      expect(find('VICTIMS_IDENTIFIED', { sex: 'F' })).toMatchObject({
        status: 'Suppressed',
        value: null,
      });
      // M is withheld too: otherwise F = 40 − 37.
      expect(find('VICTIMS_IDENTIFIED', { sex: 'M' })).toMatchObject({
        status: 'SecondarySuppressed',
        value: null,
      });
      expect(find('VICTIMS_IDENTIFIED', {})).toMatchObject({ status: 'Reported', value: 40 });
      expect(find('VICTIMS_IDENTIFIED', { age_group: 'U18' })).toMatchObject({ value: 12 });
      expect(find('VICTIMS_ASSISTED', {})).toMatchObject({ status: 'Missing', value: null });
      expect(find('VICTIMS_REFERRED', {})).toMatchObject({
        status: 'SuppressedAtSource',
        value: null,
      });
      expect(find('VICTIMS_IDENTIFIED', {})?.source_citation).toBe(
        'MSDHS, Annual report 2024, table 3',
      );

      const out = await th.handle.db
        .selectFrom('outbox_message')
        .selectAll()
        .where('kind', '=', 'stats.published')
        .execute();
      expect(out).toHaveLength(1);
      const env = out[0]?.envelope as unknown as Envelope;
      expect(env).toMatchObject({
        to: 'xr-node',
        ref: statisticsMessageRef('TH', 'VICTIMS', '2024'),
        fromCountry: 'TH',
        fromRole: null,
        seq: null,
        agreement: null,
      });
      expect(out[0]?.sealed).toBeNull();
      const body = env.body as MessageBody<'stats.published'>;
      expect(body).toMatchObject({ version: 1, approvedAt: approvedAt.toISOString() });
      expect(body.sources.map((s) => s.code)).toEqual(['TEST_MSDHS_2024']);
      const f = body.cells.find((c) => c.disaggregation.sex === 'F');
      expect(f).toMatchObject({ status: 'Suppressed', value: null });
      // The withheld figures never leave the node.
      expect(body.cells.some((c) => c.value === 3 || c.value === 37)).toBe(false);
    });

    it('refuses to publish an element already published in another data set', async () => {
      await th.handle.db
        .insertInto('stat_data_set')
        .values({ code: 'VICTIMS_COPY', period_type: 'Yearly', name: 'Copy' })
        .execute();
      await th.handle.db
        .insertInto('stat_data_set_element')
        .values({
          data_set: 'VICTIMS_COPY',
          data_element: 'VICTIMS_IDENTIFIED',
          form_dimensions: JSON.stringify(['sex']),
        })
        .execute();
      try {
        await expect(
          th.handle.db.transaction().execute((trx) =>
            publishApprovedDataSet(trx, th.ctx, {
              ...SET,
              dataSet: 'VICTIMS_COPY',
              version: 1,
              approvedAt: new Date(),
            }),
          ),
        ).rejects.toMatchObject({ code: 'CONFLICT' });
      } finally {
        await th.handle.db.deleteFrom('stat_data_set').where('code', '=', 'VICTIMS_COPY').execute();
      }
    });

    it('uses the node’s disclosure settings', async () => {
      await th.handle.db
        .insertInto('stat_setting')
        .values({
          key: 'disclosure',
          value: JSON.stringify({ threshold: 3, suppressZeros: false }),
        })
        .execute();
      try {
        const outcome = await th.handle.db.transaction().execute(async (trx) => {
          const o = await publishApprovedDataSet(trx, th.ctx, {
            ...SET,
            version: 1,
            approvedAt: new Date(),
          });
          throw Object.assign(new Error('rollback'), { o });
        });
        expect.unreachable(String(outcome));
      } catch (err) {
        expect((err as { o: unknown }).o).toMatchObject({ suppressed: 0, secondarySuppressed: 0 });
      } finally {
        await th.handle.db.deleteFrom('stat_setting').where('key', '=', 'disclosure').execute();
      }
    });

    it('delivers the push: the regional node stores the set as published, audited', async () => {
      await deliverAll(th, xr);
      const set = await heldAtXr(SET);
      expect(set).toMatchObject({ version: 1, origin_node: 'th-node', threshold: 5 });
      const values = await xr.handle.db
        .selectFrom('stat_published_value')
        .selectAll()
        .where('country', '=', 'TH')
        .where('data_set', '=', 'VICTIMS')
        .execute();
      expect(values).toHaveLength(7);
      expect(values.find((v) => v.sex === 'F')).toMatchObject({
        status: 'Suppressed',
        value: null,
      });
      expect(values.find((v) => v.sex === 'M')).toMatchObject({
        status: 'SecondarySuppressed',
        value: null,
      });
      const audit = await xr.handle.db
        .selectFrom('audit_event')
        .select(['details', 'outcome'])
        .where('action', '=', 'statistics.push_received')
        .execute();
      expect(audit.map((a) => a.details)).toContainEqual(
        expect.objectContaining({ peer: 'th-node', result: 'stored', version: 1, country: 'TH' }),
      );
    });

    it('lists the received sets: the region sees all, a national user its own country', async () => {
      const all = await secretariat.request({
        method: 'GET',
        url: '/api/statistics/regional/sets',
      });
      expect(all.statusCode).toBe(200);
      expect(all.json().items).toContainEqual(
        expect.objectContaining({
          country: 'TH',
          dataSet: 'VICTIMS',
          period: '2024',
          version: 1,
          originNode: 'th-node',
          approvedAt: '2025-02-01T03:00:00.000Z',
          cells: 7,
          suppressed: 2,
        }),
      );
      const own = await thFocal.request({ method: 'GET', url: '/api/statistics/regional/sets' });
      expect(own.json().items.map((i: { country: string }) => i.country)).toContain('TH');
      const other = await khFocal.request({ method: 'GET', url: '/api/statistics/regional/sets' });
      expect(other.statusCode).toBe(200);
      expect(other.json().items).toEqual([]);
      const detail = await secretariat.request({
        method: 'GET',
        url: '/api/statistics/regional/sets/VICTIMS/TH/2024',
      });
      expect(detail.statusCode).toBe(200);
      expect(detail.json().values).toContainEqual(
        expect.objectContaining({
          disaggregation: { sex: 'F' },
          status: 'Suppressed',
          value: null,
        }),
      );
      const denied = await khFocal.request({
        method: 'GET',
        url: '/api/statistics/regional/sets/VICTIMS/TH/2024',
      });
      expect(denied.statusCode).toBe(403);
      const bad = await secretariat.request({
        method: 'GET',
        url: '/api/statistics/regional/sets?country=Thailand',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('country');
      const caseworker = await loginAs(xr.app, 'th.caseworker');
      const forbidden = await caseworker.request({
        method: 'GET',
        url: '/api/statistics/regional/sets',
      });
      expect(forbidden.statusCode).toBe(403);
    });

    it('keeps the newest version: an older or equal one is acknowledged and ignored', async () => {
      const key = { dataSet: 'JUSTICE', country: 'TH', period: '2023' };
      const send = async (kind: 'stats.published' | 'stats.withdrawn', body: object) =>
        post(xr, await signAs(th, statsEnvelope(th, xr, kind, body as Record<string, unknown>)));
      expect((await send('stats.published', publishedBody(3))).statusCode).toBe(200);
      expect((await heldAtXr(key))?.version).toBe(3);
      const older = await send('stats.published', publishedBody(2));
      expect(older.statusCode).toBe(200);
      expect(older.json().status).toBe('applied');
      const equal = await send('stats.published', publishedBody(3, { cells: [] }));
      expect(equal.statusCode).toBe(200);
      const held = await heldAtXr(key);
      expect(held?.version).toBe(3);
      const value = await xr.handle.db
        .selectFrom('stat_published_value')
        .select('value')
        .where('data_set', '=', 'JUSTICE')
        .where('country', '=', 'TH')
        .executeTakeFirstOrThrow();
      expect(value.value).toBe(103);
      // A withdrawal of an older version leaves the newer set; of the held one removes it.
      const withdrawn = (version: number) => ({
        ...key,
        version,
        withdrawnAt: new Date().toISOString(),
      });
      expect((await send('stats.withdrawn', withdrawn(2))).statusCode).toBe(200);
      expect((await heldAtXr(key))?.version).toBe(3);
      expect((await send('stats.withdrawn', withdrawn(3))).statusCode).toBe(200);
      expect(await heldAtXr(key)).toBeUndefined();
      const values = await xr.handle.db
        .selectFrom('stat_published_value')
        .select('value')
        .where('data_set', '=', 'JUSTICE')
        .execute();
      expect(values).toEqual([]);
      // A resent message id is applied once.
      const env = statsEnvelope(th, xr, 'stats.published', publishedBody(4));
      const jws = await signAs(th, env);
      expect((await post(xr, jws)).json().status).toBe('applied');
      expect((await post(xr, jws)).json().status).toBe('duplicate');
    });

    it('refuses a country the sending node does not hold, and pushes to a non-regional node', async () => {
      const foreign = publishedBody(1, { country: 'KH' });
      const res = await post(
        xr,
        await signAs(th, statsEnvelope(th, xr, 'stats.published', foreign as never)),
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('OUTSIDE_AGREEMENT');
      expect(await heldAtXr({ dataSet: 'JUSTICE', country: 'KH', period: '2023' })).toBeUndefined();
      const rejected = await xr.handle.db
        .selectFrom('audit_event')
        .select('details')
        .where('action', '=', 'federation.message_rejected')
        .execute();
      expect(rejected.map((r) => r.details)).toContainEqual(
        expect.objectContaining({
          peer: 'th-node',
          kind: 'stats.published',
          refusal: 'outside_agreement',
        }),
      );
      // The body and the envelope must name the same country; the ref must be the set's.
      const mismatch = await post(
        xr,
        await signAs(
          th,
          statsEnvelope(th, xr, 'stats.published', publishedBody(1) as never, {
            fromCountry: 'KH',
          }),
        ),
      );
      expect(mismatch.statusCode).toBe(400);
      const badRef = await post(
        xr,
        await signAs(
          th,
          statsEnvelope(th, xr, 'stats.published', publishedBody(1) as never, {
            ref: crypto.randomUUID(),
          }),
        ),
      );
      expect(badRef.statusCode).toBe(400);
      expect(badRef.json().error.code).toBe('MALFORMED');
      // A suppressed cell with a number is malformed.
      const leaky = publishedBody(1, {
        cells: [
          {
            dataElement: 'INVESTIGATIONS',
            province: '',
            disaggregation: {},
            status: 'Suppressed',
            value: 3,
            source: null,
          },
        ],
      });
      const leak = await post(
        xr,
        await signAs(th, statsEnvelope(th, xr, 'stats.published', leaky as never)),
      );
      expect(leak.json().error.code).toBe('MALFORMED');
      // A reported cell below the sender's threshold is refused (defence in depth).
      const exposed = publishedBody(1, {
        cells: [
          {
            dataElement: 'INVESTIGATIONS',
            province: '',
            disaggregation: {},
            status: 'Reported',
            value: 2,
            source: null,
          },
        ],
      });
      const small = await post(
        xr,
        await signAs(th, statsEnvelope(th, xr, 'stats.published', exposed as never)),
      );
      expect(small.statusCode).toBe(400);
      expect(small.json().error.code).toBe('MALFORMED');
      // (version 4, stored by the previous test, stays)
      expect((await heldAtXr({ dataSet: 'JUSTICE', country: 'TH', period: '2023' }))?.version).toBe(
        4,
      );
      // The Thai node is not the regional node: it refuses pushes.
      const toTh = await post(
        th,
        await signAs(xr, {
          ...statsEnvelope(xr, th, 'stats.published', publishedBody(1) as never),
          fromCountry: 'TH',
        }),
      );
      expect(toTh.statusCode).toBe(400);
      expect(toTh.json().error.code).toBe('WRONG_RECIPIENT');
    });

    it('withdraws after un-approval: the local snapshot and the regional copy go', async () => {
      await th.handle.db
        .transaction()
        .execute((trx) => withdrawPublishedDataSet(trx, th.ctx, { ...SET, version: 1 }));
      expect(
        await th.handle.db.selectFrom('stat_published_set').selectAll().execute(),
      ).toHaveLength(0);
      await deliverAll(th, xr);
      expect(await heldAtXr(SET)).toBeUndefined();
      const out = await th.handle.db
        .selectFrom('outbox_message')
        .select(['kind', 'status'])
        .orderBy('position')
        .execute();
      expect(out).toEqual([
        { kind: 'stats.published', status: 'Delivered' },
        { kind: 'stats.withdrawn', status: 'Delivered' },
      ]);
      // Re-approval (version 2) publishes again.
      await th.handle.db
        .transaction()
        .execute((trx) =>
          publishApprovedDataSet(trx, th.ctx, { ...SET, version: 2, approvedAt: new Date() }),
        );
      await deliverAll(th, xr);
      expect((await heldAtXr(SET))?.version).toBe(2);
    });
  });
}
