import type { Db } from '@ctip/db';
import { DomainError } from '@ctip/domain';
import type { AuthContext, ServiceContext } from '../context';
import type { CaseFileFormat } from './htcds-file';

/** Stages of an import. */
export const IMPORT_JOB_STATUSES = ['queued', 'validating', 'inserting', 'done', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

/** One problem of an import: file row number (the header is row 1), column, message; no values. */
export type ImportRowError = { row: number; column: string; message: string };

/** The most row errors a report keeps (the total is always given). */
export const MAX_REPORTED_ERRORS = 1000;

/** What the caller sees of an import. Holds no personal data. */
export type ImportJob = {
  id: string;
  format: CaseFileFormat;
  status: ImportJobStatus;
  /** Data rows in the file. */
  total: number;
  /** Rows validated (validating) or written (inserting). */
  processed: number;
  /** Cases created (done). */
  inserted: number;
  /** Row errors in total; `errors` holds at most MAX_REPORTED_ERRORS of them. */
  errorCount: number;
  errors: ImportRowError[];
  /** Why a job failed outside validation (e.g. a database error), in general words. */
  failure: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
};

/**
 * Live progress of running imports, in this process. The job row is written at each change of stage
 * only, never while the import transaction is open: PGlite has a single connection (a second write
 * would wait for the transaction forever), and on PostgreSQL it keeps the row out of the lock path.
 * So while a job inserts, the row says `inserting` and the live count is here.
 */
const LIVE = new Map<string, ImportJob>();

/** Register a new job (queued) and write its row. */
export async function createImportJob(
  ctx: ServiceContext,
  auth: AuthContext,
  id: string,
  format: CaseFileFormat,
): Promise<ImportJob> {
  const now = ctx.now();
  const job: ImportJob = {
    id,
    format,
    status: 'queued',
    total: 0,
    processed: 0,
    inserted: 0,
    errorCount: 0,
    errors: [],
    failure: null,
    createdBy: auth.actor.userId,
    createdAt: now.toISOString(),
    finishedAt: null,
  };
  LIVE.set(id, job);
  await ctx.db
    .insertInto('import_job')
    .values({
      id,
      format,
      status: 'queued',
      created_by: auth.actor.userId,
      agency_id: auth.actor.agencyId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return job;
}

/** Update the live state (cheap; call as often as progress moves). */
export function updateImportJob(id: string, patch: Partial<ImportJob>): void {
  const job = LIVE.get(id);
  if (job) {
    Object.assign(job, patch);
  }
}

/** Write the live state to the job row (at stage changes, outside any open transaction). */
export async function persistImportJob(db: Db, id: string, now: Date): Promise<void> {
  const job = LIVE.get(id);
  if (!job) {
    return;
  }
  await db
    .updateTable('import_job')
    .set({
      status: job.status,
      total: job.total,
      processed: job.processed,
      inserted: job.inserted,
      error_count: job.errorCount,
      errors: JSON.stringify(job.errors),
      failure: job.failure,
      updated_at: now,
      finished_at: job.finishedAt,
    })
    .where('id', '=', id)
    .execute();
  if (job.status === 'done' || job.status === 'failed') {
    // Finished jobs are read from their row; drop the live copy after a while.
    setTimeout(() => LIVE.delete(id), 10 * 60_000).unref();
  }
}

/**
 * An import job, for the user who started it only (its error report describes their file).
 * @throws NOT_FOUND for an unknown job or one of another user
 */
export async function getImportJob(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<ImportJob> {
  const { ctx, auth, id } = args;
  const live = LIVE.get(id);
  if (live) {
    if (live.createdBy !== auth.actor.userId) {
      throw new DomainError('NOT_FOUND', 'No such import job');
    }
    return { ...live, errors: [...live.errors] };
  }
  const row = await ctx.db
    .selectFrom('import_job')
    .selectAll()
    .where('id', '=', id)
    .where('created_by', '=', auth.actor.userId)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such import job');
  }
  return {
    id: row.id,
    format: row.format as CaseFileFormat,
    status: row.status as ImportJobStatus,
    total: row.total,
    processed: row.processed,
    inserted: row.inserted,
    errorCount: row.error_count,
    errors: (typeof row.errors === 'string'
      ? JSON.parse(row.errors)
      : row.errors) as ImportRowError[],
    failure: row.failure,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}
