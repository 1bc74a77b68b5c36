import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Db, type DbHandle, migrateToLatest, seedReferenceData } from '@ctip/db';
import type { ReportKind } from '@ctip/domain';
import { loadTestConfig } from '@ctip/server';
import * as services from '@ctip/services';
import {
  type AuthContext,
  createReport,
  loadActor,
  type ServiceContext,
  seedDemoData,
  systemMeta,
} from '@ctip/services';
import { type Output, writeLine } from '../context';

// Monitoring reports from the command line: prepare a database with the demonstration plans, create
// a report as the Secretariat, run its generation in the foreground and write the PDF and XLSX.
// Used by `ctip plans report` (docs/sample-monitoring-report.*) and `ctip bench --suite plans-report`.

/** A use case the other plans areas may or may not have shipped yet (looked up by name). */
type DemoSeeder = (ctx: ServiceContext) => Promise<unknown>;
const optionalSeeders = ['seedDemoPlans', 'seedDemoIndicators'] as const;

/** The demo logins' auth context (the Secretariat runs reports region-wide). */
export async function authAs(ctx: ServiceContext, username: string): Promise<AuthContext> {
  const u = await ctx.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const actor = await loadActor(ctx.db, u.id);
  if (!actor) {
    throw new Error(`user ${username} is disabled`);
  }
  return { actor, sessionId: 'cli', meta: systemMeta('ctip-plans') };
}

/**
 * Migrate, load the reference data (SPA III, case studies, budgets, trainings…), the demo users and
 * statistics, and the demonstration plans (workplans, progress, indicators) when those seeders exist.
 * @returns the names of the demo seeders that ran
 */
export async function prepareReportDatabase(db: Db, ctx: ServiceContext): Promise<string[]> {
  await migrateToLatest(db);
  await seedReferenceData(db);
  await seedDemoData(db);
  return seedDemoPlanData(ctx);
}

/** Run the demonstration seeders of the plans areas that exist (each idempotent). */
export async function seedDemoPlanData(ctx: ServiceContext): Promise<string[]> {
  const ran: string[] = [];
  for (const name of optionalSeeders) {
    const seeder = (services as unknown as Record<string, DemoSeeder | undefined>)[name];
    if (typeof seeder === 'function') {
      await seeder(ctx);
      ran.push(name);
    }
  }
  return ran;
}

export type PlansReportOptions = {
  frameworkId: string;
  kind: ReportKind;
  year: number | null;
  secondLanguage: string | null;
  countries: string[];
  introduction?: string | null;
  conclusion?: string | null;
};

export type PlansReportResult = {
  reportId: string;
  runId: string;
  pageCount: number | null;
  pdf: Buffer;
  xlsx: Buffer;
  html: string;
  /** Wall-clock of the generation run alone. */
  ms: number;
};

/** Create the report as `auth` and generate it in the foreground. @throws Error when it fails */
export async function generatePlansReport(
  ctx: ServiceContext,
  auth: AuthContext,
  options: PlansReportOptions,
): Promise<PlansReportResult> {
  const report = await createReport({
    ctx,
    auth,
    input: {
      frameworkId: options.frameworkId,
      kind: options.kind,
      year: options.kind === 'Annual' ? options.year : null,
      secondLanguage: options.secondLanguage,
      countries: options.countries,
      introduction: options.introduction ?? null,
      conclusion: options.conclusion ?? null,
    },
  });
  const t0 = performance.now();
  const run = await services.startReportRun({ ctx, auth, id: report.id, background: false });
  const ms = performance.now() - t0;
  const row = await ctx.db
    .selectFrom('monitoring_report_run')
    .select(['status', 'failure', 'page_count', 'pdf', 'xlsx', 'html'])
    .where('id', '=', run.id)
    .executeTakeFirstOrThrow();
  if (row.status !== 'Done' || !row.pdf || !row.xlsx || row.html === null) {
    throw new Error(`report generation failed: ${row.failure ?? row.status}`);
  }
  return {
    reportId: report.id,
    runId: run.id,
    pageCount: row.page_count,
    pdf: Buffer.from(row.pdf),
    xlsx: Buffer.from(row.xlsx),
    html: row.html,
    ms,
  };
}

/** Write `<out>.pdf` and `<out>.xlsx` (directories made as needed). */
export async function writeReportFiles(out: string, result: PlansReportResult): Promise<string[]> {
  await mkdir(dirname(out), { recursive: true });
  const files = [`${out}.pdf`, `${out}.xlsx`];
  await writeFile(files[0] as string, result.pdf);
  await writeFile(files[1] as string, result.xlsx);
  return files;
}

/** A service context on a handle, with the CLI's (test) service configuration. */
export function cliContext(handle: DbHandle, config?: ServiceContext['config']): ServiceContext {
  return {
    db: handle.db,
    config: config ?? loadTestConfig({ db: handle.target }).services,
    now: () => new Date(),
  };
}

/** Log a one-line summary of a generated report. */
export function logReport(log: Output, result: PlansReportResult, files: string[] = []): void {
  writeLine(
    log,
    `Report ${result.reportId}: ${result.pageCount ?? '?'} pages, PDF ${Math.round(result.pdf.length / 1024)} KiB, ` +
      `XLSX ${Math.round(result.xlsx.length / 1024)} KiB, generated in ${Math.round(result.ms)} ms` +
      (files.length ? ` → ${files.join(', ')}` : ''),
  );
}
