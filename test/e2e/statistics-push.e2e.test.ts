/**
 * The national-to-regional push on two REAL nodes on loopback, each with its own database: a Thai
 * national node (th-node, holds TH) and the regional node (xr-node, holds the regional unit XR),
 * both configured with CTIP_REGIONAL_NODE_ID=xr-node. The Thai focal point enters values (one cell
 * below the threshold) and approves the data set through the API; the regional node shows the set
 * with the small cell suppressed and a second cell suppressed so it cannot be recovered; un-approval
 * withdraws it at the regional node. The messages are signed and applied exactly once.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatPublishedSetDetail, StatPublishedSetView } from '@ctip/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFedNode } from '../../packages/cli/src/bench/federation-nodes';
import { auditOf, type FedNode, messagesOf, NODE_ENGINES, waitFor } from './federation-harness';

const adminUrl = inject('postgresAdminUrl');
const templateDb = inject('postgresTemplateDb');
const REGIONAL_ENV = { CTIP_REGIONAL_NODE_ID: 'xr-node' };
const SET = { dataSet: 'VICTIMS', country: 'TH', period: '2024' };

type Pair = { th: FedNode; xr: FedNode; close: () => Promise<void> };

async function nodeDatabase(engine: string, id: string, created: string[]): Promise<string | null> {
  if (engine !== 'postgres') {
    return null;
  }
  const name = `ctip_stat_${id.replace('-', '_')}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb}`);
  } finally {
    await admin.end();
  }
  created.push(name);
  const u = new URL(adminUrl as string);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The Thai node and the regional node, each registered as the other's peer. */
async function startPair(engine: string): Promise<Pair> {
  const root = mkdtempSync(join(tmpdir(), 'ctip-stat-'));
  const databases: string[] = [];
  const make = async (nodeId: string, countries: string[]) => {
    const databaseUrl = await nodeDatabase(engine, nodeId, databases);
    return createFedNode({
      nodeId,
      countries,
      dir: join(root, nodeId),
      env: REGIONAL_ENV,
      ...(databaseUrl ? { databaseUrl } : {}),
    });
  };
  const th = await make('th-node', ['TH']);
  const xr = await make('xr-node', ['XR']);
  const close = async () => {
    await Promise.all([th.stop(), xr.stop()]);
    for (const name of databases) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await th.prepare([xr.publicIdentity]);
    await xr.prepare([th.publicIdentity]);
    await Promise.all([th.start(), xr.start()]);
  } catch (err) {
    await close();
    throw err;
  }
  return { th, xr, close };
}

for (const engine of NODE_ENGINES) {
  describe(`${engine}: statistics push from a national node to the regional node`, () => {
    let p: Pair;
    beforeAll(async () => {
      p = await startPair(engine);
    }, 240_000);
    afterAll(async () => {
      await p?.close();
    }, 60_000);

    const regionalSets = async () => {
      const sec = await p.xr.login('secretariat');
      const res = await sec.request<{ items: StatPublishedSetView[] }>(
        'GET',
        '/api/statistics/regional/sets?country=TH',
      );
      expect(res.status).toBe(200);
      return res.body.items;
    };

    it('pushes the approved set, disclosure-controlled, and withdraws it on un-approval', async () => {
      const focal = await p.th.login('th.focal');
      const value = (disaggregation: Record<string, string>, v: number) => ({
        dataElement: 'VICTIMS_IDENTIFIED',
        country: 'TH',
        period: '2024',
        disaggregation,
        value: v,
      });
      const saved = await focal.request('PUT', '/api/statistics/entry', {
        ...SET,
        values: [
          value({}, 40),
          value({ sex: 'M' }, 37),
          value({ sex: 'F' }, 3),
          value({ age_group: 'U18' }, 12),
          value({ age_group: '18+' }, 28),
        ],
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      const approved = await focal.request<{ approval: { version: number } }>(
        'POST',
        '/api/statistics/approvals/approve',
        SET,
      );
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      expect(approved.body.approval.version).toBe(1);

      const [received] = await waitFor('the set at the regional node', async () => {
        const items = await regionalSets();
        return items.length > 0 ? items : null;
      });
      expect(received).toMatchObject({
        ...SET,
        version: 1,
        originNode: 'th-node',
        threshold: 5,
        cells: 5,
        suppressed: 2,
      });
      const sec = await p.xr.login('secretariat');
      const detail = await sec.request<StatPublishedSetDetail>(
        'GET',
        '/api/statistics/regional/sets/VICTIMS/TH/2024',
      );
      expect(detail.status).toBe(200);
      const cell = (d: Record<string, string>) =>
        detail.body.values.find((v) => JSON.stringify(v.disaggregation) === JSON.stringify(d));
      expect(cell({ sex: 'F' })).toMatchObject({ status: 'Suppressed', value: null });
      expect(cell({ sex: 'M' })).toMatchObject({ status: 'SecondarySuppressed', value: null });
      expect(cell({})).toMatchObject({ status: 'Reported', value: 40 });
      expect(cell({ age_group: 'U18' })).toMatchObject({ status: 'Reported', value: 12 });
      // The Thai node's own published copy says the same.
      const own = await focal.request<{ items: StatPublishedSetView[] }>(
        'GET',
        '/api/statistics/regional/sets',
      );
      expect(own.body.items).toContainEqual(expect.objectContaining({ ...SET, suppressed: 2 }));

      const unapproved = await focal.request('POST', '/api/statistics/approvals/unapprove', {
        ...SET,
        reason: 'Figures under revision',
      });
      expect(unapproved.status, JSON.stringify(unapproved.body)).toBe(200);
      await waitFor('the set withdrawn at the regional node', async () =>
        (await regionalSets()).length === 0 ? true : null,
      );

      // Signed, delivered and applied exactly once, in order.
      const out = (await messagesOf(p.th, { direction: 'out', peer: 'xr-node' })).filter((m) =>
        m.kind.startsWith('stats.'),
      );
      expect(out.map((m) => [m.kind, m.status]).reverse()).toEqual([
        ['stats.published', 'Delivered'],
        ['stats.withdrawn', 'Delivered'],
      ]);
      const inbox = (await messagesOf(p.xr, { direction: 'in', peer: 'th-node' })).filter((m) =>
        m.kind.startsWith('stats.'),
      );
      expect(inbox.map((m) => m.id).sort()).toEqual(out.map((m) => m.id).sort());
      expect(inbox.every((m) => m.status === 'Applied')).toBe(true);
      const audits = await auditOf(p.xr, 'statistics.push_received');
      expect(audits.map((a) => a.details.result).sort()).toEqual(['stored', 'withdrawn']);

      // Re-approval pushes version 2.
      const again = await focal.request<{ approval: { version: number } }>(
        'POST',
        '/api/statistics/approvals/approve',
        SET,
      );
      expect(again.status).toBe(200);
      const [v2] = await waitFor('version 2 at the regional node', async () => {
        const items = await regionalSets();
        return items[0]?.version === 2 ? items : null;
      });
      expect(v2).toMatchObject({ version: 2, suppressed: 2 });
    }, 120_000);
  });
}
