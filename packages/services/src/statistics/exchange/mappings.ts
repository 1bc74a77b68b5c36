import { randomUUID } from 'node:crypto';
import {
  type ColumnMapping,
  ColumnMappingSchema,
  DomainError,
  type ImportFormat,
  SavedMappingInputSchema,
  type SavedMappingView,
} from '@ctip/domain';
import type { z } from 'zod';
import { authorize } from '../../common/access';
import type { AuthContext, ServiceContext } from '../../context';

type Row = { id: string; name: string; mapping: unknown; created_at: Date; updated_at: Date };

function toView(r: Row): SavedMappingView {
  const mapping = ColumnMappingSchema.parse(
    typeof r.mapping === 'string' ? JSON.parse(r.mapping) : r.mapping,
  );
  return {
    id: r.id,
    name: r.name,
    layout: mapping.layout,
    mapping,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The columns a mapping reads. */
export function mappingColumns(m: ColumnMapping): string[] {
  if (m.layout === 'adx') {
    return [];
  }
  const cols: string[] = [];
  const f = m.fields;
  for (const s of [
    f.dataElement,
    f.country,
    f.province,
    f.period,
    f.status,
    f.note,
    ...Object.values(f.dimensions),
  ]) {
    if (s && 'column' in s) {
      cols.push(s.column);
    }
  }
  if (m.layout === 'long' && 'column' in m.value) {
    cols.push(m.value.column);
  }
  if (m.layout === 'wide') {
    cols.push(...m.columns.map((c) => c.column));
  }
  return cols;
}

export async function listStatMappings(args: { ctx: ServiceContext; auth: AuthContext }) {
  await authorize(args.ctx, args.auth, 'create', 'statistic');
  const rows = await args.ctx.db
    .selectFrom('stat_import_mapping')
    .selectAll()
    .orderBy('name')
    .execute();
  return { items: rows.map(toView) };
}

/** Saved mappings whose columns all occur in `headers` (most columns first). */
export async function listMatchingMappings(
  ctx: ServiceContext,
  headers: readonly string[],
  format: ImportFormat,
): Promise<SavedMappingView[]> {
  const rows = await ctx.db.selectFrom('stat_import_mapping').selectAll().execute();
  const have = new Set(headers.map((h) => h.trim().toLowerCase()));
  return rows
    .map(toView)
    .filter((m) => (format === 'adx' ? m.layout === 'adx' : m.layout !== 'adx'))
    .map((m) => ({ m, cols: mappingColumns(m.mapping) }))
    .filter(({ cols }) => cols.every((c) => have.has(c.trim().toLowerCase())))
    .sort((a, b) => b.cols.length - a.cols.length)
    .map(({ m }) => m);
}

/** A saved mapping by id or name. @throws NOT_FOUND */
export async function loadSavedMapping(
  ctx: ServiceContext,
  idOrName: string,
): Promise<ColumnMapping> {
  const isId = /^[0-9a-f-]{36}$/i.test(idOrName);
  const row = await ctx.db
    .selectFrom('stat_import_mapping')
    .selectAll()
    .where(isId ? 'id' : 'name', '=', idOrName)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such saved mapping');
  }
  return toView(row).mapping;
}

async function nameTaken(ctx: ServiceContext, name: string, exceptId: string | null) {
  const row = await ctx.db
    .selectFrom('stat_import_mapping')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst();
  if (row && row.id !== exceptId) {
    throw new DomainError('CONFLICT', 'name: a mapping of that name exists', { field: 'name' });
  }
}

export async function createStatMapping(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: z.input<typeof SavedMappingInputSchema>;
}): Promise<SavedMappingView> {
  const { ctx, auth } = args;
  const input = SavedMappingInputSchema.parse(args.input);
  await authorize(ctx, auth, 'create', 'statistic');
  await nameTaken(ctx, input.name, null);
  const now = ctx.now();
  const row = await ctx.db
    .insertInto('stat_import_mapping')
    .values({
      id: randomUUID(),
      name: input.name,
      mapping: JSON.stringify(input.mapping),
      created_by: auth.actor.userId,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toView(row);
}

export async function updateStatMapping(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: z.input<typeof SavedMappingInputSchema>;
}): Promise<SavedMappingView> {
  const { ctx, auth, id } = args;
  const input = SavedMappingInputSchema.parse(args.input);
  await authorize(ctx, auth, 'create', 'statistic');
  await nameTaken(ctx, input.name, id);
  const row = await ctx.db
    .updateTable('stat_import_mapping')
    .set({ name: input.name, mapping: JSON.stringify(input.mapping), updated_at: ctx.now() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such saved mapping');
  }
  return toView(row);
}

export async function deleteStatMapping(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<void> {
  await authorize(args.ctx, args.auth, 'create', 'statistic');
  const r = await args.ctx.db
    .deleteFrom('stat_import_mapping')
    .where('id', '=', args.id)
    .executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) {
    throw new DomainError('NOT_FOUND', 'No such saved mapping');
  }
}
