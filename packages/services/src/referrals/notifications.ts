import type { Database } from '@ctip/db';
import { type AppNotification, DomainError, type NotificationKind } from '@ctip/domain';
import type { ExpressionBuilder } from 'kysely';
import { z } from 'zod';
import { isoOf } from '../common/iso-date';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';

export const NotificationListQuerySchema = z.strictObject({
  /** Only unread ones. */
  unread: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type NotificationListQuery = z.input<typeof NotificationListQuerySchema>;

function forCaller(auth: AuthContext) {
  return (eb: ExpressionBuilder<Database, 'notification'>) =>
    eb.or([
      eb('user_id', '=', auth.actor.userId),
      eb.and([eb('user_id', 'is', null), eb('agency_id', '=', auth.actor.agencyId)]),
    ]);
}

/**
 * The caller's notifications (to the caller, or to the caller's agency), newest first. They hold
 * ids, case codes and statuses only, so no further access check is needed to list them.
 */
export async function findNotifications(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: NotificationListQuery;
}): Promise<{ items: AppNotification[]; unread: number }> {
  const { ctx, auth } = args;
  const query = parseInput(NotificationListQuerySchema, args.query);
  let q = ctx.db.selectFrom('notification').selectAll().where(forCaller(auth));
  if (query.unread) {
    q = q.where('read_at', 'is', null);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('created_at', 'desc').orderBy('id').limit(query.limit).execute(),
    ctx.db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(forCaller(auth))
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as NotificationKind,
      caseId: r.case_id,
      referralId: r.referral_id,
      params: r.params,
      createdAt: isoOf(r.created_at) as string,
      readAt: isoOf(r.read_at),
    })),
    unread: Number(count.n),
  };
}

/**
 * Mark one of the caller's notifications read (an agency notification is read for the agency).
 * @throws NOT_FOUND when it is not the caller's
 */
export async function markNotificationRead(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<void> {
  const { ctx, auth } = args;
  const res = await ctx.db
    .updateTable('notification')
    .set({ read_at: ctx.now() })
    .where('id', '=', args.id)
    .where(forCaller(auth))
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) {
    throw new DomainError('NOT_FOUND', 'No such notification');
  }
}
