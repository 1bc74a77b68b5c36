import { randomUUID } from 'node:crypto';
import {
  type CaseFilters,
  CaseFiltersSchema,
  DomainError,
  IdSchema,
  type SavedSearch,
  type SavedSearchInput,
  SavedSearchInputSchema,
} from '@ctip/domain';
import { requireScope } from '../common/access';
import { isoOf } from '../common/iso-date';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';

type Args = { ctx: ServiceContext; auth: AuthContext };

/**
 * A saved search never keeps a person's name: the name filter is dropped before storing, so the
 * table holds coded filters only (it is not encrypted).
 */
function storableFilters(filters: CaseFilters): CaseFilters {
  const { name: _name, ...rest } = filters;
  return Object.fromEntries(
    Object.entries(rest).filter(([, v]) => v !== undefined && v !== ''),
  ) as CaseFilters;
}

function rowToSavedSearch(row: {
  id: string;
  name: string;
  filters: unknown;
  created_at: Date;
}): SavedSearch {
  const raw = typeof row.filters === 'string' ? JSON.parse(row.filters) : row.filters;
  const parsed = CaseFiltersSchema.safeParse(raw);
  return {
    id: row.id,
    name: row.name,
    filters: parsed.success ? parsed.data : {},
    createdAt: isoOf(row.created_at) as string,
  };
}

async function assertNameFree(args: Args, name: string, exceptId?: string): Promise<void> {
  let q = args.ctx.db
    .selectFrom('saved_search')
    .select('id')
    .where('user_id', '=', args.auth.actor.userId)
    .where('name', '=', name);
  if (exceptId) {
    q = q.where('id', '!=', exceptId);
  }
  if (await q.executeTakeFirst()) {
    throw new DomainError('CONFLICT', 'name: you already have a saved search of that name', {
      field: 'name',
    });
  }
}

/** The caller's saved case searches, by name. @throws FORBIDDEN when the caller reads no cases */
export async function listSavedSearches(args: Args): Promise<{ items: SavedSearch[] }> {
  await requireScope(args.ctx, args.auth, 'read', 'case');
  const rows = await args.ctx.db
    .selectFrom('saved_search')
    .select(['id', 'name', 'filters', 'created_at'])
    .where('user_id', '=', args.auth.actor.userId)
    .orderBy('name')
    .execute();
  return { items: rows.map(rowToSavedSearch) };
}

/** Save the current filters under a name. @throws INVALID_INPUT, FORBIDDEN, CONFLICT (name taken) */
export async function createSavedSearch(
  args: Args & { input: SavedSearchInput },
): Promise<SavedSearch> {
  const input = parseInput(SavedSearchInputSchema, args.input);
  await requireScope(args.ctx, args.auth, 'read', 'case');
  await assertNameFree(args, input.name);
  const row = await args.ctx.db
    .insertInto('saved_search')
    .values({
      id: randomUUID(),
      user_id: args.auth.actor.userId,
      name: input.name,
      filters: JSON.stringify(storableFilters(input.filters)),
      created_at: args.ctx.now(),
    })
    .returning(['id', 'name', 'filters', 'created_at'])
    .executeTakeFirstOrThrow();
  return rowToSavedSearch(row);
}

/** Rename or change one of the caller's saved searches. @throws INVALID_INPUT, NOT_FOUND, CONFLICT */
export async function updateSavedSearch(
  args: Args & { id: string; input: SavedSearchInput },
): Promise<SavedSearch> {
  const id = parseInput(IdSchema, args.id);
  const input = parseInput(SavedSearchInputSchema, args.input);
  await requireScope(args.ctx, args.auth, 'read', 'case');
  await assertNameFree(args, input.name, id);
  const row = await args.ctx.db
    .updateTable('saved_search')
    .set({ name: input.name, filters: JSON.stringify(storableFilters(input.filters)) })
    .where('id', '=', id)
    .where('user_id', '=', args.auth.actor.userId)
    .returning(['id', 'name', 'filters', 'created_at'])
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such saved search');
  }
  return rowToSavedSearch(row);
}

/** Delete one of the caller's saved searches. @throws NOT_FOUND */
export async function deleteSavedSearch(args: Args & { id: string }): Promise<void> {
  const id = parseInput(IdSchema, args.id);
  const res = await args.ctx.db
    .deleteFrom('saved_search')
    .where('id', '=', id)
    .where('user_id', '=', args.auth.actor.userId)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) {
    throw new DomainError('NOT_FOUND', 'No such saved search');
  }
}
