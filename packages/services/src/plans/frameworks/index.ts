import type { Database } from '@ctip/db';
import {
  DomainError,
  diffSnapshots,
  type FrameworkCreateInput,
  FrameworkCreateInputSchema,
  type FrameworkDiff,
  type FrameworkImportInput,
  FrameworkImportInputSchema,
  type FrameworkNodeView,
  type FrameworkRevisionSummary,
  type FrameworkStatus,
  type FrameworkStructure,
  type FrameworkSummary,
  type FrameworkTree,
  type FrameworkUpdateInput,
  FrameworkUpdateInputSchema,
  type ImportIssue,
  isAllowedChild,
  type NodeCreateInput,
  NodeCreateInputSchema,
  NodeDeleteInputSchema,
  type NodeUpdateInput,
  NodeUpdateInputSchema,
  type PlanNodeKind,
  type PublishInput,
  PublishInputSchema,
  readFrameworkImport,
  type SnapshotNode,
} from '@ctip/domain';
import type { Kysely, Selectable } from 'kysely';
import { authorize } from '../../common/access';
import { isoOf } from '../../common/iso-date';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import {
  audit,
  expectOneUpdated,
  givenColumns,
  invalid,
  notFound,
  staleVersion,
  type Trx,
} from '../common';

// Plans, frameworks area: SPA frameworks as trees (read for every plan user; edited, published
// and imported by the Secretariat and administrators). Frameworks are regional: no country scope.

type Reader = Kysely<Database> | Trx;
type NodeRow = Selectable<Database['plan_node']>;
type FrameworkRow = Selectable<Database['plan_framework']>;

const byNatural = new Intl.Collator('en', { numeric: true }).compare;

function summaryOf(f: FrameworkRow, nodeCount: number): FrameworkSummary {
  return {
    id: f.id,
    title: f.title,
    shortTitle: f.short_title,
    structure: f.structure as FrameworkStructure,
    periodStart: f.period_start,
    periodEnd: f.period_end,
    extendedTo: f.extended_to,
    status: f.status as FrameworkStatus,
    revision: f.revision,
    hasUnpublishedChanges: f.has_unpublished_changes,
    source: f.source,
    note: f.note,
    isSeeded: f.is_seeded,
    version: f.version,
    nodeCount,
  };
}

async function loadFramework(db: Reader, id: string): Promise<FrameworkRow> {
  const f = await db
    .selectFrom('plan_framework')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!f) {
    throw notFound('framework');
  }
  return f;
}

async function loadTreeRows(db: Reader, id: string) {
  const [nodes, links, articles] = await Promise.all([
    db.selectFrom('plan_node').selectAll().where('framework_id', '=', id).execute(),
    db
      .selectFrom('plan_node_link')
      .innerJoin('plan_node', 'plan_node.id', 'plan_node_link.activity_id')
      .select(['plan_node_link.activity_id', 'plan_node_link.target_id'])
      .where('plan_node.framework_id', '=', id)
      .execute(),
    db
      .selectFrom('plan_node_mou_article')
      .innerJoin('plan_node', 'plan_node.id', 'plan_node_mou_article.node_id')
      .select([
        'plan_node_mou_article.node_id',
        'plan_node_mou_article.article',
        'plan_node_mou_article.text_as_listed',
      ])
      .where('plan_node.framework_id', '=', id)
      .execute(),
  ]);
  return { nodes, links, articles };
}

function buildTree(rows: Awaited<ReturnType<typeof loadTreeRows>>): FrameworkNodeView[] {
  const views = new Map<string, FrameworkNodeView>();
  for (const n of rows.nodes) {
    views.set(n.id, {
      id: n.id,
      kind: n.kind as PlanNodeKind,
      code: n.code,
      parentId: n.parent_id,
      title: n.title,
      description: n.description,
      isPriority: n.is_priority,
      activityCodePrefix: n.activity_code_prefix,
      mouSection: n.mou_section,
      position: n.position,
      source: n.source,
      version: n.version,
      targetIds: [],
      mouArticles: [],
      children: [],
    });
  }
  for (const l of rows.links) {
    views.get(l.activity_id)?.targetIds.push(l.target_id);
  }
  for (const a of [...rows.articles].sort((x, y) => x.article - y.article)) {
    views.get(a.node_id)?.mouArticles.push({ article: a.article, textAsListed: a.text_as_listed });
  }
  const roots: FrameworkNodeView[] = [];
  for (const v of views.values()) {
    const parent = v.parentId ? views.get(v.parentId) : undefined;
    (parent ? parent.children : roots).push(v);
  }
  const kindOrder: Record<string, number> = { target: 0, output: 0, activity: 1 };
  const sort = (list: FrameworkNodeView[]) => {
    list.sort(
      (a, b) =>
        (kindOrder[a.kind] ?? 0) - (kindOrder[b.kind] ?? 0) ||
        a.position - b.position ||
        byNatural(a.code, b.code),
    );
    for (const v of list) {
      sort(v.children);
      v.targetIds.sort();
    }
  };
  sort(roots);
  return roots;
}

/** The snapshot stored in plan_framework_revision: the rows as they stood (seed format). */
function snapshotOf(rows: Awaited<ReturnType<typeof loadTreeRows>>) {
  return {
    nodes: rows.nodes.map((n) => ({
      id: n.id,
      framework_id: n.framework_id,
      parent_id: n.parent_id,
      kind: n.kind,
      code: n.code,
      title: n.title,
      description: n.description,
      is_priority: n.is_priority,
      activity_code_prefix: n.activity_code_prefix,
      mou_section: n.mou_section,
      position: n.position,
      source: n.source,
    })),
    links: rows.links,
    mouArticles: rows.articles.map((a) => ({
      node_id: a.node_id,
      article: a.article,
      text_as_listed: a.text_as_listed,
    })),
  };
}

type StoredSnapshot = {
  nodes?: {
    id: string;
    parent_id: string | null;
    kind: string;
    code: string;
    title: string | null;
    description?: string | null;
    is_priority?: boolean;
    position?: number;
  }[];
  links?: { activity_id: string; target_id: string }[];
  mouArticles?: { node_id: string; article: number }[];
};

function parseSnapshot(v: unknown): StoredSnapshot {
  const parsed = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  return (parsed ?? {}) as StoredSnapshot;
}

/** Snapshot rows as diffable nodes, keyed by kind + code (parents and targets by code). */
function snapshotNodes(s: StoredSnapshot): SnapshotNode[] {
  const nodes = s.nodes ?? [];
  const codeOf = new Map(nodes.map((n) => [n.id, n.code]));
  return nodes.map((n) => ({
    kind: n.kind,
    code: n.code,
    parent: n.parent_id ? (codeOf.get(n.parent_id) ?? null) : null,
    title: n.title,
    description: n.description ?? null,
    isPriority: n.is_priority ?? false,
    position: n.position ?? 0,
    targets: (s.links ?? [])
      .filter((l) => l.activity_id === n.id)
      .map((l) => codeOf.get(l.target_id) ?? '')
      .sort(byNatural),
    mouArticles: (s.mouArticles ?? [])
      .filter((m) => m.node_id === n.id)
      .map((m) => m.article)
      .sort((a, b) => a - b),
  }));
}

/**
 * Every framework, newest period first, with its node count.
 * @throws FORBIDDEN (audited) without plan_framework:read
 */
export async function listFrameworks(args: {
  ctx: ServiceContext;
  auth: AuthContext;
}): Promise<FrameworkSummary[]> {
  const { ctx, auth } = args;
  await authorize(ctx, auth, 'read', 'plan_framework');
  const [frameworks, counts] = await Promise.all([
    ctx.db.selectFrom('plan_framework').selectAll().execute(),
    ctx.db
      .selectFrom('plan_node')
      .select(['framework_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('framework_id')
      .execute(),
  ]);
  const n = new Map(counts.map((c) => [c.framework_id, Number(c.n)]));
  return frameworks
    .sort((a, b) => b.period_start - a.period_start || byNatural(a.id, b.id))
    .map((f) => summaryOf(f, n.get(f.id) ?? 0));
}

/**
 * One framework with its live tree: top-level nodes (areas / outcomes) with their children
 * (targets before activities, then by position), activities' linked target ids and areas' MoU
 * articles. For other areas of the plans module to pick nodes from.
 * @throws NOT_FOUND, FORBIDDEN (audited) without plan_framework:read
 */
export async function getFrameworkTree(
  ctx: ServiceContext,
  auth: AuthContext,
  id: string,
): Promise<FrameworkTree> {
  await authorize(ctx, auth, 'read', 'plan_framework');
  const f = await loadFramework(ctx.db, id);
  const rows = await loadTreeRows(ctx.db, id);
  return { ...summaryOf(f, rows.nodes.length), nodes: buildTree(rows) };
}

/** The framework tree as a route handler calls it. */
export async function getFramework(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<FrameworkTree> {
  return getFrameworkTree(args.ctx, args.auth, args.id);
}

/**
 * Create a framework (a new SPA) by form: an empty Draft tree at revision 0.
 * @throws INVALID_INPUT (field named), CONFLICT when the id is taken, FORBIDDEN (audited)
 */
export async function createFramework(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: FrameworkCreateInput;
}): Promise<FrameworkTree> {
  const { ctx, auth } = args;
  const input = parseInput(FrameworkCreateInputSchema, args.input);
  await authorize(ctx, auth, 'create', 'plan_framework');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await insertFramework(trx, input, now);
    await audit(
      trx,
      now,
      auth,
      'plans.framework_create',
      { type: 'plan_framework', id: input.id },
      {
        title: input.title,
        structure: input.structure,
      },
    );
  });
  return getFrameworkTree(ctx, auth, input.id);
}

async function insertFramework(
  trx: Trx,
  input: Omit<FrameworkCreateInput, 'structure'> & { structure: FrameworkStructure },
  now: Date,
): Promise<void> {
  const taken = await trx
    .selectFrom('plan_framework')
    .select('id')
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (taken) {
    throw new DomainError('CONFLICT', `id: framework ${input.id} exists already`, { field: 'id' });
  }
  await trx
    .insertInto('plan_framework')
    .values({
      id: input.id,
      title: input.title,
      short_title: input.shortTitle ?? null,
      structure: input.structure,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      extended_to: input.extendedTo ?? null,
      status: 'Draft',
      revision: 0,
      has_unpublished_changes: true,
      source: input.source ?? null,
      note: input.note ?? null,
      is_seeded: false,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/**
 * Change a framework's header (title, period, extension, note, status).
 * @throws INVALID_INPUT, NOT_FOUND, CONFLICT on a stale version, FORBIDDEN (audited)
 */
export async function updateFramework(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: FrameworkUpdateInput;
}): Promise<FrameworkTree> {
  const { ctx, auth, id } = args;
  const input = parseInput(FrameworkUpdateInputSchema, args.input);
  await authorize(ctx, auth, 'update', 'plan_framework');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const f = await loadFramework(trx, id);
    const start = input.periodStart ?? f.period_start;
    const end = input.periodEnd ?? f.period_end;
    const ext = input.extendedTo === undefined ? f.extended_to : input.extendedTo;
    if (end < start) {
      throw invalid('periodEnd', 'must not be before periodStart');
    }
    if (ext !== null && ext < end) {
      throw invalid('extendedTo', 'must not be before periodEnd');
    }
    const changed = givenColumns(input, {
      title: 'title',
      shortTitle: 'short_title',
      periodStart: 'period_start',
      periodEnd: 'period_end',
      extendedTo: 'extended_to',
      source: 'source',
      note: 'note',
      status: 'status',
    });
    const res = await trx
      .updateTable('plan_framework')
      .set({ ...changed, version: f.version + 1, updated_at: now })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    expectOneUpdated(res, () => staleVersion('framework'));
    await audit(
      trx,
      now,
      auth,
      'plans.framework_update',
      { type: 'plan_framework', id },
      {
        fields: Object.keys(changed),
      },
    );
  });
  return getFrameworkTree(ctx, auth, id);
}

async function checkPlacement(
  trx: Trx,
  f: FrameworkRow,
  kind: PlanNodeKind,
  parentId: string | null,
  selfId: string | null,
): Promise<void> {
  let parentKind: PlanNodeKind | null = null;
  if (parentId !== null) {
    const parent = await trx
      .selectFrom('plan_node')
      .select(['kind', 'framework_id'])
      .where('id', '=', parentId)
      .executeTakeFirst();
    if (!parent || parent.framework_id !== f.id || parentId === selfId) {
      throw invalid('parentId', 'is not a node of this framework');
    }
    parentKind = parent.kind as PlanNodeKind;
  }
  if (!isAllowedChild(f.structure as FrameworkStructure, parentKind, kind)) {
    throw invalid(
      'parentId',
      `a ${kind} cannot sit ${parentKind ? `under a ${parentKind}` : 'at the top level'} in a ${f.structure} framework`,
    );
  }
}

async function writeLinksAndArticles(
  trx: Trx,
  f: FrameworkRow,
  nodeId: string,
  kind: PlanNodeKind,
  input: Pick<NodeCreateInput, 'targetIds' | 'mouArticles'>,
): Promise<void> {
  if (input.targetIds !== undefined) {
    if (input.targetIds.length > 0 && kind !== 'activity') {
      throw invalid('targetIds', 'only activities link to targets');
    }
    const ids = [...new Set(input.targetIds)];
    if (ids.length > 0) {
      const targets = await trx
        .selectFrom('plan_node')
        .select('id')
        .where('id', 'in', ids)
        .where('framework_id', '=', f.id)
        .where('kind', '=', 'target')
        .execute();
      if (targets.length !== ids.length) {
        throw invalid('targetIds', 'names a node that is not a target of this framework');
      }
    }
    await trx.deleteFrom('plan_node_link').where('activity_id', '=', nodeId).execute();
    if (ids.length > 0) {
      await trx
        .insertInto('plan_node_link')
        .values(ids.map((target_id) => ({ activity_id: nodeId, target_id })))
        .execute();
    }
  }
  if (input.mouArticles !== undefined) {
    const articles = input.mouArticles;
    if (articles.length > 0) {
      const known = await trx
        .selectFrom('mou_article')
        .select('article')
        .where(
          'article',
          'in',
          articles.map((a) => a.article),
        )
        .execute();
      const have = new Set(known.map((k) => k.article));
      const i = articles.findIndex((a) => !have.has(a.article));
      if (i >= 0) {
        throw invalid(`mouArticles.${i}.article`, 'is not an article of the MoU');
      }
      if (new Set(articles.map((a) => a.article)).size !== articles.length) {
        throw invalid('mouArticles', 'lists an article twice');
      }
    }
    await trx.deleteFrom('plan_node_mou_article').where('node_id', '=', nodeId).execute();
    if (articles.length > 0) {
      await trx
        .insertInto('plan_node_mou_article')
        .values(
          articles.map((a) => ({
            node_id: nodeId,
            article: a.article,
            text_as_listed: a.textAsListed,
          })),
        )
        .execute();
    }
  }
}

async function codeTaken(
  trx: Trx,
  frameworkId: string,
  kind: string,
  code: string,
  selfId: string | null,
): Promise<boolean> {
  let q = trx
    .selectFrom('plan_node')
    .select('id')
    .where('framework_id', '=', frameworkId)
    .where('kind', '=', kind)
    .where('code', '=', code);
  if (selfId) {
    q = q.where('id', '<>', selfId);
  }
  return (await q.executeTakeFirst()) !== undefined;
}

async function markChanged(trx: Trx, frameworkId: string, now: Date): Promise<void> {
  await trx
    .updateTable('plan_framework')
    .set({ has_unpublished_changes: true, updated_at: now })
    .where('id', '=', frameworkId)
    .execute();
}

/**
 * Add a node to the live tree (unpublished until the next publish).
 * @throws INVALID_INPUT (a kind the structure does not allow there, unknown targets/articles),
 *   CONFLICT (code taken for the kind), NOT_FOUND, FORBIDDEN (audited)
 */
export async function addFrameworkNode(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  frameworkId: string;
  input: NodeCreateInput;
}): Promise<FrameworkNodeView> {
  const { ctx, auth, frameworkId } = args;
  const input = parseInput(NodeCreateInputSchema, args.input);
  await authorize(ctx, auth, 'update', 'plan_framework');
  const now = ctx.now();
  const id = crypto.randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    const f = await loadFramework(trx, frameworkId);
    await checkPlacement(trx, f, input.kind, input.parentId, null);
    if (await codeTaken(trx, frameworkId, input.kind, input.code, null)) {
      throw new DomainError('CONFLICT', `code: a ${input.kind} ${input.code} exists already`, {
        field: 'code',
      });
    }
    let position = input.position;
    if (position === undefined) {
      const last = await trx
        .selectFrom('plan_node')
        .select((eb) => eb.fn.max('position').as('p'))
        .where('framework_id', '=', frameworkId)
        .where('kind', '=', input.kind)
        .where((eb) =>
          input.parentId === null
            ? eb('parent_id', 'is', null)
            : eb('parent_id', '=', input.parentId),
        )
        .executeTakeFirst();
      position = Number(last?.p ?? 0) + 1;
    }
    await trx
      .insertInto('plan_node')
      .values({
        id,
        framework_id: frameworkId,
        parent_id: input.parentId,
        kind: input.kind,
        code: input.code,
        title: input.title ?? null,
        description: input.description ?? null,
        is_priority: input.isPriority ?? false,
        activity_code_prefix: input.activityCodePrefix ?? null,
        mou_section: input.mouSection ?? null,
        position,
        source: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await writeLinksAndArticles(trx, f, id, input.kind, input);
    await markChanged(trx, frameworkId, now);
    await audit(
      trx,
      now,
      auth,
      'plans.framework_update',
      { type: 'plan_framework', id: frameworkId },
      {
        op: 'node_add',
        nodeId: id,
        kind: input.kind,
        code: input.code,
      },
    );
  });
  return nodeView(ctx.db, frameworkId, id);
}

async function nodeView(db: Reader, frameworkId: string, id: string): Promise<FrameworkNodeView> {
  const rows = await loadTreeRows(db, frameworkId);
  const find = (list: FrameworkNodeView[]): FrameworkNodeView | undefined => {
    for (const v of list) {
      if (v.id === id) {
        return v;
      }
      const hit = find(v.children);
      if (hit) {
        return hit;
      }
    }
    return undefined;
  };
  const v = find(buildTree(rows));
  if (!v) {
    throw notFound('node');
  }
  return v;
}

async function loadNode(trx: Trx, frameworkId: string, nodeId: string): Promise<NodeRow> {
  const node = await trx
    .selectFrom('plan_node')
    .selectAll()
    .where('id', '=', nodeId)
    .where('framework_id', '=', frameworkId)
    .executeTakeFirst();
  if (!node) {
    throw notFound('node');
  }
  return node;
}

/**
 * Edit or move a node (a new parentId and/or position moves it), its links and MoU articles.
 * @throws INVALID_INPUT, NOT_FOUND, CONFLICT (stale version or code taken), FORBIDDEN (audited)
 */
export async function updateFrameworkNode(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  frameworkId: string;
  nodeId: string;
  input: NodeUpdateInput;
}): Promise<FrameworkNodeView> {
  const { ctx, auth, frameworkId, nodeId } = args;
  const input = parseInput(NodeUpdateInputSchema, args.input);
  await authorize(ctx, auth, 'update', 'plan_framework');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const f = await loadFramework(trx, frameworkId);
    const node = await loadNode(trx, frameworkId, nodeId);
    const kind = node.kind as PlanNodeKind;
    if (input.parentId !== undefined && input.parentId !== node.parent_id) {
      await checkPlacement(trx, f, kind, input.parentId, nodeId);
    }
    if (input.code !== undefined && (await codeTaken(trx, frameworkId, kind, input.code, nodeId))) {
      throw new DomainError('CONFLICT', `code: a ${kind} ${input.code} exists already`, {
        field: 'code',
      });
    }
    const changed = givenColumns(input, {
      parentId: 'parent_id',
      code: 'code',
      title: 'title',
      description: 'description',
      isPriority: 'is_priority',
      activityCodePrefix: 'activity_code_prefix',
      mouSection: 'mou_section',
      position: 'position',
    });
    const res = await trx
      .updateTable('plan_node')
      .set({ ...changed, version: node.version + 1, updated_at: now })
      .where('id', '=', nodeId)
      .where('version', '=', input.version)
      .executeTakeFirst();
    expectOneUpdated(res, () => staleVersion('node'));
    await writeLinksAndArticles(trx, f, nodeId, kind, input);
    await markChanged(trx, frameworkId, now);
    await audit(
      trx,
      now,
      auth,
      'plans.framework_update',
      { type: 'plan_framework', id: frameworkId },
      {
        op:
          input.parentId !== undefined || input.position !== undefined ? 'node_move' : 'node_edit',
        nodeId,
        fields: [
          ...Object.keys(changed),
          ...(input.targetIds !== undefined ? ['targetIds'] : []),
          ...(input.mouArticles !== undefined ? ['mouArticles'] : []),
        ],
      },
    );
  });
  return nodeView(ctx.db, frameworkId, nodeId);
}

/**
 * Delete a node and (cascade) its children and links. Refused while a workplan, indicator or
 * training uses it or one of its children.
 * @throws NOT_FOUND, CONFLICT (stale version, or the node is in use), FORBIDDEN (audited)
 */
export async function deleteFrameworkNode(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  frameworkId: string;
  nodeId: string;
  input: { version: number };
}): Promise<{ deleted: string }> {
  const { ctx, auth, frameworkId, nodeId } = args;
  const input = parseInput(NodeDeleteInputSchema, args.input);
  await authorize(ctx, auth, 'update', 'plan_framework');
  const now = ctx.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const node = await loadNode(trx, frameworkId, nodeId);
      if (node.version !== input.version) {
        throw staleVersion('node');
      }
      const ids = [nodeId, ...(await childIds(trx, nodeId))];
      const used = await trx
        .selectFrom('workplan_activity')
        .select('id')
        .where('node_id', 'in', ids)
        .executeTakeFirst();
      if (used) {
        throw new DomainError('CONFLICT', 'The node is used by a workplan and cannot be deleted');
      }
      await trx.deleteFrom('plan_node').where('id', '=', nodeId).execute();
      await markChanged(trx, frameworkId, now);
      await audit(
        trx,
        now,
        auth,
        'plans.framework_update',
        { type: 'plan_framework', id: frameworkId },
        {
          op: 'node_delete',
          nodeId,
          kind: node.kind,
          code: node.code,
        },
      );
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23503') {
      throw new DomainError('CONFLICT', 'The node is in use elsewhere and cannot be deleted');
    }
    throw e;
  }
  return { deleted: nodeId };
}

async function childIds(trx: Trx, id: string): Promise<string[]> {
  const children = await trx
    .selectFrom('plan_node')
    .select('id')
    .where('parent_id', '=', id)
    .execute();
  const out: string[] = [];
  for (const c of children) {
    out.push(c.id, ...(await childIds(trx, c.id)));
  }
  return out;
}

/**
 * Publish the live tree as the next numbered revision with a change note.
 * @throws INVALID_INPUT (changeNote), NOT_FOUND, CONFLICT on a stale version, FORBIDDEN (audited)
 */
export async function publishFramework(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: PublishInput;
}): Promise<FrameworkTree> {
  const { ctx, auth, id } = args;
  const input = parseInput(PublishInputSchema, args.input);
  await authorize(ctx, auth, 'update', 'plan_framework');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const f = await loadFramework(trx, id);
    const revision = f.revision + 1;
    const res = await trx
      .updateTable('plan_framework')
      .set({
        revision,
        status: 'Published',
        has_unpublished_changes: false,
        version: f.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    expectOneUpdated(res, () => staleVersion('framework'));
    const rows = await loadTreeRows(trx, id);
    await trx
      .insertInto('plan_framework_revision')
      .values({
        framework_id: id,
        revision,
        snapshot: JSON.stringify(snapshotOf(rows)),
        change_note: input.changeNote,
        published_by: auth.actor.userId,
        published_at: now,
      })
      .execute();
    await audit(
      trx,
      now,
      auth,
      'plans.framework_publish',
      { type: 'plan_framework', id },
      {
        revision,
        changeNote: input.changeNote,
        nodeCount: rows.nodes.length,
      },
    );
  });
  return getFrameworkTree(ctx, auth, id);
}

/**
 * The published revisions of a framework, newest first.
 * @throws NOT_FOUND, FORBIDDEN (audited)
 */
export async function listFrameworkRevisions(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<FrameworkRevisionSummary[]> {
  const { ctx, auth, id } = args;
  await authorize(ctx, auth, 'read', 'plan_framework');
  await loadFramework(ctx.db, id);
  const rows = await ctx.db
    .selectFrom('plan_framework_revision')
    .leftJoin('app_user', 'app_user.id', 'plan_framework_revision.published_by')
    .select([
      'plan_framework_revision.revision',
      'plan_framework_revision.change_note',
      'plan_framework_revision.published_at',
      'plan_framework_revision.snapshot',
      'app_user.username',
    ])
    .where('plan_framework_revision.framework_id', '=', id)
    .orderBy('plan_framework_revision.revision', 'desc')
    .execute();
  return rows.map((r) => ({
    revision: r.revision,
    changeNote: r.change_note,
    publishedBy: r.username ?? null,
    publishedAt: isoOf(r.published_at),
    nodeCount: parseSnapshot(r.snapshot).nodes?.length ?? 0,
  }));
}

async function revisionNodes(
  db: Reader,
  id: string,
  revision: number | 'live',
): Promise<SnapshotNode[]> {
  if (revision === 'live') {
    return snapshotNodes(snapshotOf(await loadTreeRows(db, id)));
  }
  const row = await db
    .selectFrom('plan_framework_revision')
    .select('snapshot')
    .where('framework_id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  if (!row) {
    throw notFound('revision');
  }
  return snapshotNodes(parseSnapshot(row.snapshot));
}

/**
 * One published revision as diffable nodes (kind, code, parent code, title, targets by code).
 * @throws NOT_FOUND, FORBIDDEN (audited)
 */
export async function getFrameworkRevision(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  revision: number;
}): Promise<{ revision: number; nodes: SnapshotNode[] }> {
  const { ctx, auth, id, revision } = args;
  await authorize(ctx, auth, 'read', 'plan_framework');
  await loadFramework(ctx.db, id);
  return { revision, nodes: await revisionNodes(ctx.db, id, revision) };
}

/**
 * What changed between two revisions (`to` = 'live' compares with the unpublished live tree).
 * @throws NOT_FOUND, FORBIDDEN (audited)
 */
export async function diffFrameworkRevisions(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  from: number;
  to: number | 'live';
}): Promise<FrameworkDiff> {
  const { ctx, auth, id, from, to } = args;
  await authorize(ctx, auth, 'read', 'plan_framework');
  const f = await loadFramework(ctx.db, id);
  const [a, b] = await Promise.all([
    revisionNodes(ctx.db, id, from),
    revisionNodes(ctx.db, id, to),
  ]);
  return diffSnapshots(
    { revision: from, nodes: a },
    { revision: to === 'live' ? f.revision + 1 : to, nodes: b },
  );
}

export type FrameworkImportReport = {
  ok: boolean;
  dryRun: boolean;
  structure: FrameworkStructure;
  counts: Record<string, number>;
  issues: ImportIssue[];
  framework: FrameworkTree | null;
};

/**
 * Import a whole framework from JSON (the shape of spa3-framework.json) or CSV, all or nothing:
 * the whole file is checked first and the validation report lists every problem; with any
 * problem (or `dryRun`) nothing is written. The framework arrives as a Draft at revision 0.
 * @throws INVALID_INPUT (fields, or `content` with the report in details.issues when the file has
 *   problems), CONFLICT when the id is taken, FORBIDDEN (audited)
 */
export async function importFramework(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: FrameworkImportInput;
}): Promise<FrameworkImportReport> {
  const { ctx, auth } = args;
  const input = parseInput(FrameworkImportInputSchema, args.input);
  await authorize(ctx, auth, 'create', 'plan_framework');
  const { structure, nodes, issues } = readFrameworkImport(input.format, input.content);
  const articles = [...new Set(nodes.flatMap((n) => n.mouArticles.map((m) => m.article)))];
  if (articles.length > 0) {
    const known = await ctx.db
      .selectFrom('mou_article')
      .select('article')
      .where('article', 'in', articles)
      .execute();
    const have = new Set(known.map((k) => k.article));
    for (const n of nodes) {
      for (const m of n.mouArticles) {
        if (!have.has(m.article)) {
          issues.push({
            row: `${n.kind} ${n.code}`,
            field: 'mou_articles',
            message: `${m.article} is not an article of the MoU`,
          });
        }
      }
    }
  }
  const taken = await ctx.db
    .selectFrom('plan_framework')
    .select('id')
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (taken) {
    issues.push({ row: '$', field: 'id', message: `framework ${input.id} exists already` });
  }
  const counts: Record<string, number> = {};
  for (const n of nodes) {
    counts[n.kind] = (counts[n.kind] ?? 0) + 1;
  }
  counts.links = nodes.reduce((s, n) => s + n.targets.length, 0);
  const report = {
    ok: issues.length === 0,
    dryRun: input.dryRun ?? false,
    structure,
    counts,
    issues,
  };
  if (input.dryRun) {
    return { ...report, framework: null };
  }
  if (issues.length > 0) {
    const first = issues[0] as ImportIssue;
    throw new DomainError(
      'INVALID_INPUT',
      `content: ${issues.length} problem(s), first at ${first.row}: ${first.field} ${first.message}`,
      { field: first.field === 'id' ? 'id' : 'content', details: { issues, counts } },
    );
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await insertFramework(trx, { ...input, structure }, now);
    const ids = new Map<string, string>();
    for (const n of nodes) {
      ids.set(`${n.kind}\u0000${n.code}`, crypto.randomUUID());
    }
    const parentId = (code: string | null) =>
      code === null
        ? null
        : (ids.get(`area\u0000${code}`) ?? ids.get(`outcome\u0000${code}`) ?? null);
    const rows = nodes.map((n) => ({
      id: ids.get(`${n.kind}\u0000${n.code}`) as string,
      framework_id: input.id,
      parent_id: parentId(n.parent),
      kind: n.kind,
      code: n.code,
      title: n.title,
      description: n.description,
      is_priority: n.isPriority,
      activity_code_prefix: n.activityCodePrefix,
      mou_section: n.mouSection,
      position: n.position,
      source: input.source ?? null,
      created_at: now,
      updated_at: now,
    }));
    // Parents first (top-level nodes), then their children.
    const top = rows.filter((r) => r.parent_id === null);
    const rest = rows.filter((r) => r.parent_id !== null);
    for (const part of [top, rest]) {
      for (let i = 0; i < part.length; i += 500) {
        await trx
          .insertInto('plan_node')
          .values(part.slice(i, i + 500))
          .execute();
      }
    }
    const links = nodes.flatMap((n) =>
      n.targets.map((t) => ({
        activity_id: ids.get(`${n.kind}\u0000${n.code}`) as string,
        target_id: ids.get(`target\u0000${t}`) as string,
      })),
    );
    const unique = [...new Map(links.map((l) => [`${l.activity_id}${l.target_id}`, l])).values()];
    for (let i = 0; i < unique.length; i += 500) {
      await trx
        .insertInto('plan_node_link')
        .values(unique.slice(i, i + 500))
        .execute();
    }
    const mou = nodes.flatMap((n) =>
      n.mouArticles.map((m) => ({
        node_id: ids.get(`${n.kind}\u0000${n.code}`) as string,
        article: m.article,
        text_as_listed: m.textAsListed,
      })),
    );
    if (mou.length > 0) {
      await trx.insertInto('plan_node_mou_article').values(mou).execute();
    }
    await audit(
      trx,
      now,
      auth,
      'plans.framework_import',
      { type: 'plan_framework', id: input.id },
      {
        format: input.format,
        structure,
        counts,
      },
    );
  });
  return { ...report, framework: await getFrameworkTree(ctx, auth, input.id) };
}
