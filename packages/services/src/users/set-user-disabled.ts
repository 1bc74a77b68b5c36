import { DomainError, IdSchema, type User } from '@ctip/domain';
import { appendAuditEvent } from '../audit/append-audit-event';
import { revokeUserSessions } from '../auth/revoke-sessions';
import { auditEvent, authorize, authorizeManageHolder } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { userRecordScope } from './get-user-by-id';
import { findUserById } from './user-presenter';

/**
 * Disable (ending every session) or re-enable a user. Users are never deleted, so their audit trail
 * keeps its actor. Needs the `delete` action on the user.
 * @throws NOT_FOUND, FORBIDDEN, CONFLICT (disabling yourself)
 */
export async function setUserDisabled(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  disabled: boolean;
}): Promise<User> {
  const { ctx, auth, disabled } = args;
  const id = parseInput(IdSchema, args.id);
  const user = await findUserById(ctx.db, id);
  if (!user) {
    throw new DomainError('NOT_FOUND', 'No such user');
  }
  await authorize(ctx, auth, 'delete', 'user', userRecordScope(user));
  await authorizeManageHolder(ctx, auth, 'delete', id);
  if (id === auth.actor.userId && disabled) {
    throw new DomainError('CONFLICT', 'You cannot disable your own account');
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({
        is_disabled: disabled,
        updated_at: now,
        ...(disabled ? {} : { failed_login_count: 0, locked_until: null }),
      })
      .where('id', '=', id)
      .execute();
    if (disabled) {
      await revokeUserSessions(trx, id, now);
    }
    await appendAuditEvent(
      trx,
      auditEvent(auth, disabled ? 'user.disable' : 'user.enable', { type: 'user', id }),
      now,
    );
  });
  return (await findUserById(ctx.db, id)) as User;
}
