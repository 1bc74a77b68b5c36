import { createHash } from 'node:crypto';
import {
  type ColumnMapping,
  ColumnMappingSchema,
  DomainError,
  type ImportFormat,
  type ImportJobView,
  type ImportPreview,
  type ImportStartRequest,
  type ImportUpload,
  STAT_DIMENSIONS,
  type StatDimension,
  type StatImportError,
} from '@ctip/domain';
import { appendAuditEvent } from '../../audit/append-audit-event';
import { auditEvent, authorize } from '../../common/access';
import type { AuthContext, ServiceContext } from '../../context';
import { revalidateBlocks } from '../core/revalidate';
import { readAdx, readStatCsv, readStatXlsx, type StatSheet, statFileFormatOf } from './files';
import {
  createStatImportJob,
  getStatImportJob,
  persistStatImportJob,
  setStatImportErrors,
  updateStatImportJob,
} from './import-job';
import { listMatchingMappings, loadSavedMapping } from './mappings';
import { BUILT_IN_OPTION_MAPS, normText } from './option-maps';
import { type Candidate, parseAdx, parseSheet } from './parse-rows';
import { loadImportMetadata, validateCandidates } from './validate-import';
import { writeStatValues } from './write-values';

/** A file to import, already decoded. */
export type StatImportFile = {
  fileName: string;
  format?: ImportFormat;
  sheet?: string;
  data: Buffer;
};

export function decodeUpload(u: ImportUpload): StatImportFile {
  return {
    fileName: u.fileName,
    ...(u.format ? { format: u.format } : {}),
    ...(u.sheet ? { sheet: u.sheet } : {}),
    data: Buffer.from(u.contentBase64, 'base64'),
  };
}

async function readSheet(format: ImportFormat, file: StatImportFile): Promise<StatSheet> {
  if (format === 'csv') {
    return readStatCsv(file.data);
  }
  if (format === 'xlsx') {
    return readStatXlsx(file.data, file.sheet);
  }
  const values = readAdx(file.data);
  const attrs = new Set<string>();
  for (const v of values.slice(0, 1000)) {
    for (const k of Object.keys(v.attributes)) {
      attrs.add(k);
    }
  }
  const headers = ['dataSet', 'period', 'orgUnit', 'dataElement', ...attrs, 'value'];
  return {
    headers,
    rows: values.map((v) => [
      v.dataSet ?? '',
      v.period,
      v.orgUnit,
      v.dataElement,
      ...[...attrs].map((a) => v.attributes[a] ?? ''),
      v.value ?? '',
    ]),
    sheets: [],
    sheet: null,
  };
}

const FIELD_HEADERS: Record<string, string[]> = {
  dataElement: ['data_element', 'dataelement', 'element', 'data element'],
  country: ['country', 'reporting_country', 'orgunit', 'country_code', 'reporting country'],
  province: ['province'],
  period: ['period', 'year'],
  status: ['status'],
  note: ['note', 'notes'],
};
const VALUE_HEADERS = ['value', 'count', 'number', 'persons'];
const DIM_HEADERS: Record<string, StatDimension> = {
  ...Object.fromEntries(STAT_DIMENSIONS.map((d) => [d, d])),
  from_country: 'country_from',
  to_country: 'country_to',
  age: 'age_group',
  gender: 'sex',
};

/** Options a column-name phrase stands for (strict: built-in spellings and codes only). */
function phraseOption(phrase: string): [StatDimension, string] | null {
  for (const dim of ['exploitation', 'age_group', 'sex', 'channel', 'victim_category'] as const) {
    const hit = BUILT_IN_OPTION_MAPS[dim][phrase];
    if (hit !== undefined && hit !== '') {
      return [dim, hit];
    }
  }
  return null;
}

/** What a wide column's name means (`sexual_exploitation_0_14_M`, `y2008`), or null. */
export function wideColumnMeaning(
  header: string,
): { period?: string; dimensions: Partial<Record<StatDimension, string>> } | null {
  const h = header.trim();
  const year = /^[yY]?(\d{4})$/.exec(h);
  if (year) {
    return { period: year[1] as string, dimensions: {} };
  }
  const tokens = normText(h)
    .split(/[_\s]+/)
    .filter(Boolean);
  const dimensions: Partial<Record<StatDimension, string>> = {};
  let i = 0;
  while (i < tokens.length) {
    let matched = false;
    for (let j = tokens.length; j > i; j -= 1) {
      const part = tokens.slice(i, j);
      const hit = phraseOption(part.join(' ')) ?? phraseOption(part.join('_'));
      if (hit && dimensions[hit[0]] === undefined) {
        dimensions[hit[0]] = hit[1];
        i = j;
        matched = true;
        break;
      }
    }
    if (!matched) {
      return null;
    }
  }
  return Object.keys(dimensions).length > 0 ? { dimensions } : null;
}

/** A best-effort mapping from the headers. */
export function suggestMapping(format: ImportFormat, headers: readonly string[]): ColumnMapping {
  if (format === 'adx') {
    return { layout: 'adx', optionMaps: {} };
  }
  const lower = headers.map((h) => normText(h));
  const used = new Set<number>();
  const fields: Record<string, { column: string }> = {};
  for (const [field, names] of Object.entries(FIELD_HEADERS)) {
    const i = lower.findIndex((h, k) => !used.has(k) && names.includes(h));
    if (i >= 0) {
      fields[field] = { column: headers[i] as string };
      used.add(i);
    }
  }
  const dimensions: Partial<Record<StatDimension, { column: string }>> = {};
  lower.forEach((h, k) => {
    const dim = DIM_HEADERS[h.replace(/\s+/g, '_')];
    if (!used.has(k) && dim && !dimensions[dim]) {
      dimensions[dim] = { column: headers[k] as string };
      used.add(k);
    }
  });
  const valueIndex = lower.findIndex((h, k) => !used.has(k) && VALUE_HEADERS.includes(h));
  const base = { optionMaps: {}, skipRows: [] };
  if (valueIndex >= 0) {
    return {
      layout: 'long',
      fields: { ...fields, dimensions },
      value: { column: headers[valueIndex] as string },
      ...base,
    };
  }
  const columns = headers.flatMap((h, k) => {
    if (used.has(k)) {
      return [];
    }
    const meaning = wideColumnMeaning(h);
    return meaning ? [{ column: h, ...meaning }] : [];
  });
  if (columns.length > 0) {
    const totalIndex = lower.indexOf('total');
    if (totalIndex >= 0 && columns.every((c) => c.period === undefined)) {
      columns.push({ column: headers[totalIndex] as string, dimensions: {} });
    }
    if (!fields.country && !Object.keys(dimensions).length && headers[0] && !used.has(0)) {
      fields.country = { column: headers[0] };
    }
    return { layout: 'wide', fields: { ...fields, dimensions }, columns, ...base };
  }
  return {
    layout: 'long',
    fields: { ...fields, dimensions },
    value: { column: headers.at(-1) ?? 'value' },
    ...base,
  };
}

async function authorizeImport(ctx: ServiceContext, auth: AuthContext): Promise<void> {
  await authorize(ctx, auth, 'create', 'statistic');
}

/**
 * Preview an upload: headers, first rows, the guessed layout and mapping, saved mappings that fit.
 * @throws FORBIDDEN without statistic:create (audited); INVALID_INPUT for an unreadable file
 */
export async function previewStatImport(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  file: StatImportFile;
}): Promise<ImportPreview> {
  const { ctx, auth, file } = args;
  await authorizeImport(ctx, auth);
  const format = statFileFormatOf(file.fileName, file.format);
  const sheet = await readSheet(format, file);
  const suggestedMapping = suggestMapping(format, sheet.headers);
  return {
    fileName: file.fileName,
    format,
    headers: sheet.headers,
    rows: sheet.rows.slice(0, 20),
    totalRows: sheet.rows.length,
    sheets: sheet.sheets,
    sheet: sheet.sheet,
    detectedLayout: suggestedMapping.layout,
    suggestedMapping,
    matchingMappings: await listMatchingMappings(ctx, sheet.headers, format),
  };
}

export type StatImportArgs = {
  ctx: ServiceContext;
  auth: AuthContext;
  file: StatImportFile;
  mapping?: ColumnMapping | undefined;
  mappingId?: string | undefined;
  /** stat_source code recorded on every value. */
  source?: string | undefined;
  onProgress?: (job: ImportJobView) => void;
  /** Bench/test: force the staging method. */
  stageMethod?: 'copy' | 'unnest';
};

async function prepare(args: StatImportArgs) {
  const { ctx, auth, file } = args;
  await authorizeImport(ctx, auth);
  const format = statFileFormatOf(file.fileName, file.format);
  let mapping: ColumnMapping | null = args.mapping ? ColumnMappingSchema.parse(args.mapping) : null;
  if (!mapping && args.mappingId) {
    mapping = await loadSavedMapping(ctx, args.mappingId);
  }
  if (!mapping && format === 'adx') {
    mapping = { layout: 'adx', optionMaps: {} };
  }
  let sourceId: string | null = null;
  if (args.source) {
    const src = await ctx.db
      .selectFrom('stat_source')
      .select('id')
      .where('code', '=', args.source)
      .executeTakeFirst();
    if (!src) {
      throw new DomainError('INVALID_INPUT', 'source: unknown source', { field: 'source' });
    }
    sourceId = src.id;
  }
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  return { format, mapping, sourceId, sha256 };
}

async function runStatImport(
  args: StatImportArgs,
  jobId: string,
  prepared: Awaited<ReturnType<typeof prepare>>,
): Promise<ImportJobView> {
  const { ctx, auth, file } = args;
  const { format, sourceId } = prepared;
  const live = async (patch: Partial<ImportJobView>, persist: boolean) => {
    updateStatImportJob(jobId, patch);
    if (args.onProgress) {
      args.onProgress(await getStatImportJob({ ctx, auth, id: jobId }));
    }
    if (persist) {
      await persistStatImportJob(ctx, jobId);
    }
  };
  const progress = (processed: number, total: number) => {
    updateStatImportJob(jobId, { progress: { processed, total } });
    if (args.onProgress) {
      getStatImportJob({ ctx, auth, id: jobId }).then(args.onProgress, () => {});
    }
  };
  const fail = async (errors: readonly StatImportError[]) => {
    setStatImportErrors(jobId, errors);
    await live({ status: 'Failed', finishedAt: ctx.now().toISOString() }, true);
    return getStatImportJob({ ctx, auth, id: jobId });
  };
  try {
    let mapping = prepared.mapping;
    let parsed: {
      candidates: Candidate[];
      errors: StatImportError[];
      dataSets?: (string | null)[];
    };
    if (format === 'adx') {
      const values = readAdx(file.data);
      progress(0, values.length);
      parsed = parseAdx(values, mapping?.optionMaps ?? {});
    } else {
      const sheet = await readSheet(format, file);
      if (!mapping) {
        mapping = suggestMapping(format, sheet.headers);
      }
      if (mapping.layout === 'adx') {
        throw new DomainError('INVALID_INPUT', 'mapping: an ADX mapping needs an ADX file', {
          field: 'mapping',
        });
      }
      const total = sheet.rows.length;
      progress(0, total);
      parsed = parseSheet(sheet, mapping, (n) => progress(n, total));
    }
    const meta = await loadImportMetadata(ctx.db);
    const total = parsed.candidates.length;
    const checked = validateCandidates(
      parsed.candidates,
      meta,
      auth.actor,
      parsed.dataSets ?? null,
      (n) => progress(n, total),
    );
    const errors = [...parsed.errors, ...checked.errors].sort((a, b) => a.row - b.row);
    if (errors.length > 0) {
      return await fail(errors);
    }
    await live(
      { status: 'Importing', progress: { processed: 0, total: checked.values.length } },
      true,
    );
    const now = ctx.now();
    const outcome = await ctx.db.transaction().execute(async (trx) => {
      const out = await writeStatValues(
        trx,
        checked.values,
        { importId: jobId, userId: auth.actor.userId, sourceId, now },
        (n) => progress(n, checked.values.length),
        args.stageMethod,
      );
      if (out.touched.length > 0) {
        await revalidateBlocks(trx, out.touched, now);
      }
      await appendAuditEvent(
        trx,
        auditEvent(
          auth,
          'statistics.import',
          { type: 'stat_import', id: jobId },
          {
            format,
            layout: mapping?.layout ?? 'adx',
            values: checked.values.length,
            inserted: out.inserted,
            updated: out.updated,
            unchanged: out.unchanged,
          },
        ),
        now,
      );
      return out;
    });
    await live(
      {
        status: 'Done',
        progress: { processed: checked.values.length, total: checked.values.length },
        inserted: outcome.inserted,
        updated: outcome.updated,
        unchanged: outcome.unchanged,
        finishedAt: ctx.now().toISOString(),
      },
      true,
    );
  } catch (err) {
    const invalid = (err as { code?: string }).code === 'INVALID_INPUT';
    const field = (err as { field?: string }).field ?? 'file';
    await fail([
      {
        row: 0,
        column: null,
        field,
        code: invalid ? 'invalid_input' : 'failed',
        message: invalid
          ? (err as Error).message.slice(0, 200)
          : 'the import failed and was rolled back: nothing was imported',
      },
    ]).catch(() => {});
  }
  return getStatImportJob({ ctx, auth, id: jobId });
}

/**
 * Import a statistics file and wait for the outcome (CLI, tests): validate every value first (any
 * error: Failed with the row-level report, nothing written), then write all in ONE transaction
 * with revalidation of the touched blocks and the audit event.
 * @throws FORBIDDEN without statistic:create (audited); INVALID_INPUT for a bad mapping or source
 */
export async function importStatFile(args: StatImportArgs): Promise<ImportJobView> {
  const prepared = await prepare(args);
  const job = await createJob(args, prepared);
  return runStatImport(args, job.id, prepared);
}

async function createJob(args: StatImportArgs, prepared: Awaited<ReturnType<typeof prepare>>) {
  return createStatImportJob(
    args.ctx,
    args.auth,
    {
      fileName: args.file.fileName,
      format: prepared.format,
      sha256: prepared.sha256,
      layout: prepared.mapping?.layout ?? (prepared.format === 'adx' ? 'adx' : 'long'),
    },
    prepared.mapping,
  );
}

/** Start an import in the background (the API); poll with getStatImportJob. */
export async function startStatImport(
  args: Omit<StatImportArgs, 'onProgress'>,
): Promise<ImportJobView> {
  const prepared = await prepare(args);
  const job = await createJob(args, prepared);
  runStatImport(args, job.id, prepared).catch(() => {});
  return job;
}

/** The request body of POST /statistics/imports as use-case arguments. */
export function importArgsOf(body: ImportStartRequest) {
  return {
    file: decodeUpload(body),
    mapping: body.mapping,
    mappingId: body.mappingId,
    source: body.source,
  };
}
