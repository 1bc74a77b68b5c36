/**
 * Plans, frameworks area: SPA III and SPA IV as trees, edited in place by the Secretariat,
 * published as revisions with a diff, created by form and imported whole, through the API on
 * both engines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

type Json = Record<string, unknown>;
type Node = {
  id: string;
  kind: string;
  code: string;
  title: string | null;
  description: string | null;
  isPriority: boolean;
  version: number;
  targetIds: string[];
  mouArticles: { article: number }[];
  children: Node[];
};

const SPA3_JSON = readFileSync(
  join(import.meta.dirname, '../packages/db/src/seed/reference/data/spa3-framework.json'),
  'utf8',
);

function flatten(nodes: Node[]): Node[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

for (const engine of DB_TARGETS) {
  describe(`${engine}: plans frameworks`, () => {
    let t: TestApp;
    let th: Client;
    let secretariat: Client;
    let admin: Client;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      [th, secretariat, admin] = await Promise.all([
        loginAs(t.app, 'th.focal'),
        loginAs(t.app, 'secretariat'),
        loginAs(t.app, 'admin'),
      ]);
    });
    afterAll(async () => {
      await t.close();
    });

    const get = (c: Client, url: string) => c.request({ method: 'GET', url });
    const send = (c: Client, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
      c.request({ method, url, ...(payload === undefined ? {} : { payload: payload as Json }) });
    const audits = async (action: string) =>
      t.handle.db
        .selectFrom('audit_event')
        .select(['action', 'target_id', 'details'])
        .where('action', '=', action)
        .orderBy('seq')
        .execute();

    it('lists SPA III and SPA IV for a focal point', async () => {
      const res = await get(th, '/api/plans/frameworks');
      expect(res.statusCode, res.body).toBe(200);
      const list = res.json() as Json[];
      expect(list.map((f) => f.id)).toEqual(expect.arrayContaining(['SPA3', 'SPA4']));
      expect(list.find((f) => f.id === 'SPA4')).toMatchObject({
        structure: 'results',
        periodStart: 2015,
        periodEnd: 2018,
        extendedTo: 2019,
        nodeCount: 4,
        status: 'Published',
      });
    });

    it('returns the SPA III tree: areas > targets and activities with ★, links and MoU articles', async () => {
      const res = await get(th, '/api/plans/frameworks/SPA3');
      expect(res.statusCode, res.body).toBe(200);
      const tree = res.json() as { nodes: Node[]; extendedTo: number };
      expect(tree.extendedTo).toBe(2014);
      expect(tree.nodes.map((n) => n.code)).toEqual(['1', '2', '3', '4', '5']);
      const [policy] = tree.nodes;
      expect(policy?.mouArticles.map((m) => m.article)).toEqual([2, 3, 4, 5, 6, 14]);
      const pc1 = policy?.children.find((n) => n.code === 'P&C 1');
      expect(pc1).toMatchObject({ kind: 'activity', isPriority: true });
      const t11 = policy?.children.find((n) => n.code === '1.1');
      expect(pc1?.targetIds).toEqual([t11?.id]);
      // Targets come before activities under an area.
      const kinds = policy?.children.map((n) => n.kind) ?? [];
      expect(kinds.indexOf('activity')).toBeGreaterThan(kinds.lastIndexOf('target'));
    });

    it('returns 404 for an unknown framework and 400 naming a malformed id', async () => {
      expect((await get(th, '/api/plans/frameworks/SPA99')).statusCode).toBe(404);
      const bad = await get(th, '/api/plans/frameworks/spa-3');
      expect(bad.statusCode).toBe(400);
    });

    it('refuses every edit to a focal point, auditing the refusal', async () => {
      const before = (await audits('access.denied')).length;
      const res = await send(th, 'POST', '/api/plans/frameworks/SPA3/nodes', {
        kind: 'target',
        parentId: null,
        code: 'X',
      });
      expect(res.statusCode).toBe(403);
      const pub = await send(th, 'POST', '/api/plans/frameworks/SPA3/publish', {
        version: 1,
        changeNote: 'x',
      });
      expect(pub.statusCode).toBe(403);
      expect((await audits('access.denied')).length).toBeGreaterThanOrEqual(before + 2);
    });

    it('creates a new SPA by form, edits nodes in place, publishes revisions and diffs them', async () => {
      const bad = await send(secretariat, 'POST', '/api/plans/frameworks', {
        id: 'SPA5',
        title: 'Fifth plan',
        structure: 'areas',
        periodStart: 2025,
        periodEnd: 2020,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('periodEnd');
      const created = await send(secretariat, 'POST', '/api/plans/frameworks', {
        id: 'SPA5',
        title: 'Fifth plan',
        structure: 'areas',
        periodStart: 2025,
        periodEnd: 2029,
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ status: 'Draft', revision: 0, nodes: [] });
      const dup = await send(secretariat, 'POST', '/api/plans/frameworks', {
        id: 'SPA5',
        title: 'Again',
        structure: 'areas',
        periodStart: 2025,
        periodEnd: 2029,
      });
      expect(dup.statusCode).toBe(409);

      const add = (body: Json) =>
        send(secretariat, 'POST', '/api/plans/frameworks/SPA5/nodes', body);
      const area = (
        await add({
          kind: 'area',
          parentId: null,
          code: '1',
          title: 'Policy',
          mouArticles: [{ article: 2, textAsListed: 'Art. 2' }],
        })
      ).json() as Node;
      expect(area.mouArticles).toEqual([{ article: 2, textAsListed: 'Art. 2' }]);
      const area2 = (
        await add({ kind: 'area', parentId: null, code: '2', title: 'Justice' })
      ).json() as Node;
      const target = (
        await add({ kind: 'target', parentId: area.id, code: '1.1', title: 'NPAs' })
      ).json() as Node;
      // A target at the top level, an output in an areas framework, a duplicate code, a bad article.
      const top = await add({ kind: 'target', parentId: null, code: '9.9' });
      expect(top.statusCode).toBe(400);
      expect(top.json().error.field).toBe('parentId');
      expect((await add({ kind: 'output', parentId: area.id, code: '1.1.1' })).statusCode).toBe(
        400,
      );
      expect((await add({ kind: 'target', parentId: area.id, code: '1.1' })).statusCode).toBe(409);
      const art = await add({
        kind: 'area',
        parentId: null,
        code: '3',
        mouArticles: [{ article: 99, textAsListed: 'x' }],
      });
      expect(art.statusCode).toBe(400);
      expect(art.json().error.field).toBe('mouArticles.0.article');
      const activity = await add({
        kind: 'activity',
        parentId: area.id,
        code: 'P 1',
        title: 'Support NPAs',
        isPriority: true,
        targetIds: [target.id],
      });
      expect(activity.statusCode, activity.body).toBe(201);
      const act = activity.json() as Node;
      expect(act).toMatchObject({ isPriority: true, targetIds: [target.id], description: null });
      const notTarget = await add({
        kind: 'activity',
        parentId: area.id,
        code: 'P 2',
        targetIds: [area2.id],
      });
      expect(notTarget.statusCode).toBe(400);
      expect(notTarget.json().error.field).toBe('targetIds');

      const fw = (await get(secretariat, '/api/plans/frameworks/SPA5')).json() as {
        version: number;
      };
      const p1 = await send(secretariat, 'POST', '/api/plans/frameworks/SPA5/publish', {
        version: fw.version,
        changeNote: 'First draft agreed',
      });
      expect(p1.statusCode, p1.body).toBe(200);
      expect(p1.json()).toMatchObject({
        revision: 1,
        status: 'Published',
        hasUnpublishedChanges: false,
      });
      const stalePublish = await send(secretariat, 'POST', '/api/plans/frameworks/SPA5/publish', {
        version: fw.version,
        changeNote: 'again',
      });
      expect(stalePublish.statusCode).toBe(409);
      const noNote = await send(secretariat, 'POST', '/api/plans/frameworks/SPA5/publish', {
        version: fw.version + 1,
        changeNote: ' ',
      });
      expect(noNote.statusCode).toBe(400);
      expect(noNote.json().error.field).toBe('changeNote');

      // Edit and move: the activity goes under area 2 (its link to 1.1 stays), with a new title.
      const moved = await send(secretariat, 'PUT', `/api/plans/frameworks/SPA5/nodes/${act.id}`, {
        version: act.version,
        parentId: area2.id,
        title: 'Support NPAs and reviews',
      });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({
        version: act.version + 1,
        title: 'Support NPAs and reviews',
      });
      const stale = await send(secretariat, 'PUT', `/api/plans/frameworks/SPA5/nodes/${act.id}`, {
        version: act.version,
        title: 'lost update',
      });
      expect(stale.statusCode).toBe(409);
      const under = await send(
        secretariat,
        'PUT',
        `/api/plans/frameworks/SPA5/nodes/${target.id}`,
        {
          version: target.version,
          parentId: act.id,
        },
      );
      expect(under.statusCode).toBe(400);
      // Delete area 1's target: its link goes with it.
      const delStale = await send(
        secretariat,
        'DELETE',
        `/api/plans/frameworks/SPA5/nodes/${target.id}?version=9`,
      );
      expect(delStale.statusCode).toBe(409);
      const del = await send(
        secretariat,
        'DELETE',
        `/api/plans/frameworks/SPA5/nodes/${target.id}?version=${target.version}`,
      );
      expect(del.statusCode, del.body).toBe(200);

      const live = await get(
        secretariat,
        '/api/plans/frameworks/SPA5/revisions/diff?from=1&to=live',
      );
      expect(live.statusCode, live.body).toBe(200);
      const liveDiff = live.json();
      expect(liveDiff.removed.map((n: Json) => n.code)).toEqual(['1.1']);
      expect(liveDiff.changed).toEqual([
        {
          kind: 'activity',
          code: 'P 1',
          fields: [
            { field: 'parent', before: '1', after: '2' },
            { field: 'title', before: 'Support NPAs', after: 'Support NPAs and reviews' },
            { field: 'targets', before: ['1.1'], after: [] },
          ],
        },
      ]);
      const fw2 = (await get(secretariat, '/api/plans/frameworks/SPA5')).json() as {
        version: number;
        hasUnpublishedChanges: boolean;
      };
      expect(fw2.hasUnpublishedChanges).toBe(true);
      const p2 = await send(secretariat, 'POST', '/api/plans/frameworks/SPA5/publish', {
        version: fw2.version,
        changeNote: 'Target 1.1 dropped',
      });
      expect(p2.json()).toMatchObject({ revision: 2 });
      const revisions = await get(th, '/api/plans/frameworks/SPA5/revisions');
      expect(revisions.json().map((r: Json) => [r.revision, r.changeNote, r.publishedBy])).toEqual([
        [2, 'Target 1.1 dropped', 'secretariat'],
        [1, 'First draft agreed', 'secretariat'],
      ]);
      const diff = (await get(th, '/api/plans/frameworks/SPA5/revisions/diff?from=1&to=2')).json();
      expect(diff).toMatchObject({ from: 1, to: 2 });
      expect(diff.removed.map((n: Json) => n.code)).toEqual(['1.1']);
      const rev1 = (await get(th, '/api/plans/frameworks/SPA5/revisions/1')).json();
      expect(rev1.nodes.map((n: Json) => n.code).sort()).toEqual(['1', '1.1', '2', 'P 1']);
      expect((await get(th, '/api/plans/frameworks/SPA5/revisions/7')).statusCode).toBe(404);

      expect((await audits('plans.framework_create')).map((a) => a.target_id)).toContain('SPA5');
      const publishes = await audits('plans.framework_publish');
      expect(publishes.filter((a) => a.target_id === 'SPA5')).toHaveLength(2);
      const updates = (await audits('plans.framework_update')).filter(
        (a) => a.target_id === 'SPA5',
      );
      expect(updates.map((a) => (a.details as Json).op)).toEqual([
        'node_add',
        'node_add',
        'node_add',
        'node_add',
        'node_move',
        'node_delete',
      ]);
    });

    it('compares the seeded SPA III revision with its live tree: no differences', async () => {
      const res = await get(th, '/api/plans/frameworks/SPA3/revisions/diff?from=1&to=live');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ added: [], removed: [], changed: [] });
    });

    it('imports SPA III as JSON all-or-nothing, with a dry-run validation report', async () => {
      const base = {
        id: 'SPA3COPY',
        title: 'SPA III copy',
        periodStart: 2011,
        periodEnd: 2013,
        extendedTo: 2014,
      };
      const dry = await send(admin, 'POST', '/api/plans/frameworks/import', {
        ...base,
        format: 'json',
        content: SPA3_JSON,
        dryRun: true,
      });
      expect(dry.statusCode, dry.body).toBe(200);
      const spa3 = JSON.parse(SPA3_JSON) as { targets: unknown[]; activities: unknown[] }[];
      expect(dry.json()).toMatchObject({
        ok: true,
        issues: [],
        framework: null,
        counts: {
          area: 5,
          target: spa3.reduce((n, a) => n + a.targets.length, 0),
          activity: spa3.reduce((n, a) => n + a.activities.length, 0),
        },
      });
      expect(
        await t.handle.db
          .selectFrom('plan_framework')
          .where('id', '=', 'SPA3COPY')
          .select('id')
          .execute(),
      ).toEqual([]);

      // A broken file: an activity linked to a target the file does not define. Nothing written.
      const broken = JSON.parse(SPA3_JSON) as { activities: { targets: string[] }[] }[];
      (broken[0]?.activities[0] as { targets: string[] }).targets = ['1.99'];
      const refused = await send(admin, 'POST', '/api/plans/frameworks/import', {
        ...base,
        format: 'json',
        content: JSON.stringify(broken),
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.details.issues).toEqual([
        { row: 'activity P&C 1', field: 'targets', message: 'names unknown target 1.99' },
      ]);
      expect(
        await t.handle.db
          .selectFrom('plan_framework')
          .where('id', '=', 'SPA3COPY')
          .select('id')
          .execute(),
      ).toEqual([]);

      const ok = await send(admin, 'POST', '/api/plans/frameworks/import', {
        ...base,
        format: 'json',
        content: SPA3_JSON,
      });
      expect(ok.statusCode, ok.body).toBe(201);
      const copy = (await get(th, '/api/plans/frameworks/SPA3COPY')).json() as {
        nodes: Node[];
        status: string;
      };
      expect(copy.status).toBe('Draft');
      const original = (await get(th, '/api/plans/frameworks/SPA3')).json() as { nodes: Node[] };
      const shape = (nodes: Node[]) =>
        flatten(nodes).map((n) => [
          n.kind,
          n.code,
          n.title,
          n.description,
          n.isPriority,
          n.targetIds.length,
          n.mouArticles.length,
        ]);
      expect(shape(copy.nodes)).toEqual(shape(original.nodes));
      const again = await send(admin, 'POST', '/api/plans/frameworks/import', {
        ...base,
        format: 'json',
        content: SPA3_JSON,
      });
      expect(again.statusCode).toBe(400);
      expect(again.json().error.field).toBe('id');
      expect((await audits('plans.framework_import')).map((a) => a.target_id)).toEqual([
        'SPA3COPY',
      ]);
    });

    it('imports a results framework from CSV and reports row-level errors', async () => {
      const base = { id: 'RF1', title: 'Results framework', periodStart: 2020, periodEnd: 2024 };
      const badCsv = [
        'kind,code,parent,title,description,priority,targets',
        'outcome,1,,Victims identified,,,',
        'output,1.1,1,"Procedures, agreed",,,',
        'output,1.2,7,Orphan,,,',
        'widget,1.3,1,Bad kind,,,',
      ].join('\n');
      const dry = await send(secretariat, 'POST', '/api/plans/frameworks/import', {
        ...base,
        format: 'csv',
        content: badCsv,
        dryRun: true,
      });
      expect(dry.statusCode, dry.body).toBe(200);
      expect(dry.json().ok).toBe(false);
      expect(dry.json().issues).toEqual([
        {
          row: '5',
          field: 'kind',
          message: 'must be one of area, outcome, output, target, activity',
        },
        { row: 'output 1.2', field: 'parent', message: 'names no area/outcome 7' },
      ]);
      const good = badCsv.split('\n').slice(0, 3).join('\n');
      const res = await send(secretariat, 'POST', '/api/plans/frameworks/import', {
        ...base,
        format: 'csv',
        content: good,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        ok: true,
        structure: 'results',
        counts: { outcome: 1, output: 1 },
      });
      const tree = (await get(th, '/api/plans/frameworks/RF1')).json() as {
        nodes: Node[];
        structure: string;
      };
      expect(tree.structure).toBe('results');
      expect(tree.nodes[0]?.children[0]).toMatchObject({
        code: '1.1',
        title: 'Procedures, agreed',
      });
    });
  });
}
