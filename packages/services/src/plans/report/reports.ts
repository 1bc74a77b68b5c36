import type { Database, MonitoringReportRunTable, MonitoringReportTable } from '@ctip/db';
import {
  type Action,
  type Actor,
  type AuditAction,
  DomainError,
  defaultReportTitle,
  isYearInFramework,
  REPORT_COUNTRIES,
  REPORT_STAGES,
  type ReportFinaliseInput,
  ReportFinaliseInputSchema,
  type ReportInput,
  ReportInputSchema,
  type ReportKind,
  type ReportLanguage,
  type ReportOptionsView,
  type ReportReopenInput,
  ReportReopenInputSchema,
  type ReportRunStatus,
  type ReportRunView,
  type ReportStatus,
  type ReportUpdateInput,
  ReportUpdateInputSchema,
  type ReportView,
  widestScope,
} from '@ctip/domain';
import type { Selectable, Transaction } from 'kysely';
import { appendAuditEventNow } from '../../audit/append-audit-event';
import { auditEvent, denyAccess } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import { audit, expectOneUpdated, givenColumns } from '../common';
import { collectReportData } from './collect';
import { buildReportHtml } from './html';
import { renderPagedPdf } from './pdf';
import { buildReportXlsx } from './xlsx';

type Trx = Transaction<Database>;
type ReportRow = Selectable<MonitoringReportTable>;
type RunRow = Omit<Selectable<MonitoringReportRunTable>, 'pdf' | 'xlsx' | 'html'> & {
  has_pdf: boolean;
  has_xlsx: boolean;
};
type Args = { ctx: ServiceContext; auth: AuthContext };

const invalid = (field: string, message: string) =>
  new DomainError('INVALID_INPUT', `${field}: ${message}`, { field });
const notFound = (what: string) => new DomainError('NOT_FOUND', `No such ${what}`);
const conflict = (message: string) => new DomainError('CONFLICT', message);
const iso = (d: Date | string | null): string | null =>
  d === null ? null : (d instanceof Date ? d : new Date(d)).toISOString();
const TARGET = 'monitoring_report';

function countriesOf(row: { countries: unknown }): string[] {
  const v = row.countries;
  if (Array.isArray(v)) {
    return v.map((c) => String(c).trim());
  }
  if (typeof v === 'string') {
    // '{KH,TH}' when a driver hands the array back as text.
    return v
      .replace(/^\{|\}$/g, '')
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c.length > 0);
  }
  return [];
}

/**
 * May the actor do `action` on a report of these countries? Region scope: any report. Country
 * scope (a task-force focal point): only a report of the actor's own country alone.
 */
export function canOnReport(actor: Actor, action: Action, countries: readonly string[]): boolean {
  const scope = widestScope(actor, action, 'plan');
  if (scope === 'region') {
    return true;
  }
  if (scope === 'country') {
    return countries.length === 1 && countries[0] === actor.countryCode;
  }
  return false;
}

async function requireOnReport(
  { ctx, auth }: Args,
  action: Action,
  countries: readonly string[],
  id: string | null,
): Promise<void> {
  if (!canOnReport(auth.actor, action, countries)) {
    await denyAccess(ctx, auth, action, 'plan', id);
  }
}

function runView(r: RunRow): ReportRunView {
  return {
    id: r.id,
    reportId: r.report_id,
    status: r.status as ReportRunStatus,
    progress: Number(r.progress),
    stage: r.stage,
    failure: r.failure,
    pageCount: r.page_count === null ? null : Number(r.page_count),
    hasPdf: Boolean(r.has_pdf),
    hasXlsx: Boolean(r.has_xlsx),
    createdAt: iso(r.created_at) as string,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

function reportView(r: ReportRow, latest: RunRow | null): ReportView {
  return {
    id: r.id,
    frameworkId: r.framework_id,
    kind: r.kind as ReportKind,
    year: r.year,
    secondLanguage: (r.second_language as ReportLanguage | null) ?? null,
    countries: countriesOf(r),
    title: r.title,
    introduction: r.introduction,
    conclusion: r.conclusion,
    status: r.status as ReportStatus,
    finalisedAt: iso(r.finalised_at),
    version: r.version,
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
    latestRun: latest ? runView(latest) : null,
  };
}

function runQuery(db: ServiceContext['db'] | Trx) {
  return db
    .selectFrom('monitoring_report_run')
    .select((eb) => [
      'id',
      'report_id',
      'status',
      'progress',
      'stage',
      'failure',
      'page_count',
      'requested_by',
      'created_at',
      'started_at',
      'finished_at',
      eb('pdf', 'is not', null).as('has_pdf'),
      eb('xlsx', 'is not', null).as('has_xlsx'),
    ]);
}

async function latestRuns(
  db: ServiceContext['db'] | Trx,
  reportIds: string[],
): Promise<Map<string, RunRow>> {
  const out = new Map<string, RunRow>();
  if (reportIds.length === 0) {
    return out;
  }
  const rows = (await runQuery(db)
    .where('report_id', 'in', reportIds)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute()) as RunRow[];
  for (const r of rows) {
    if (!out.has(r.report_id)) {
      out.set(r.report_id, r);
    }
  }
  return out;
}

async function loadReport(db: ServiceContext['db'] | Trx, id: string): Promise<ReportRow> {
  const row = await db
    .selectFrom('monitoring_report')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) {
    throw notFound('report');
  }
  return row;
}

/** The reports the caller may see (region: all; a focal point: their own country's). */
export async function listReports(args: Args): Promise<ReportView[]> {
  const { ctx, auth } = args;
  const scope = widestScope(auth.actor, 'read', 'plan');
  if (scope === null) {
    return denyAccess(ctx, auth, 'read', 'plan', null);
  }
  const rows = await ctx.db
    .selectFrom('monitoring_report')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  const visible = rows.filter((r) => canOnReport(auth.actor, 'read', countriesOf(r)));
  const latest = await latestRuns(
    ctx.db,
    visible.map((r) => r.id),
  );
  return visible.map((r) => reportView(r, latest.get(r.id) ?? null));
}

export async function getReport(args: Args & { id: string }): Promise<ReportView> {
  const row = await loadReport(args.ctx.db, args.id);
  await requireOnReport(args, 'read', countriesOf(row), row.id);
  const latest = await latestRuns(args.ctx.db, [row.id]);
  return reportView(row, latest.get(row.id) ?? null);
}

async function checkScopeInput(
  db: ServiceContext['db'] | Trx,
  input: { frameworkId: string; kind: ReportKind; year: number | null; countries: string[] },
): Promise<{ title: string }> {
  const fw = await db
    .selectFrom('plan_framework')
    .select(['id', 'title', 'period_start', 'period_end', 'extended_to'])
    .where('id', '=', input.frameworkId)
    .executeTakeFirst();
  if (!fw) {
    throw invalid('frameworkId', 'no such framework');
  }
  if (
    input.kind === 'Annual' &&
    input.year !== null &&
    !isYearInFramework(input.year, {
      periodStart: fw.period_start,
      periodEnd: fw.period_end,
      extendedTo: fw.extended_to,
    })
  ) {
    throw invalid(
      'year',
      `outside the framework's period (${fw.period_start}–${fw.extended_to ?? fw.period_end})`,
    );
  }
  const bad = input.countries.find((c) => !(REPORT_COUNTRIES as readonly string[]).includes(c));
  if (bad !== undefined) {
    throw invalid('countries', 'not a COMMIT country');
  }
  return { title: fw.title };
}

/** What the report builder offers the caller: frameworks and the countries in reach. */
export async function reportOptions(args: Args): Promise<ReportOptionsView> {
  const { ctx, auth } = args;
  const scope = widestScope(auth.actor, 'read', 'plan');
  if (scope === null) {
    return denyAccess(ctx, auth, 'read', 'plan', null);
  }
  const rows = await ctx.db
    .selectFrom('plan_framework')
    .select(['id', 'title', 'short_title', 'period_start', 'period_end', 'extended_to'])
    .where('status', '!=', 'Archived')
    .orderBy('period_start')
    .execute();
  return {
    frameworks: rows.map((r) => ({
      id: r.id,
      title: r.title,
      shortTitle: r.short_title,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      extendedTo: r.extended_to,
    })),
    countries:
      scope === 'region'
        ? [...REPORT_COUNTRIES]
        : REPORT_COUNTRIES.filter((c) => c === auth.actor.countryCode),
    canFinalise: widestScope(auth.actor, 'approve', 'plan') !== null,
  };
}

/** Create a report (Draft). Empty countries = all six; a focal point may report on their own only. */
export async function createReport(args: Args & { input: unknown }): Promise<ReportView> {
  const { ctx, auth } = args;
  const input: ReportInput = parseInput(ReportInputSchema, args.input);
  const countries = input.countries.length > 0 ? [...input.countries] : [...REPORT_COUNTRIES];
  await requireOnReport(args, 'create', countries, null);
  const year = input.kind === 'Annual' ? (input.year ?? null) : null;
  const fw = await checkScopeInput(ctx.db, { ...input, year, countries });
  const now = ctx.now();
  const id = crypto.randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('monitoring_report')
      .values({
        id,
        framework_id: input.frameworkId,
        kind: input.kind,
        year,
        second_language: input.secondLanguage ?? null,
        countries,
        title: input.title ?? defaultReportTitle(input.kind, year, fw.title),
        introduction: input.introduction ?? null,
        conclusion: input.conclusion ?? null,
        created_by: auth.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await audit(
      trx,
      now,
      auth,
      'plans.report_save',
      { type: TARGET, id },
      { created: true, kind: input.kind, year, countries },
    );
  });
  return getReport({ ...args, id });
}

/** Change a Draft report (version-locked; a Final report is locked). */
export async function updateReport(
  args: Args & { id: string; input: unknown },
): Promise<ReportView> {
  const { ctx, auth } = args;
  const input: ReportUpdateInput = parseInput(ReportUpdateInputSchema, args.input);
  const row = await loadReport(ctx.db, args.id);
  await requireOnReport(args, 'update', countriesOf(row), row.id);
  const countries = input.countries ?? countriesOf(row);
  if (input.countries !== undefined) {
    await requireOnReport(
      args,
      'update',
      countries.length ? countries : [...REPORT_COUNTRIES],
      row.id,
    );
  }
  if (row.status === 'Final') {
    throw conflict('The report is final: reopen it to change it');
  }
  const year = row.kind === 'Annual' ? (input.year === undefined ? row.year : input.year) : null;
  if (row.kind === 'Annual' && year === null) {
    throw invalid('year', 'an annual report needs a year');
  }
  await checkScopeInput(ctx.db, {
    frameworkId: row.framework_id,
    kind: row.kind as ReportKind,
    year,
    countries,
  });
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('monitoring_report')
      .set({
        year,
        ...(input.secondLanguage !== undefined ? { second_language: input.secondLanguage } : {}),
        countries: countries.length ? countries : [...REPORT_COUNTRIES],
        ...givenColumns(input, {
          title: 'title',
          introduction: 'introduction',
          conclusion: 'conclusion',
        }),
        version: row.version + 1,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .where('status', '=', 'Draft')
      .executeTakeFirst();
    expectOneUpdated(res, () => conflict('The report was changed meanwhile (stale version)'));
    await audit(
      trx,
      now,
      auth,
      'plans.report_save',
      { type: TARGET, id: row.id },
      {
        fields: Object.keys(input).filter((k) => k !== 'version'),
      },
    );
  });
  return getReport(args);
}

/**
 * Lock (Final) or unlock (Draft) a report at the version the caller saw, audited as `action`.
 * @throws CONFLICT on a stale version
 */
async function setLocked(
  args: Args,
  row: ReportRow,
  version: number,
  final: boolean,
  action: AuditAction,
  details: Record<string, unknown>,
): Promise<void> {
  const { ctx, auth } = args;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('monitoring_report')
      .set({
        status: final ? 'Final' : 'Draft',
        finalised_at: final ? now : null,
        finalised_by: final ? auth.actor.userId : null,
        version: row.version + 1,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .where('version', '=', version)
      .executeTakeFirst();
    expectOneUpdated(res, () => conflict('The report was changed meanwhile (stale version)'));
    await audit(trx, now, auth, action, { type: TARGET, id: row.id }, details);
  });
}

/** Lock the report (Draft → Final); it needs a finished run to lock. */
export async function finaliseReport(
  args: Args & { id: string; input: unknown },
): Promise<ReportView> {
  const { ctx } = args;
  const input: ReportFinaliseInput = parseInput(ReportFinaliseInputSchema, args.input);
  const row = await loadReport(ctx.db, args.id);
  await requireOnReport(args, 'approve', countriesOf(row), row.id);
  if (row.status === 'Final') {
    throw conflict('The report is already final');
  }
  const latest = (await latestRuns(ctx.db, [row.id])).get(row.id);
  if (latest?.status !== 'Done') {
    throw conflict('Generate the report before finalising it');
  }
  await setLocked(args, row, input.version, true, 'plans.report_finalise', { runId: latest.id });
  return getReport(args);
}

/** Unlock a Final report (→ Draft), with the reason audited. */
export async function reopenReport(
  args: Args & { id: string; input: unknown },
): Promise<ReportView> {
  const { ctx } = args;
  const input: ReportReopenInput = parseInput(ReportReopenInputSchema, args.input);
  const row = await loadReport(ctx.db, args.id);
  await requireOnReport(args, 'approve', countriesOf(row), row.id);
  if (row.status !== 'Final') {
    throw conflict('Only a final report is reopened');
  }
  await setLocked(args, row, input.version, false, 'plans.report_reopen', {
    reason: input.reason,
  });
  return getReport(args);
}

// ---------------------------------------------------------------------------------------------
// Generation runs

/** A run left Running this long (a restarted server) is given up as Failed. */
const STALE_RUN_MS = 10 * 60_000;

/**
 * Start a generation run: the row is written Queued and the work goes on in the background (poll
 * the run for progress). One run at a time per report; a Final report takes none.
 */
export async function startReportRun(
  args: Args & { id: string; background?: boolean },
): Promise<ReportRunView> {
  const { ctx, auth } = args;
  const row = await loadReport(ctx.db, args.id);
  await requireOnReport(args, 'update', countriesOf(row), row.id);
  if (row.status === 'Final') {
    throw conflict('The report is final: reopen it to generate it again');
  }
  const now = ctx.now();
  const runId = crypto.randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    const busy = await trx
      .selectFrom('monitoring_report_run')
      .select(['id', 'created_at'])
      .where('report_id', '=', row.id)
      .where('status', 'in', ['Queued', 'Running'])
      .execute();
    for (const b of busy) {
      if (now.getTime() - new Date(b.created_at).getTime() > STALE_RUN_MS) {
        await trx
          .updateTable('monitoring_report_run')
          .set({ status: 'Failed', failure: 'abandoned (server restarted)', finished_at: now })
          .where('id', '=', b.id)
          .execute();
      } else {
        throw conflict('A generation run of this report is under way');
      }
    }
    await trx
      .insertInto('monitoring_report_run')
      .values({
        id: runId,
        report_id: row.id,
        status: 'Queued',
        progress: 0,
        stage: 'queued',
        requested_by: auth.actor.userId,
        created_at: now,
      })
      .execute();
    await audit(trx, now, auth, 'plans.report_generate', { type: TARGET, id: row.id }, { runId });
  });
  if (args.background === false) {
    await executeReportRun(ctx, runId);
  } else {
    setImmediate(() => {
      void executeReportRun(ctx, runId).catch(() => undefined);
    });
  }
  return getReportRun({ ...args, runId });
}

async function setProgress(
  ctx: ServiceContext,
  runId: string,
  progress: number,
  stage: string,
): Promise<void> {
  await ctx.db
    .updateTable('monitoring_report_run')
    .set({ progress, stage })
    .where('id', '=', runId)
    .execute();
}

const stageProgress = (stage: string): number =>
  REPORT_STAGES.find((s) => s.stage === stage)?.progress ?? 0;

/**
 * Do the work of a run: collect, render the HTML (charts included), paginate and print the PDF,
 * write the XLSX annex and store all three. Updates progress and stage as it goes; a failure is
 * stored on the run (never thrown to the caller).
 */
export async function executeReportRun(ctx: ServiceContext, runId: string): Promise<void> {
  try {
    const run = await ctx.db
      .selectFrom('monitoring_report_run')
      .select(['id', 'report_id'])
      .where('id', '=', runId)
      .executeTakeFirstOrThrow();
    const report = await loadReport(ctx.db, run.report_id);
    const generatedAt = ctx.now();
    await ctx.db
      .updateTable('monitoring_report_run')
      .set({
        status: 'Running',
        started_at: generatedAt,
        progress: stageProgress('collect'),
        stage: 'collect',
      })
      .where('id', '=', runId)
      .execute();
    const data = await collectReportData(ctx.db, {
      frameworkId: report.framework_id,
      kind: report.kind as ReportKind,
      year: report.year,
      countries: countriesOf(report),
    });
    await setProgress(ctx, runId, stageProgress('charts'), 'charts');
    const meta = {
      title: report.title,
      kind: report.kind as ReportKind,
      year: report.year,
      status: report.status as ReportStatus,
      secondLanguage: report.second_language,
      introduction: report.introduction,
      conclusion: report.conclusion,
      generatedAt,
    };
    const html = buildReportHtml(data, meta);
    await setProgress(ctx, runId, stageProgress('pdf'), 'pdf');
    const { pdf, pageCount } = await renderPagedPdf(html);
    await setProgress(ctx, runId, stageProgress('xlsx'), 'xlsx');
    const xlsx = await buildReportXlsx(data, { title: report.title, generatedAt });
    await setProgress(ctx, runId, stageProgress('store'), 'store');
    await ctx.db
      .updateTable('monitoring_report_run')
      .set({
        status: 'Done',
        progress: 100,
        stage: 'done',
        html,
        pdf,
        xlsx,
        page_count: pageCount,
        finished_at: ctx.now(),
      })
      .where('id', '=', runId)
      .execute();
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 300);
    await ctx.db
      .updateTable('monitoring_report_run')
      .set({ status: 'Failed', failure: message, finished_at: ctx.now() })
      .where('id', '=', runId)
      .execute()
      .catch(() => undefined);
  }
}

export async function listReportRuns(args: Args & { id: string }): Promise<ReportRunView[]> {
  const row = await loadReport(args.ctx.db, args.id);
  await requireOnReport(args, 'read', countriesOf(row), row.id);
  const rows = (await runQuery(args.ctx.db)
    .where('report_id', '=', row.id)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute()) as RunRow[];
  return rows.map(runView);
}

export async function getReportRun(
  args: Args & { id: string; runId: string },
): Promise<ReportRunView> {
  const row = await loadReport(args.ctx.db, args.id);
  await requireOnReport(args, 'read', countriesOf(row), row.id);
  const run = (await runQuery(args.ctx.db)
    .where('report_id', '=', row.id)
    .where('id', '=', args.runId)
    .executeTakeFirst()) as RunRow | undefined;
  if (!run) {
    throw notFound('run');
  }
  return runView(run);
}

export const REPORT_OUTPUTS = {
  pdf: { mediaType: 'application/pdf', extension: 'pdf' },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
  html: { mediaType: 'text/html; charset=utf-8', extension: 'html' },
} as const;
export type ReportOutput = keyof typeof REPORT_OUTPUTS;

/** One output of a finished run (export permission; the download is audited). */
export async function downloadReportOutput(
  args: Args & { id: string; runId: string; output: ReportOutput },
): Promise<{ body: Buffer; mediaType: string; fileName: string }> {
  const { ctx, auth } = args;
  const row = await loadReport(ctx.db, args.id);
  await requireOnReport(args, args.output === 'html' ? 'read' : 'export', countriesOf(row), row.id);
  const run = await ctx.db
    .selectFrom('monitoring_report_run')
    .select(['id', 'status', args.output])
    .where('report_id', '=', row.id)
    .where('id', '=', args.runId)
    .executeTakeFirst();
  if (!run) {
    throw notFound('run');
  }
  const content = (run as Record<string, unknown>)[args.output];
  if (run.status !== 'Done' || content === null || content === undefined) {
    throw conflict('The run has not finished');
  }
  await appendAuditEventNow(
    ctx.db,
    auditEvent(
      auth,
      'plans.report_download',
      { type: TARGET, id: row.id },
      {
        runId: run.id,
        output: args.output,
      },
    ),
    ctx.now(),
  );
  const body =
    typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content as Uint8Array);
  const slug =
    `${row.kind === 'Final' ? 'final-report' : `monitoring-report-${row.year}`}-${row.framework_id}`
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-');
  return {
    body,
    mediaType: REPORT_OUTPUTS[args.output].mediaType,
    fileName: `${slug}.${REPORT_OUTPUTS[args.output].extension}`,
  };
}
