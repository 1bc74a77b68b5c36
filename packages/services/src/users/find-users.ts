import type { Page, PageQuery, User } from '@ctip/domain';
import { PageQuerySchema } from '@ctip/domain';
import { z } from 'zod';
import { appendAuditEventNow } from '../audit/append-audit-event';
import { auditEvent, requireScope } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { selectUsers, userRowToUser } from './user-presenter';

export const UserListQuerySchema = PageQuerySchema.extend({
  /** Only users of this agency. */
  agencyId: z.uuid().optional(),
});
export type UserListQuery = PageQuery & { agencyId?: string };

/** Escape LIKE wildcards so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern matching `q` anywhere, literally. */
export function likePattern(q: string): string {
  return `%${escapeLike(q)}%`;
}

/**
 * List users the caller may read, newest first, filtered by name/username and agency. Audited as a
 * search (the search text itself is not stored).
 * @throws FORBIDDEN when the caller may read no users
 */
export async function findUsers(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: UserListQuery;
}): Promise<Page<User>> {
  const { ctx, auth } = args;
  const query = parseInput(UserListQuerySchema, args.query);
  const scope = await requireScope(ctx, auth, 'read', 'user');
  // Page the ids first, then load the page's users with their roles: the role aggregates then run
  // for the rows shown, not for every row skipped by OFFSET.
  let base = ctx.db.selectFrom('app_user').innerJoin('agency', 'agency.id', 'app_user.agency_id');
  if (scope === 'country') {
    base = base.where('agency.country_code', '=', auth.actor.countryCode);
  } else if (scope === 'agency') {
    base = base.where('app_user.agency_id', '=', auth.actor.agencyId);
  } else if (scope === 'own') {
    base = base.where('app_user.id', '=', auth.actor.userId);
  }
  if (query.agencyId) {
    base = base.where('app_user.agency_id', '=', query.agencyId);
  }
  if (query.q) {
    const pattern = likePattern(query.q.toLowerCase());
    base = base.where((eb) =>
      eb.or([
        eb('app_user.username', 'like', pattern),
        eb(eb.fn('lower', ['app_user.display_name']), 'like', pattern),
      ]),
    );
  }
  const [idRows, count] = await Promise.all([
    base
      .select('app_user.id')
      .orderBy('app_user.created_at', 'desc')
      .orderBy('app_user.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  const ids = idRows.map((r) => r.id);
  const loaded =
    ids.length > 0 ? await selectUsers(ctx.db).where('app_user.id', 'in', ids).execute() : [];
  const byId = new Map(loaded.map((row) => [row.id, row]));
  const rows = ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
  await appendAuditEventNow(
    ctx.db,
    auditEvent(
      auth,
      'user.search',
      { type: 'user', id: null },
      {
        page: query.page,
        results: rows.length,
        filtered: Boolean(query.q || query.agencyId),
      },
    ),
    ctx.now(),
  );
  return {
    items: rows.map(userRowToUser),
    total: count.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
