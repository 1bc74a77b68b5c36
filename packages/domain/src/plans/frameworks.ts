import { z } from 'zod';

// Plan frameworks (SPA I-IV or any results framework) as trees. Two structures:
// - `areas` (SPA I-III): area > target and area > activity; activities link to targets.
// - `results` (SPA IV): outcome > output.
// A title or description left null is "not given in the source" (shown so, never invented).

export const FRAMEWORK_STRUCTURES = ['areas', 'results'] as const;
export type FrameworkStructure = (typeof FRAMEWORK_STRUCTURES)[number];
export const PLAN_NODE_KINDS = ['area', 'outcome', 'output', 'target', 'activity'] as const;
export type PlanNodeKind = (typeof PLAN_NODE_KINDS)[number];
export const FRAMEWORK_STATUSES = ['Draft', 'Published', 'Archived'] as const;
export type FrameworkStatus = (typeof FRAMEWORK_STATUSES)[number];

/** The kinds a node may have under a parent kind (`null` = top level) in each structure. */
export const CHILD_KINDS: Readonly<
  Record<FrameworkStructure, Readonly<Record<'root' | PlanNodeKind, readonly PlanNodeKind[]>>>
> = {
  areas: {
    root: ['area'],
    area: ['target', 'activity'],
    outcome: [],
    output: [],
    target: [],
    activity: [],
  },
  results: {
    root: ['outcome'],
    outcome: ['output'],
    area: [],
    output: [],
    target: [],
    activity: [],
  },
};

/** Whether a node of `kind` may sit under a parent of `parentKind` (null = top level). */
export function isAllowedChild(
  structure: FrameworkStructure,
  parentKind: PlanNodeKind | null,
  kind: PlanNodeKind,
): boolean {
  return CHILD_KINDS[structure][parentKind ?? 'root'].includes(kind);
}

export const FrameworkIdSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,19}$/, 'must be 2-20 capital letters, digits or _ (e.g. SPA5)');
const Year = z.number().int().min(1990).max(2100);
const OptText = z.string().trim().max(4000).nullable().optional();
const NodeCode = z.string().trim().min(1).max(30);

const FrameworkFields = {
  title: z.string().trim().min(1).max(500),
  shortTitle: z.string().trim().max(60).nullable().optional(),
  periodStart: Year,
  periodEnd: Year,
  extendedTo: Year.nullable().optional(),
  source: OptText,
  note: OptText,
};

function checkPeriod(
  v: { periodStart?: number; periodEnd?: number; extendedTo?: number | null },
  ctx: z.RefinementCtx,
): void {
  if (v.periodStart !== undefined && v.periodEnd !== undefined && v.periodEnd < v.periodStart) {
    ctx.addIssue({
      code: 'custom',
      path: ['periodEnd'],
      message: 'must not be before periodStart',
    });
  }
  if (
    v.extendedTo !== undefined &&
    v.extendedTo !== null &&
    v.periodEnd !== undefined &&
    v.extendedTo < v.periodEnd
  ) {
    ctx.addIssue({ code: 'custom', path: ['extendedTo'], message: 'must not be before periodEnd' });
  }
}

/** A new framework (a new SPA) made by form: an empty Draft tree. */
export const FrameworkCreateInputSchema = z
  .strictObject({
    id: FrameworkIdSchema,
    structure: z.enum(FRAMEWORK_STRUCTURES),
    ...FrameworkFields,
  })
  .superRefine(checkPeriod);
export type FrameworkCreateInput = z.infer<typeof FrameworkCreateInputSchema>;

/** Change a framework's header fields; `version` is the one read (409 when stale). */
export const FrameworkUpdateInputSchema = z
  .strictObject({
    version: z.number().int().min(1),
    title: FrameworkFields.title.optional(),
    shortTitle: FrameworkFields.shortTitle,
    periodStart: Year.optional(),
    periodEnd: Year.optional(),
    extendedTo: FrameworkFields.extendedTo,
    source: OptText,
    note: OptText,
    status: z.enum(FRAMEWORK_STATUSES).optional(),
  })
  .superRefine(checkPeriod);
export type FrameworkUpdateInput = z.infer<typeof FrameworkUpdateInputSchema>;

const MouArticleInput = z.strictObject({
  article: z.number().int().min(1).max(99),
  textAsListed: z.string().trim().min(1).max(2000),
});

/** The node fields both adding and editing a node take. */
const nodeFields = {
  title: OptText,
  description: OptText,
  isPriority: z.boolean().optional(),
  activityCodePrefix: z.string().trim().max(10).nullable().optional(),
  mouSection: OptText,
  position: z.number().int().min(0).max(10000).optional(),
  targetIds: z.array(z.uuid()).max(100).optional(),
  mouArticles: z.array(MouArticleInput).max(40).optional(),
};

/** Add a node. `parentId` null = top level; `targetIds` only for activities. */
export const NodeCreateInputSchema = z.strictObject({
  kind: z.enum(PLAN_NODE_KINDS),
  parentId: z.uuid().nullable(),
  code: NodeCode,
  ...nodeFields,
});
export type NodeCreateInput = z.infer<typeof NodeCreateInputSchema>;

/** Edit or move a node (a new parentId/position moves it); `version` is the node's. */
export const NodeUpdateInputSchema = z.strictObject({
  version: z.number().int().min(1),
  parentId: z.uuid().nullable().optional(),
  code: NodeCode.optional(),
  ...nodeFields,
});
export type NodeUpdateInput = z.infer<typeof NodeUpdateInputSchema>;

export const NodeDeleteInputSchema = z.strictObject({ version: z.number().int().min(1) });

/** Publish the live tree as the next revision; `version` is the framework's. */
export const PublishInputSchema = z.strictObject({
  version: z.number().int().min(1),
  changeNote: z.string().trim().min(1).max(2000),
});
export type PublishInput = z.infer<typeof PublishInputSchema>;

/** Import a whole framework: JSON in the shape of spa3-framework.json, or CSV (IMPORT_CSV_COLUMNS). */
export const FrameworkImportInputSchema = z
  .strictObject({
    id: FrameworkIdSchema,
    ...FrameworkFields,
    format: z.enum(['json', 'csv']),
    content: z.string().min(1).max(2_000_000),
    /** true = only validate and report; nothing is written. */
    dryRun: z.boolean().optional(),
  })
  .superRefine(checkPeriod);
export type FrameworkImportInput = z.infer<typeof FrameworkImportInputSchema>;

/** Columns of a framework CSV: one row per node; parent = the parent's code; targets `;`-separated. */
export const IMPORT_CSV_COLUMNS = [
  'kind',
  'code',
  'parent',
  'title',
  'description',
  'priority',
  'targets',
] as const;

/** One node as it stands in the tree, a revision snapshot or an import. */
export type FrameworkNodeView = {
  id: string;
  kind: PlanNodeKind;
  code: string;
  parentId: string | null;
  title: string | null;
  description: string | null;
  isPriority: boolean;
  activityCodePrefix: string | null;
  mouSection: string | null;
  position: number;
  source: string | null;
  version: number;
  /** Ids of linked targets (activities only). */
  targetIds: string[];
  mouArticles: { article: number; textAsListed: string }[];
  children: FrameworkNodeView[];
};

export type FrameworkSummary = {
  id: string;
  title: string;
  shortTitle: string | null;
  structure: FrameworkStructure;
  periodStart: number;
  periodEnd: number;
  extendedTo: number | null;
  status: FrameworkStatus;
  revision: number;
  hasUnpublishedChanges: boolean;
  source: string | null;
  note: string | null;
  isSeeded: boolean;
  version: number;
  nodeCount: number;
};

export type FrameworkTree = FrameworkSummary & { nodes: FrameworkNodeView[] };

export type FrameworkRevisionSummary = {
  revision: number;
  changeNote: string | null;
  publishedBy: string | null;
  publishedAt: string;
  nodeCount: number;
};

/** A node flattened for snapshots and diffs (keyed by kind + code). */
export type SnapshotNode = {
  kind: string;
  code: string;
  parent: string | null;
  title: string | null;
  description: string | null;
  isPriority: boolean;
  position: number;
  targets: string[];
  mouArticles: number[];
};

export type FrameworkDiff = {
  from: number;
  to: number;
  added: SnapshotNode[];
  removed: SnapshotNode[];
  changed: {
    kind: string;
    code: string;
    fields: { field: string; before: unknown; after: unknown }[];
  }[];
};

const DIFF_FIELDS = [
  'parent',
  'title',
  'description',
  'isPriority',
  'position',
  'targets',
  'mouArticles',
] as const;

/** What changed between two snapshots: nodes added, removed and changed field by field. */
export function diffSnapshots(
  from: { revision: number; nodes: SnapshotNode[] },
  to: { revision: number; nodes: SnapshotNode[] },
): FrameworkDiff {
  const key = (n: SnapshotNode) => `${n.kind}\u0000${n.code}`;
  const before = new Map(from.nodes.map((n) => [key(n), n]));
  const after = new Map(to.nodes.map((n) => [key(n), n]));
  const diff: FrameworkDiff = {
    from: from.revision,
    to: to.revision,
    added: [],
    removed: [],
    changed: [],
  };
  for (const [k, n] of after) {
    const old = before.get(k);
    if (!old) {
      diff.added.push(n);
      continue;
    }
    const fields = DIFF_FIELDS.filter((f) => JSON.stringify(old[f]) !== JSON.stringify(n[f])).map(
      (f) => ({ field: f, before: old[f], after: n[f] }),
    );
    if (fields.length > 0) {
      diff.changed.push({ kind: n.kind, code: n.code, fields });
    }
  }
  for (const [k, n] of before) {
    if (!after.has(k)) {
      diff.removed.push(n);
    }
  }
  return diff;
}

/**
 * Parse CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into rows of cells.
 * Blank lines are dropped.
 */
export function parseCsvRecords(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') {
        i++;
      }
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((v) => v.trim() !== ''));
}

/** One problem found while validating an import; `row` is the CSV line or the JSON path. */
export type ImportIssue = { row: string; field: string; message: string };

/** A node of an import, before ids are given. */
export type ImportNode = {
  kind: PlanNodeKind;
  code: string;
  parent: string | null;
  title: string | null;
  description: string | null;
  isPriority: boolean;
  activityCodePrefix: string | null;
  mouSection: string | null;
  position: number;
  targets: string[];
  mouArticles: { article: number; textAsListed: string }[];
};

const JsonArea = z.object({
  area: z.number().int().min(1),
  name: z.string().min(1),
  activity_code_prefix: z.string().max(10).nullable().optional(),
  corresponding_mou_section: z.string().nullable().optional(),
  mou_articles: z
    .array(
      z.object({ article: z.number().int().min(1), text_as_listed_in_spa3: z.string().min(1) }),
    )
    .optional(),
  targets: z
    .array(z.object({ number: z.string().min(1).max(30), text: z.string().nullable() }))
    .optional(),
  activities: z
    .array(
      z.object({
        code: z.string().min(1).max(30),
        title: z.string().nullable().optional(),
        description: z.string().nullable().optional(),
        high_priority_star: z.boolean().optional(),
        targets: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});

/**
 * Read an import (JSON shaped like spa3-framework.json, or CSV with IMPORT_CSV_COLUMNS) into
 * nodes and check it whole: kinds allowed by the structure, codes unique per kind, parents and
 * linked targets present. Nothing is imported unless `issues` is empty.
 */
export function readFrameworkImport(
  format: 'json' | 'csv',
  content: string,
): { structure: FrameworkStructure; nodes: ImportNode[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const nodes: ImportNode[] = [];
  let structure: FrameworkStructure = 'areas';
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch {
      return {
        structure,
        nodes,
        issues: [{ row: '$', field: 'content', message: 'is not valid JSON' }],
      };
    }
    const parsed = z.array(JsonArea).min(1).safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 50)) {
        const path = issue.path.map(String);
        issues.push({
          row: `$${path.length ? `[${path.join('][')}]` : ''}`,
          field: path[path.length - 1] ?? 'content',
          message: issue.message,
        });
      }
      return { structure, nodes, issues };
    }
    for (const area of parsed.data) {
      const code = String(area.area);
      nodes.push({
        kind: 'area',
        code,
        parent: null,
        title: area.name,
        description: null,
        isPriority: false,
        activityCodePrefix: area.activity_code_prefix ?? null,
        mouSection: area.corresponding_mou_section ?? null,
        position: area.area,
        targets: [],
        mouArticles: (area.mou_articles ?? []).map((m) => ({
          article: m.article,
          textAsListed: m.text_as_listed_in_spa3,
        })),
      });
      (area.targets ?? []).forEach((t, i) => {
        nodes.push({
          kind: 'target',
          code: t.number,
          parent: code,
          title: t.text,
          description: null,
          isPriority: false,
          activityCodePrefix: null,
          mouSection: null,
          position: i + 1,
          targets: [],
          mouArticles: [],
        });
      });
      (area.activities ?? []).forEach((a, i) => {
        nodes.push({
          kind: 'activity',
          code: a.code,
          parent: code,
          title: a.title ?? null,
          description: a.description ?? null,
          isPriority: a.high_priority_star ?? false,
          activityCodePrefix: null,
          mouSection: null,
          position: i + 1,
          targets: a.targets ?? [],
          mouArticles: [],
        });
      });
    }
  } else {
    const rows = parseCsvRecords(content);
    const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
    const missing = IMPORT_CSV_COLUMNS.filter((c) => !header.includes(c));
    if (missing.length > 0) {
      return {
        structure,
        nodes,
        issues: [
          { row: '1', field: missing[0] ?? 'kind', message: 'column missing from the header' },
        ],
      };
    }
    const col = (r: string[], c: (typeof IMPORT_CSV_COLUMNS)[number]) =>
      (r[header.indexOf(c)] ?? '').trim();
    const positions = new Map<string, number>();
    rows.slice(1).forEach((r, i) => {
      const line = String(i + 2);
      const kind = col(r, 'kind').toLowerCase();
      if (!(PLAN_NODE_KINDS as readonly string[]).includes(kind)) {
        issues.push({
          row: line,
          field: 'kind',
          message: `must be one of ${PLAN_NODE_KINDS.join(', ')}`,
        });
        return;
      }
      const code = col(r, 'code');
      if (code === '' || code.length > 30) {
        issues.push({ row: line, field: 'code', message: 'must be 1-30 characters' });
        return;
      }
      const priority = col(r, 'priority').toLowerCase();
      if (!['', 'true', 'false', 'yes', 'no', '1', '0', '★'].includes(priority)) {
        issues.push({ row: line, field: 'priority', message: 'must be yes/no' });
      }
      const parent = col(r, 'parent') || null;
      const slot = `${parent ?? ''}`;
      const position = (positions.get(slot) ?? 0) + 1;
      positions.set(slot, position);
      nodes.push({
        kind: kind as PlanNodeKind,
        code,
        parent,
        title: col(r, 'title') || null,
        description: col(r, 'description') || null,
        isPriority: ['true', 'yes', '1', '★'].includes(priority),
        activityCodePrefix: null,
        mouSection: null,
        position,
        targets: col(r, 'targets')
          .split(';')
          .map((t) => t.trim())
          .filter((t) => t !== ''),
        mouArticles: [],
      });
    });
    if (nodes.some((n) => n.kind === 'outcome' || n.kind === 'output')) {
      structure = 'results';
    }
  }
  if (nodes.length === 0 && issues.length === 0) {
    issues.push({ row: '$', field: 'content', message: 'holds no nodes' });
  }
  const byKindCode = new Map<string, ImportNode>();
  const parentCodes = new Map<string, ImportNode>();
  for (const n of nodes) {
    const k = `${n.kind}\u0000${n.code}`;
    if (byKindCode.has(k)) {
      issues.push({ row: `${n.kind} ${n.code}`, field: 'code', message: 'appears twice' });
    }
    byKindCode.set(k, n);
    if (n.kind === 'area' || n.kind === 'outcome') {
      parentCodes.set(n.code, n);
    }
  }
  for (const n of nodes) {
    const parent = n.parent === null ? null : (parentCodes.get(n.parent) ?? undefined);
    if (parent === undefined) {
      issues.push({
        row: `${n.kind} ${n.code}`,
        field: 'parent',
        message: `names no area/outcome ${n.parent}`,
      });
    } else if (!isAllowedChild(structure, parent?.kind ?? null, n.kind)) {
      issues.push({
        row: `${n.kind} ${n.code}`,
        field: 'kind',
        message: `a ${n.kind} cannot sit ${parent ? `under a ${parent.kind}` : 'at the top level'} in a ${structure} framework`,
      });
    }
    if (n.targets.length > 0 && n.kind !== 'activity') {
      issues.push({
        row: `${n.kind} ${n.code}`,
        field: 'targets',
        message: 'only activities link to targets',
      });
    }
    for (const t of n.targets) {
      if (!byKindCode.has(`target\u0000${t}`)) {
        issues.push({
          row: `${n.kind} ${n.code}`,
          field: 'targets',
          message: `names unknown target ${t}`,
        });
      }
    }
  }
  return { structure, nodes, issues };
}
