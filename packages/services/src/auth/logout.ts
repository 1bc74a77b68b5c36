import { appendAuditEvent } from '../audit/append-audit-event';
import type { RequestMeta, ServiceContext } from '../context';
import type { ResolvedSession } from './session';

/** End this session (or, with `everywhere`, every session of the user), audited. */
export async function logout(args: {
  ctx: ServiceContext;
  current: ResolvedSession;
  everywhere: boolean;
  meta: RequestMeta;
}): Promise<{ revoked: number }> {
  const { ctx, current, meta } = args;
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    let q = trx
      .updateTable('session')
      .set({ revoked_at: now })
      .where('user_id', '=', current.actor.userId)
      .where('revoked_at', 'is', null);
    if (!args.everywhere) {
      q = q.where('id', '=', current.session.id);
    }
    const result = await q.executeTakeFirst();
    const revoked = Number(result.numUpdatedRows);
    await appendAuditEvent(
      trx,
      {
        action: args.everywhere ? 'auth.logout_all' : 'auth.logout',
        outcome: 'success',
        actorUserId: current.actor.userId,
        actorAgencyId: current.actor.agencyId,
        actorCountry: current.actor.countryCode,
        targetType: 'session',
        targetId: null,
        requestId: meta.requestId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        details: { revoked },
      },
      now,
    );
    return { revoked };
  });
}
