import { appendAuditEvent } from '../audit/append-audit-event';
import type { RequestMeta, ServiceContext } from '../context';
import { revokeUserSessions } from './revoke-sessions';
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
    const revoked = await revokeUserSessions(
      trx,
      current.actor.userId,
      now,
      args.everywhere ? {} : { onlySessionId: current.session.id },
    );
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
