import { createHash } from 'node:crypto';
import {
  type Action,
  can,
  checkMoney,
  DomainError,
  EVIDENCE_MAX_BYTES,
  EvidenceUploadInputSchema,
  isProgressEditable,
  NARRATIVE_LANGUAGE_OF,
  ProgressApproveInputSchema,
  ProgressCommentInputSchema,
  type ProgressCommentView,
  ProgressEntrySaveInputSchema,
  type ProgressEntryStatus,
  type ProgressEntryView,
  type ProgressEvidenceView,
  ProgressListQuerySchema,
  ProgressReopenInputSchema,
  ProgressReportCreateInputSchema,
  type ProgressReportStatus,
  type ProgressReportSummary,
  type ProgressReportView,
  ProgressReturnInputSchema,
  type ProgressSex,
  ProgressSubmitInputSchema,
  type ProgressTransition,
  progressPeriodProblem,
  progressTransition,
  toUsd,
} from '@ctip/domain';
import { sql } from 'kysely';
import { authorize, denyAccess, requireScope } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import { audit, expectOneUpdated, invalid, staleVersion } from '../common';

export { seedDemoPlans } from './demo';

// Progress reports on workplans. Access on resource `plan` at the workplan's country: read,
// create (start a report), update (save entries, upload evidence, submit, comment); approve (the
// Secretariat: return, approve = lock, reopen with a reason). Every read is filtered by the
// caller's scope; every write is audited (plans.progress_*, plans.evidence_*).

type Db = ServiceContext['db'];

function locked(status: string): DomainError {
  return new DomainError('CONFLICT', `A ${status.toLowerCase()} progress report is read-only`, {
    field: 'status',
  });
}

function iso(d: Date | string | null): string | null {
  if (d === null) {
    return null;
  }
  return d instanceof Date ? d.toISOString() : new Date(d).toISOString();
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function summaryQuery(db: Db) {
  return db
    .selectFrom('progress_report as r')
    .innerJoin('workplan as w', 'w.id', 'r.workplan_id')
    .select([
      'r.id',
      'r.workplan_id',
      'r.period',
      'r.status',
      'r.submitted_at',
      'r.reviewed_at',
      'r.approved_at',
      'r.version',
      'r.updated_at',
      'w.country_code',
      'w.framework_id',
      'w.year',
      'w.title as workplan_title',
      'w.is_demo',
      'w.currency',
      'w.usd_rate',
    ])
    .select((eb) => [
      eb
        .selectFrom('progress_entry as e')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('e.report_id', '=', 'r.id')
        .as('entry_count'),
      eb
        .selectFrom('progress_entry as e')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('e.report_id', '=', 'r.id')
        .where('e.status', '=', 'Completed')
        .as('completed_count'),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function presentSummary(r: SummaryRow): ProgressReportSummary {
  return {
    id: r.id,
    workplanId: r.workplan_id,
    countryCode: r.country_code.trim(),
    frameworkId: r.framework_id,
    year: r.year,
    workplanTitle: r.workplan_title,
    isDemo: r.is_demo,
    period: r.period,
    status: r.status as ProgressReportStatus,
    submittedAt: iso(r.submitted_at),
    reviewedAt: iso(r.reviewed_at),
    approvedAt: iso(r.approved_at),
    entryCount: Number(r.entry_count ?? 0),
    completedCount: Number(r.completed_count ?? 0),
    version: r.version,
    updatedAt: iso(r.updated_at) as string,
  };
}

async function loadReport(db: Db, id: string): Promise<SummaryRow> {
  const row = await summaryQuery(db).where('r.id', '=', id).executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such progress report');
  }
  return row;
}

/** Load a report and require `action` on it at its country. @throws NOT_FOUND, FORBIDDEN */
async function reportFor(
  ctx: ServiceContext,
  auth: AuthContext,
  action: Action,
  id: string,
): Promise<SummaryRow> {
  const r = await loadReport(ctx.db, id);
  await authorize(ctx, auth, action, 'plan', scopeOf(r));
  return r;
}

/** @throws CONFLICT (`status`) unless the report is still editable */
function requireEditable(r: SummaryRow): void {
  if (!isProgressEditable(r.status as ProgressReportStatus)) {
    throw locked(r.status);
  }
}

const scopeOf = (r: { country_code: string; id: string }) => ({
  countryCode: r.country_code.trim(),
  id: r.id,
});

/**
 * Progress reports the caller may read (a focal point: their own country), newest first.
 * @throws INVALID_INPUT (field named), FORBIDDEN (audited): plan:read
 */
export async function listProgressReports(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query?: unknown;
}): Promise<ProgressReportSummary[]> {
  const { ctx, auth } = args;
  const query = parseInput(ProgressListQuerySchema, args.query ?? {});
  const scope = await requireScope(ctx, auth, 'read', 'plan');
  let q = summaryQuery(ctx.db);
  if (scope !== 'region') {
    q = q.where('w.country_code', '=', auth.actor.countryCode ?? '--');
  }
  if (query.country) {
    q = q.where('w.country_code', '=', query.country);
  }
  if (query.workplanId) {
    q = q.where('r.workplan_id', '=', query.workplanId);
  }
  if (query.year !== undefined) {
    q = q.where('w.year', '=', query.year);
  }
  if (query.status) {
    q = q.where('r.status', '=', query.status);
  }
  const rows = await q
    .orderBy('w.year', 'desc')
    .orderBy('w.country_code')
    .orderBy('r.period', 'desc')
    .orderBy('r.id')
    .execute();
  return rows.filter((r) => can(auth.actor, 'read', 'plan', scopeOf(r))).map(presentSummary);
}

/**
 * The Secretariat's review queue: submitted reports, oldest submission first.
 * @throws FORBIDDEN (audited): plan:approve
 */
export async function listReviewQueue(args: {
  ctx: ServiceContext;
  auth: AuthContext;
}): Promise<ProgressReportSummary[]> {
  const { ctx, auth } = args;
  const scope = await requireScope(ctx, auth, 'approve', 'plan');
  let q = summaryQuery(ctx.db).where('r.status', '=', 'Submitted');
  if (scope !== 'region') {
    q = q.where('w.country_code', '=', auth.actor.countryCode ?? '--');
  }
  const rows = await q.orderBy('r.submitted_at').orderBy('r.id').execute();
  return rows.filter((r) => can(auth.actor, 'approve', 'plan', scopeOf(r))).map(presentSummary);
}

/** Give every activity of the workplan an entry in the report (activities added later too). */
async function ensureEntries(db: Db, reportId: string, workplanId: string): Promise<void> {
  const missing = await db
    .selectFrom('workplan_activity as a')
    .select('a.id')
    .where('a.workplan_id', '=', workplanId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('progress_entry as e')
            .select(sql`1`.as('one'))
            .where('e.report_id', '=', reportId)
            .whereRef('e.workplan_activity_id', '=', 'a.id'),
        ),
      ),
    )
    .execute();
  if (missing.length === 0) {
    return;
  }
  await db
    .insertInto('progress_entry')
    .values(
      missing.map((a) => ({
        id: crypto.randomUUID(),
        report_id: reportId,
        workplan_activity_id: a.id,
      })),
    )
    .onConflict((oc) => oc.columns(['report_id', 'workplan_activity_id']).doNothing())
    .execute();
}

/**
 * Start a progress report on a workplan for a period inside the workplan's year; it holds one
 * entry per workplan activity.
 * @throws INVALID_INPUT (`workplanId`, `period`), CONFLICT (`period`: already reported),
 *   FORBIDDEN (audited): plan:create at the workplan's country
 */
export async function createProgressReport(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: unknown;
}): Promise<ProgressReportView> {
  const { ctx, auth } = args;
  const input = parseInput(ProgressReportCreateInputSchema, args.input);
  const wp = await ctx.db
    .selectFrom('workplan')
    .select(['id', 'country_code', 'year'])
    .where('id', '=', input.workplanId)
    .executeTakeFirst();
  if (!wp) {
    await requireScope(ctx, auth, 'create', 'plan');
    throw invalid('workplanId', 'no such workplan');
  }
  await authorize(ctx, auth, 'create', 'plan', scopeOf(wp));
  const problem = progressPeriodProblem(input.period, wp.year);
  if (problem) {
    throw invalid('period', problem);
  }
  const existing = await ctx.db
    .selectFrom('progress_report')
    .select('id')
    .where('workplan_id', '=', wp.id)
    .where('period', '=', input.period)
    .executeTakeFirst();
  if (existing) {
    throw new DomainError('CONFLICT', 'This period already has a progress report', {
      field: 'period',
      details: { id: existing.id },
    });
  }
  const id = crypto.randomUUID();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('progress_report')
      .values({
        id,
        workplan_id: wp.id,
        period: input.period,
        status: 'Draft',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await ensureEntries(trx, id, wp.id);
    await audit(
      trx,
      now,
      auth,
      'plans.progress_save',
      { type: 'progress_report', id },
      { op: 'create', country: wp.country_code.trim(), period: input.period },
    );
  });
  return getProgressReport({ ctx, auth, id });
}

/**
 * One report with its entries (status, narratives, people trained, budget spent, evidence list)
 * and its comments thread.
 * @throws NOT_FOUND, FORBIDDEN (audited): plan:read at its country
 */
export async function getProgressReport(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<ProgressReportView> {
  const { ctx, auth } = args;
  const r = await reportFor(ctx, auth, 'read', args.id);
  const status = r.status as ProgressReportStatus;
  if (isProgressEditable(status) && can(auth.actor, 'update', 'plan', scopeOf(r))) {
    await ensureEntries(ctx.db, r.id, r.workplan_id);
  }
  const entries = await ctx.db
    .selectFrom('progress_entry as e')
    .innerJoin('workplan_activity as a', 'a.id', 'e.workplan_activity_id')
    .innerJoin('plan_node as n', 'n.id', 'a.node_id')
    .leftJoin('plan_node as p', 'p.id', 'n.parent_id')
    .selectAll('e')
    .select([
      'a.node_id',
      'a.title as activity_title',
      'a.title_local as activity_title_local',
      'a.position',
      'n.code as node_code',
      'n.title as node_title',
      'p.code as area_code',
      'p.title as area_title',
    ])
    .where('e.report_id', '=', r.id)
    .orderBy('a.position')
    .orderBy('n.code')
    .orderBy('e.id')
    .execute();
  const ids = entries.map((e) => e.id);
  const [quantities, evidence, comments] = await Promise.all([
    ids.length
      ? ctx.db
          .selectFrom('progress_quantity')
          .selectAll()
          .where('entry_id', 'in', ids)
          .orderBy('trainee_type')
          .orderBy('sex')
          .execute()
      : [],
    ids.length
      ? ctx.db
          .selectFrom('progress_evidence')
          .select([
            'id',
            'entry_id',
            'file_name',
            'media_type',
            'size_bytes',
            'sha256',
            'uploaded_at',
          ])
          .where('entry_id', 'in', ids)
          .orderBy('uploaded_at')
          .orderBy('id')
          .execute()
      : [],
    ctx.db
      .selectFrom('progress_comment as c')
      .leftJoin('app_user as u', 'u.id', 'c.author_id')
      .selectAll('c')
      .select('u.display_name')
      .where('c.report_id', '=', r.id)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute(),
  ]);
  const entryViews: ProgressEntryView[] = entries.map((e) => {
    const spent = num(e.budget_spent);
    const rate = num(e.spent_usd_rate);
    return {
      id: e.id,
      workplanActivityId: e.workplan_activity_id,
      nodeId: e.node_id,
      nodeCode: e.node_code,
      nodeTitle: e.node_title,
      areaCode: e.area_code,
      areaTitle: e.area_title,
      activityTitle: e.activity_title,
      activityTitleLocal: e.activity_title_local,
      status: e.status as ProgressEntryStatus,
      narrativeLocal: e.narrative_local,
      narrativeLang: e.narrative_lang,
      narrativeEn: e.narrative_en,
      budgetSpent: spent,
      spentCurrency: e.spent_currency?.trim() ?? null,
      spentUsdRate: rate,
      spentUsd:
        spent === null || !e.spent_currency ? null : toUsd(spent, e.spent_currency.trim(), rate),
      quantities: quantities
        .filter((q) => q.entry_id === e.id)
        .map((q) => ({
          traineeType: q.trainee_type as ProgressEntryView['quantities'][number]['traineeType'],
          sex: q.sex as ProgressSex,
          count: Number(q.count),
        })),
      evidence: evidence
        .filter((f) => f.entry_id === e.id)
        .map(
          (f): ProgressEvidenceView => ({
            id: f.id,
            fileName: f.file_name,
            mediaType: f.media_type,
            sizeBytes: Number(f.size_bytes),
            sha256: f.sha256.trim(),
            uploadedAt: iso(f.uploaded_at) as string,
          }),
        ),
      version: e.version,
      updatedAt: iso(e.updated_at) as string,
    };
  });
  const commentViews: ProgressCommentView[] = comments.map((c) => ({
    id: c.id,
    entryId: c.entry_id,
    kind: c.kind as ProgressCommentView['kind'],
    body: c.body,
    authorId: c.author_id,
    authorName: c.display_name ?? null,
    createdAt: iso(c.created_at) as string,
  }));
  const summary = presentSummary(
    entries.length === Number(r.entry_count ?? 0)
      ? r
      : {
          ...r,
          entry_count: entries.length,
          completed_count: entryViews.filter((e) => e.status === 'Completed').length,
        },
  );
  return {
    ...summary,
    currency: r.currency.trim(),
    usdRate: num(r.usd_rate),
    narrativeLanguage: NARRATIVE_LANGUAGE_OF[summary.countryCode] ?? null,
    editable: isProgressEditable(status) && can(auth.actor, 'update', 'plan', scopeOf(r)),
    entries: entryViews,
    comments: commentViews,
  };
}

async function loadEntry(db: Db, reportId: string, entryId: string) {
  const e = await db
    .selectFrom('progress_entry')
    .selectAll()
    .where('id', '=', entryId)
    .where('report_id', '=', reportId)
    .executeTakeFirst();
  if (!e) {
    throw new DomainError('NOT_FOUND', 'No such progress entry');
  }
  return e;
}

/**
 * Save one entry at its version (autosave): status, narratives, people trained (the grid is
 * replaced when given), budget spent in the workplan's currency or USD with its USD rate.
 * @throws INVALID_INPUT (field named; `spentCurrency` not the country's, `spentUsdRate` missing,
 *   `narrativeLang` missing, duplicate `quantities` cell), NOT_FOUND, CONFLICT (`version`; `status`
 *   when submitted or approved), FORBIDDEN (audited): plan:update at its country
 */
export async function saveProgressEntry(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  reportId: string;
  entryId: string;
  input: unknown;
}): Promise<ProgressEntryView> {
  const { ctx, auth } = args;
  const r = await reportFor(ctx, auth, 'update', args.reportId);
  const entry = await loadEntry(ctx.db, r.id, args.entryId);
  const input = parseInput(ProgressEntrySaveInputSchema, args.input);
  requireEditable(r);
  if (input.version !== entry.version) {
    throw staleVersion('entry');
  }
  const pick = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
  const budget = pick(input.budgetSpent, num(entry.budget_spent));
  let currency = pick(input.spentCurrency, entry.spent_currency?.trim() ?? null);
  let rate = pick(input.spentUsdRate, num(entry.spent_usd_rate));
  if (budget !== null && budget !== undefined) {
    currency = currency ?? r.currency.trim();
    if (rate === null && currency === r.currency.trim()) {
      rate = num(r.usd_rate);
    }
    const issue = checkMoney(
      { countryCode: r.country_code.trim(), currency, amount: budget, usdRate: rate },
      { currency: 'spentCurrency', usdRate: 'spentUsdRate' },
    )[0];
    if (issue) {
      throw invalid(
        issue.path,
        issue.code === 'rate_required'
          ? 'give the USD rate (national units per USD)'
          : "is neither the country's currency nor USD",
      );
    }
  }
  const narrativeLocal = pick(input.narrativeLocal, entry.narrative_local);
  const narrativeLang =
    pick(input.narrativeLang, entry.narrative_lang) ??
    (narrativeLocal ? (NARRATIVE_LANGUAGE_OF[r.country_code.trim()] ?? null) : null);
  if (narrativeLocal && !narrativeLang) {
    throw invalid('narrativeLang', 'name the language of the national narrative');
  }
  if (input.quantities) {
    const seen = new Set<string>();
    input.quantities.forEach((q, i) => {
      const key = `${q.traineeType}|${q.sex}`;
      if (seen.has(key)) {
        throw invalid(`quantities.${i}`, 'repeats a trainee type and sex');
      }
      seen.add(key);
    });
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('progress_entry')
      .set((eb) => ({
        ...(input.status !== undefined ? { status: input.status } : {}),
        narrative_local: narrativeLocal ?? null,
        narrative_lang: narrativeLocal ? narrativeLang : null,
        narrative_en: pick(input.narrativeEn, entry.narrative_en) ?? null,
        budget_spent: budget ?? null,
        spent_currency: budget === null || budget === undefined ? null : currency,
        spent_usd_rate: budget === null || budget === undefined ? null : rate,
        updated_by: auth.actor.userId,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', entry.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    expectOneUpdated(res, () => staleVersion('entry'));
    if (input.quantities) {
      await trx.deleteFrom('progress_quantity').where('entry_id', '=', entry.id).execute();
      const rows = input.quantities
        .filter((q) => q.count > 0)
        .map((q) => ({
          entry_id: entry.id,
          trainee_type: q.traineeType,
          sex: q.sex,
          count: q.count,
        }));
      if (rows.length) {
        await trx.insertInto('progress_quantity').values(rows).execute();
      }
    }
    await trx
      .updateTable('progress_report')
      .set({ updated_at: now })
      .where('id', '=', r.id)
      .execute();
    await audit(
      trx,
      now,
      auth,
      'plans.progress_save',
      { type: 'progress_entry', id: entry.id },
      {
        op: 'entry',
        report: r.id,
        fields: Object.keys(input).filter((k) => k !== 'version'),
      },
    );
  });
  const view = await getProgressReport({ ctx, auth, id: r.id });
  return view.entries.find((e) => e.id === entry.id) as ProgressEntryView;
}

const TRANSITION_AUDIT = {
  submit: 'plans.progress_submit',
  return: 'plans.progress_review',
  approve: 'plans.progress_approve',
  reopen: 'plans.progress_reopen',
} as const;
const TRANSITION_KIND = {
  submit: 'Submit',
  return: 'Return',
  approve: 'Approve',
  reopen: 'Reopen',
} as const;

/**
 * Move a report through its review: `submit` (the country: plan:update), `return` with a comment,
 * `approve` (locks it) and `reopen` an approved report with a reason (the Secretariat:
 * plan:approve). Each writes a thread row and an audit event.
 * @throws INVALID_INPUT (`comment`, `reason`), NOT_FOUND, CONFLICT (`version`, `status`),
 *   FORBIDDEN (audited)
 */
export async function transitionProgressReport(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  transition: ProgressTransition;
  input: unknown;
}): Promise<ProgressReportView> {
  const { ctx, auth, transition } = args;
  const r = await loadReport(ctx.db, args.id);
  const action = transition === 'submit' ? 'update' : 'approve';
  if (!can(auth.actor, action, 'plan', scopeOf(r))) {
    await denyAccess(ctx, auth, action, 'plan', r.id);
  }
  let body: string | null = null;
  let inputVersion: number;
  if (transition === 'submit') {
    inputVersion = parseInput(ProgressSubmitInputSchema, args.input).version;
  } else if (transition === 'return') {
    const i = parseInput(ProgressReturnInputSchema, args.input);
    inputVersion = i.version;
    body = i.comment;
  } else if (transition === 'approve') {
    const i = parseInput(ProgressApproveInputSchema, args.input);
    inputVersion = i.version;
    body = i.comment || null;
  } else {
    const i = parseInput(ProgressReopenInputSchema, args.input);
    inputVersion = i.version;
    body = i.reason;
  }
  if (inputVersion !== r.version) {
    throw staleVersion('report');
  }
  const from = r.status as ProgressReportStatus;
  const to = progressTransition(from, transition);
  if (!to) {
    throw new DomainError('CONFLICT', `A ${from.toLowerCase()} report cannot be ${transition}ed`, {
      field: 'status',
    });
  }
  const now = ctx.now();
  const me = auth.actor.userId;
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('progress_report')
      .set((eb) => ({
        status: to,
        ...(transition === 'submit' ? { submitted_at: now, submitted_by: me } : {}),
        ...(transition === 'return' || transition === 'approve'
          ? { reviewed_at: now, reviewed_by: me }
          : {}),
        ...(transition === 'approve' ? { approved_at: now, approved_by: me } : {}),
        ...(transition === 'reopen' ? { approved_at: null, approved_by: null } : {}),
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', r.id)
      .where('version', '=', inputVersion)
      .executeTakeFirst();
    expectOneUpdated(res, () => staleVersion('report'));
    await trx
      .insertInto('progress_comment')
      .values({
        id: crypto.randomUUID(),
        report_id: r.id,
        entry_id: null,
        kind: TRANSITION_KIND[transition],
        body,
        author_id: me,
        created_at: now,
      })
      .execute();
    await audit(
      trx,
      now,
      auth,
      TRANSITION_AUDIT[transition],
      { type: 'progress_report', id: r.id },
      {
        op: transition,
        from,
        to,
        country: r.country_code.trim(),
        period: r.period,
        ...(transition === 'reopen' ? { reason: body } : {}),
      },
    );
  });
  return getProgressReport({ ctx, auth, id: r.id });
}

/**
 * Add a comment to the thread, on the whole report or on one entry. The country (plan:update)
 * and the Secretariat (plan:approve) may comment; an approved report takes no more comments.
 * @throws INVALID_INPUT (`body`, `entryId`), NOT_FOUND, CONFLICT (`status`), FORBIDDEN (audited)
 */
export async function addProgressComment(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: unknown;
}): Promise<ProgressCommentView> {
  const { ctx, auth } = args;
  const r = await loadReport(ctx.db, args.id);
  const scope = scopeOf(r);
  if (!can(auth.actor, 'approve', 'plan', scope) && !can(auth.actor, 'update', 'plan', scope)) {
    await denyAccess(ctx, auth, 'update', 'plan', r.id);
  }
  const input = parseInput(ProgressCommentInputSchema, args.input);
  if (r.status === 'Approved') {
    throw locked(r.status);
  }
  if (input.entryId) {
    const e = await ctx.db
      .selectFrom('progress_entry')
      .select('id')
      .where('id', '=', input.entryId)
      .where('report_id', '=', r.id)
      .executeTakeFirst();
    if (!e) {
      throw invalid('entryId', 'is not an entry of this report');
    }
  }
  const id = crypto.randomUUID();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('progress_comment')
      .values({
        id,
        report_id: r.id,
        entry_id: input.entryId ?? null,
        kind: 'Comment',
        body: input.body,
        author_id: auth.actor.userId,
        created_at: now,
      })
      .execute();
    await audit(
      trx,
      now,
      auth,
      'plans.progress_review',
      { type: 'progress_report', id: r.id },
      { op: 'comment', entry: input.entryId ?? null, comment: id },
    );
  });
  const view = await getProgressReport({ ctx, auth, id: r.id });
  return view.comments.find((c) => c.id === id) as ProgressCommentView;
}

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Attach an evidence file (base64 in JSON, at most 5 MB) to an entry of an editable report.
 * @throws INVALID_INPUT (`contentBase64`, `fileName`), NOT_FOUND, CONFLICT (`status`),
 *   FORBIDDEN (audited): plan:update at its country
 */
export async function addProgressEvidence(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  reportId: string;
  entryId: string;
  input: unknown;
}): Promise<ProgressEvidenceView> {
  const { ctx, auth } = args;
  const r = await reportFor(ctx, auth, 'update', args.reportId);
  const entry = await loadEntry(ctx.db, r.id, args.entryId);
  const input = parseInput(EvidenceUploadInputSchema, args.input);
  requireEditable(r);
  const b64 = input.contentBase64.replace(/\s+/g, '');
  if (!BASE64_RE.test(b64) || b64.length % 4 === 1) {
    throw invalid('contentBase64', 'is not base64');
  }
  const content = Buffer.from(b64, 'base64');
  if (content.length === 0) {
    throw invalid('contentBase64', 'is empty');
  }
  if (content.length > EVIDENCE_MAX_BYTES) {
    throw invalid('contentBase64', `is larger than ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB`);
  }
  const fileName = [...input.fileName]
    .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20 ? '_' : ch))
    .join('');
  const sha256 = createHash('sha256').update(content).digest('hex');
  const id = crypto.randomUUID();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('progress_evidence')
      .values({
        id,
        entry_id: entry.id,
        file_name: fileName,
        media_type: input.mediaType,
        size_bytes: content.length,
        sha256,
        content,
        uploaded_by: auth.actor.userId,
        uploaded_at: now,
      })
      .execute();
    await audit(
      trx,
      now,
      auth,
      'plans.evidence_add',
      { type: 'progress_evidence', id },
      { report: r.id, entry: entry.id, fileName, sizeBytes: content.length, sha256 },
    );
  });
  return {
    id,
    fileName,
    mediaType: input.mediaType,
    sizeBytes: content.length,
    sha256,
    uploadedAt: now.toISOString(),
  };
}

async function loadEvidence(db: Db, reportId: string, entryId: string, evidenceId: string) {
  const f = await db
    .selectFrom('progress_evidence as f')
    .innerJoin('progress_entry as e', 'e.id', 'f.entry_id')
    .selectAll('f')
    .where('f.id', '=', evidenceId)
    .where('f.entry_id', '=', entryId)
    .where('e.report_id', '=', reportId)
    .executeTakeFirst();
  if (!f) {
    throw new DomainError('NOT_FOUND', 'No such evidence file');
  }
  return f;
}

/**
 * Download an evidence file (audited as plans.evidence_read).
 * @throws NOT_FOUND, FORBIDDEN (audited): plan:read at its country
 */
export async function getProgressEvidence(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  reportId: string;
  entryId: string;
  evidenceId: string;
}): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  const { ctx, auth } = args;
  const r = await reportFor(ctx, auth, 'read', args.reportId);
  const f = await loadEvidence(ctx.db, r.id, args.entryId, args.evidenceId);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await audit(
      trx,
      now,
      auth,
      'plans.evidence_read',
      { type: 'progress_evidence', id: f.id },
      { report: r.id, entry: f.entry_id },
    );
  });
  return { fileName: f.file_name, mediaType: f.media_type, content: Buffer.from(f.content) };
}

/**
 * Remove an evidence file from an entry of an editable report (audited as plans.evidence_add,
 * op delete).
 * @throws NOT_FOUND, CONFLICT (`status`), FORBIDDEN (audited): plan:update at its country
 */
export async function deleteProgressEvidence(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  reportId: string;
  entryId: string;
  evidenceId: string;
}): Promise<void> {
  const { ctx, auth } = args;
  const r = await reportFor(ctx, auth, 'update', args.reportId);
  const f = await loadEvidence(ctx.db, r.id, args.entryId, args.evidenceId);
  requireEditable(r);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('progress_evidence').where('id', '=', f.id).execute();
    await audit(
      trx,
      now,
      auth,
      'plans.evidence_add',
      { type: 'progress_evidence', id: f.id },
      { op: 'delete', report: r.id, entry: f.entry_id, fileName: f.file_name },
    );
  });
}
