import { randomUUID } from 'node:crypto';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent, authorize } from '../common/access';
import type { AuthContext, ServiceContext } from '../context';
import { type CaseFileFormat, readCaseFile } from './htcds-file';
import {
  createImportJob,
  getImportJob,
  type ImportJob,
  persistImportJob,
  updateImportJob,
} from './import-job';
import { insertImportedCases } from './insert-imported-cases';
import { validateCaseSheet } from './validate-case-sheet';

/** Arguments of an import: the caller and the file. */
export type ImportCasesArgs = {
  ctx: ServiceContext;
  auth: AuthContext;
  file: { format: CaseFileFormat; data: Buffer };
  /** Live progress (the CLI's bar); the job registry is updated either way. */
  onProgress?: (job: Pick<ImportJob, 'status' | 'total' | 'processed'>) => void;
};

async function authorizeImport(ctx: ServiceContext, auth: AuthContext): Promise<void> {
  const { actor } = auth;
  await authorize(ctx, auth, 'create', 'case', {
    ownerUserId: actor.userId,
    agencyId: actor.agencyId,
    countryCode: actor.countryCode,
  });
}

/**
 * The import proper, for a registered job: parse, validate every row (any error: report them all,
 * by row and column, and write nothing), then write all cases in ONE transaction with the audit
 * event, so a failure midway (a database error) rolls everything back. Never throws: the outcome is
 * in the job.
 */
async function runImport(args: ImportCasesArgs, jobId: string): Promise<ImportJob> {
  const { ctx, auth, file } = args;
  let current: Pick<ImportJob, 'status' | 'total' | 'processed'> = {
    status: 'queued',
    total: 0,
    processed: 0,
  };
  const progress = (patch: Partial<ImportJob>) => {
    current = { ...current, ...patch };
    updateImportJob(jobId, patch);
    args.onProgress?.(current);
  };
  const set = async (patch: Partial<ImportJob>, persist: boolean) => {
    progress(patch);
    if (persist) {
      await persistImportJob(ctx.db, jobId, ctx.now());
    }
  };
  try {
    const sheet = await readCaseFile(file.format, file.data);
    await set({ status: 'validating', total: sheet.rows.length, processed: 0 }, true);
    const countries = new Set(
      (await ctx.db.selectFrom('country').select('code').execute()).map((c) => c.code),
    );
    const validation = await validateCaseSheet(sheet, countries, (processed) =>
      progress({ processed }),
    );
    if (validation.errorCount > 0) {
      await set(
        {
          status: 'failed',
          errorCount: validation.errorCount,
          errors: validation.errors,
          failure: 'invalid rows: nothing was imported',
          finishedAt: ctx.now().toISOString(),
        },
        true,
      );
      return getImportJob({ ctx, auth, id: jobId });
    }
    await set({ status: 'inserting', processed: 0 }, true);
    const now = ctx.now();
    const ids = await ctx.db.transaction().execute(async (trx) => {
      const created = await insertImportedCases(
        trx,
        ctx.config,
        auth,
        validation.values,
        now,
        (processed) => progress({ processed }),
      );
      await appendAuditEvent(
        trx,
        auditEvent(
          auth,
          'case.import',
          { type: 'import_job', id: jobId },
          { format: file.format, rows: created.length },
        ),
        now,
      );
      return created;
    });
    await set(
      {
        status: 'done',
        processed: ids.length,
        inserted: ids.length,
        finishedAt: ctx.now().toISOString(),
      },
      true,
    );
  } catch (err) {
    // The message may come from the database and quote values: keep only a general reason.
    const invalid = (err as { code?: string }).code === 'INVALID_INPUT';
    await set(
      {
        status: 'failed',
        failure: invalid
          ? (err as Error).message.slice(0, 200)
          : 'the import failed and was rolled back: nothing was imported',
        finishedAt: ctx.now().toISOString(),
      },
      true,
    ).catch(() => {});
  }
  return getImportJob({ ctx, auth, id: jobId });
}

/**
 * Import a case file and wait for the outcome (the CLI).
 * @returns the finished job (`done`, or `failed` with its error report)
 * @throws FORBIDDEN without case:create (audited)
 */
export async function importCases(args: ImportCasesArgs): Promise<ImportJob> {
  await authorizeImport(args.ctx, args.auth);
  const job = await createImportJob(args.ctx, args.auth, randomUUID(), args.file.format);
  return runImport(args, job.id);
}

/**
 * Start importing a case file in the background (the API): the caller polls the job with
 * {@link getImportJob}.
 * @returns the queued job
 * @throws FORBIDDEN without case:create (audited)
 */
export async function startCaseImport(
  args: Omit<ImportCasesArgs, 'onProgress'>,
): Promise<ImportJob> {
  await authorizeImport(args.ctx, args.auth);
  const job = await createImportJob(args.ctx, args.auth, randomUUID(), args.file.format);
  // runImport never throws (the outcome is in the job); the catch is a last guard for the process.
  runImport(args, job.id).catch(() => {});
  return job;
}
