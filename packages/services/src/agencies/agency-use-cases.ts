import { randomUUID } from 'node:crypto';
import type { Database, Db } from '@ctip/db';
import {
  type Agency,
  type AgencyCreateInput,
  AgencyCreateInputSchema,
  type AgencyUpdateInput,
  AgencyUpdateInputSchema,
  DomainError,
  IdSchema,
  type Page,
  PageQuerySchema,
} from '@ctip/domain';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent, authorize, requireScope } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { likePattern } from '../users/find-users';
import { agencyRecordScope, agencyRowToAgency } from './agency-presenter';

export const AgencyListQuerySchema = PageQuerySchema.extend({
  /** Only agencies of this country. */
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});

async function loadAgency(db: Db | Transaction<Database>, id: string) {
  const row = await db
    .selectFrom('agency')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such agency');
  }
  return row;
}

async function checkReferences(
  db: Db,
  input: { type?: string; countryCode?: string; parentId?: string | null },
  /** The country the agency ends up in: a parent must be in the same one. */
  agencyCountry: string,
) {
  if (input.type !== undefined) {
    const t = await db
      .selectFrom('organisation_type')
      .select('code')
      .where('code', '=', input.type)
      .executeTakeFirst();
    if (!t) {
      throw new DomainError('INVALID_INPUT', 'type: unknown organisation type', { field: 'type' });
    }
  }
  if (input.countryCode !== undefined) {
    const c = await db
      .selectFrom('country')
      .select('code')
      .where('code', '=', input.countryCode)
      .executeTakeFirst();
    if (!c) {
      throw new DomainError('INVALID_INPUT', 'countryCode: unknown country', {
        field: 'countryCode',
      });
    }
  }
  if (input.parentId) {
    const p = await db
      .selectFrom('agency')
      .select(['id', 'country_code'])
      .where('id', '=', input.parentId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!p) {
      throw new DomainError('INVALID_INPUT', 'parentId: no such agency', { field: 'parentId' });
    }
    // The scope check of a new agency trusts its parent; a parent abroad would let an agency-scoped
    // manager place agencies (and so their users) in any country.
    if (p.country_code !== agencyCountry) {
      throw new DomainError('INVALID_INPUT', 'parentId: the parent agency is in another country', {
        field: 'parentId',
      });
    }
  }
}

function nameConflict(err: unknown): boolean {
  return err instanceof Error && /agency_name_country_uq|duplicate key/.test(err.message);
}

/**
 * Register an agency in a country.
 * @throws INVALID_INPUT (unknown type, country or parent), FORBIDDEN, CONFLICT (same name in the country)
 */
export async function createAgency(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: AgencyCreateInput;
}): Promise<Agency> {
  const { ctx, auth } = args;
  const input = parseInput(AgencyCreateInputSchema, args.input);
  const id = randomUUID();
  await authorize(ctx, auth, 'create', 'agency', {
    agencyId: input.parentId ?? id,
    countryCode: input.countryCode,
  });
  await checkReferences(ctx.db, input, input.countryCode);
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto('agency')
        .values({
          id,
          name: input.name,
          short_name: input.shortName || null,
          type: input.type,
          country_code: input.countryCode,
          parent_id: input.parentId ?? null,
          deleted_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAuditEvent(
        trx,
        auditEvent(auth, 'agency.create', { type: 'agency', id }),
        ctx.now(),
      );
      return created;
    });
    return agencyRowToAgency(row);
  } catch (err) {
    if (nameConflict(err)) {
      throw new DomainError('CONFLICT', 'name: an agency with this name exists in the country', {
        field: 'name',
      });
    }
    throw err;
  }
}

/**
 * Change an agency. Moving it to another country needs the right in both.
 * @throws NOT_FOUND, FORBIDDEN, INVALID_INPUT, CONFLICT
 */
export async function updateAgency(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: AgencyUpdateInput;
}): Promise<Agency> {
  const { ctx, auth } = args;
  const id = parseInput(IdSchema, args.id);
  const input = parseInput(AgencyUpdateInputSchema, args.input);
  const current = await loadAgency(ctx.db, id);
  await authorize(ctx, auth, 'update', 'agency', agencyRecordScope(current));
  if (input.countryCode && input.countryCode !== current.country_code) {
    // The right in the new country: an agency-scoped grant on this agency does not reach there.
    await authorize(ctx, auth, 'update', 'agency', {
      id,
      agencyId: null,
      countryCode: input.countryCode,
    });
  }
  if (input.parentId === id) {
    throw new DomainError('INVALID_INPUT', 'parentId: an agency cannot be its own parent', {
      field: 'parentId',
    });
  }
  await checkReferences(
    ctx.db,
    {
      ...input,
      // Moving to another country re-checks the current parent against the new country.
      parentId:
        input.parentId !== undefined
          ? input.parentId
          : input.countryCode
            ? current.parent_id
            : undefined,
    },
    input.countryCode ?? current.country_code,
  );
  const now = ctx.now();
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('agency')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.shortName !== undefined ? { short_name: input.shortName || null } : {}),
          ...(input.type !== undefined ? { type: input.type } : {}),
          ...(input.countryCode !== undefined ? { country_code: input.countryCode } : {}),
          ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAuditEvent(
        trx,
        auditEvent(auth, 'agency.update', { type: 'agency', id }, { fields: Object.keys(input) }),
        now,
      );
      return updated;
    });
    return agencyRowToAgency(row);
  } catch (err) {
    if (nameConflict(err)) {
      throw new DomainError('CONFLICT', 'name: an agency with this name exists in the country', {
        field: 'name',
      });
    }
    throw err;
  }
}

/**
 * Retire an agency (kept for history). Refused while it has users or child agencies.
 * @throws NOT_FOUND, FORBIDDEN, CONFLICT
 */
export async function deleteAgency(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<void> {
  const { ctx, auth } = args;
  const id = parseInput(IdSchema, args.id);
  const current = await loadAgency(ctx.db, id);
  await authorize(ctx, auth, 'delete', 'agency', agencyRecordScope(current));
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const users = await trx
      .selectFrom('app_user')
      .select('id')
      .where('agency_id', '=', id)
      .limit(1)
      .execute();
    const children = await trx
      .selectFrom('agency')
      .select('id')
      .where('parent_id', '=', id)
      .where('deleted_at', 'is', null)
      .limit(1)
      .execute();
    if (users.length > 0 || children.length > 0) {
      throw new DomainError(
        'CONFLICT',
        'The agency still has users or child agencies; move them first',
      );
    }
    await trx
      .updateTable('agency')
      .set({ deleted_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    await appendAuditEvent(trx, auditEvent(auth, 'agency.delete', { type: 'agency', id }), now);
  });
}

/** One agency the caller may read. @throws NOT_FOUND, FORBIDDEN */
export async function getAgencyById(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<Agency> {
  const { ctx, auth } = args;
  const row = await loadAgency(ctx.db, parseInput(IdSchema, args.id));
  await authorize(ctx, auth, 'read', 'agency', agencyRecordScope(row));
  return agencyRowToAgency(row);
}

/** Agencies the caller may read, by name. @throws FORBIDDEN */
export async function findAgencies(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: z.input<typeof AgencyListQuerySchema>;
}): Promise<Page<Agency>> {
  const { ctx, auth } = args;
  const query = parseInput(AgencyListQuerySchema, args.query);
  const scope = await requireScope(ctx, auth, 'read', 'agency');
  let base = ctx.db.selectFrom('agency').where('deleted_at', 'is', null);
  if (scope === 'country') {
    base = base.where('country_code', '=', auth.actor.countryCode);
  } else if (scope === 'agency' || scope === 'own') {
    base = base.where('id', '=', auth.actor.agencyId);
  }
  if (query.countryCode) {
    base = base.where('country_code', '=', query.countryCode);
  }
  if (query.q) {
    const pattern = likePattern(query.q.toLowerCase());
    base = base.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['name']), 'like', pattern),
        eb(eb.fn('lower', ['short_name']), 'like', pattern),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('country_code')
      .orderBy('name')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map(agencyRowToAgency),
    total: count.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
