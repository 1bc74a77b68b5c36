import { randomUUID } from 'node:crypto';
import {
  type ColumnMapping,
  DomainError,
  type ImportFormat,
  type ImportJobView,
  type ImportLayout,
  type StatImportError,
} from '@ctip/domain';
import type { AuthContext, ServiceContext } from '../../context';

/** The most row errors a job keeps (errorCount gives the total). */
export const MAX_STAT_IMPORT_ERRORS = 1000;

type LiveJob = ImportJobView & { createdBy: string };

/**
 * Live state of running statistics imports (this process). As for case imports, the stat_import
 * row is written at stage changes only, never while the import transaction is open (PGlite has a
 * single connection); GET reads the live state first, then the row.
 */
const LIVE = new Map<string, LiveJob>();

export async function createStatImportJob(
  ctx: ServiceContext,
  auth: AuthContext,
  file: { fileName: string; format: ImportFormat; sha256: string; layout: ImportLayout },
  mapping: ColumnMapping | null,
): Promise<ImportJobView> {
  const id = randomUUID();
  const now = ctx.now();
  const job: LiveJob = {
    id,
    status: 'Validating',
    fileName: file.fileName,
    format: file.format,
    progress: { processed: 0, total: 0 },
    inserted: 0,
    updated: 0,
    unchanged: 0,
    errors: [],
    errorCount: 0,
    createdAt: now.toISOString(),
    finishedAt: null,
    createdBy: auth.actor.userId,
  };
  LIVE.set(id, job);
  await ctx.db
    .insertInto('stat_import')
    .values({
      id,
      status: 'Validating',
      format: file.format,
      layout: file.layout,
      file_name: file.fileName.slice(0, 300),
      file_sha256: file.sha256,
      mapping: mapping ? JSON.stringify(mapping) : null,
      country: auth.actor.countryCode,
      created_by: auth.actor.userId,
      created_at: now,
    })
    .execute();
  return view(job);
}

function view(job: LiveJob): ImportJobView {
  const { createdBy: _c, ...rest } = job;
  return { ...rest, progress: { ...job.progress }, errors: [...job.errors] };
}

export function updateStatImportJob(id: string, patch: Partial<ImportJobView>): void {
  const job = LIVE.get(id);
  if (job) {
    Object.assign(job, patch);
  }
}

export function setStatImportErrors(id: string, errors: readonly StatImportError[]): void {
  updateStatImportJob(id, {
    errors: errors.slice(0, MAX_STAT_IMPORT_ERRORS),
    errorCount: errors.length,
  });
}

/** Write the live state to the row (outside any open transaction). */
export async function persistStatImportJob(ctx: ServiceContext, id: string): Promise<void> {
  const job = LIVE.get(id);
  if (!job) {
    return;
  }
  await ctx.db
    .updateTable('stat_import')
    .set({
      status: job.status,
      total_rows: job.progress.total,
      processed_rows: job.progress.processed,
      inserted: job.inserted,
      updated: job.updated,
      unchanged: job.unchanged,
      errors: JSON.stringify({ count: job.errorCount, items: job.errors }) as unknown as string,
      finished_at: job.finishedAt,
    })
    .where('id', '=', id)
    .execute();
  if (job.status === 'Done' || job.status === 'Failed') {
    setTimeout(() => LIVE.delete(id), 10 * 60_000).unref();
  }
}

/**
 * An import job, for the user who started it.
 * @throws NOT_FOUND for an unknown job or another user's
 */
export async function getStatImportJob(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<ImportJobView> {
  const { ctx, auth, id } = args;
  const live = LIVE.get(id);
  if (live) {
    if (live.createdBy !== auth.actor.userId) {
      throw new DomainError('NOT_FOUND', 'No such import job');
    }
    return view(live);
  }
  const row = await ctx.db
    .selectFrom('stat_import')
    .selectAll()
    .where('id', '=', id)
    .where('created_by', '=', auth.actor.userId)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such import job');
  }
  const raw = typeof row.errors === 'string' ? JSON.parse(row.errors) : row.errors;
  const errs = (raw ?? { count: 0, items: [] }) as { count: number; items: StatImportError[] };
  return {
    id: row.id,
    status: row.status as ImportJobView['status'],
    fileName: row.file_name,
    format: row.format as ImportFormat,
    progress: { processed: row.processed_rows, total: row.total_rows },
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    errors: errs.items ?? [],
    errorCount: errs.count ?? 0,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}
