import {
  DomainError,
  type PasswordChangeInput,
  PasswordChangeInputSchema,
  type ProfileUpdateInput,
  ProfileUpdateInputSchema,
  type User,
} from '@ctip/domain';
import { appendAuditEvent, appendAuditEventNow } from '../audit/append-audit-event';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { revokeUserSessions } from '../auth/revoke-sessions';
import { auditEvent } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { findUserById } from './user-presenter';

/** Change the caller's own display name, language or calendar. */
export async function updateProfile(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: ProfileUpdateInput;
}): Promise<User> {
  const { ctx, auth } = args;
  const input = parseInput(ProfileUpdateInputSchema, args.input);
  const id = auth.actor.userId;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.locale !== undefined ? { locale: input.locale } : {}),
        ...(input.calendar !== undefined ? { calendar: input.calendar } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'user.update',
        { type: 'user', id },
        { fields: Object.keys(input), self: true },
      ),
      now,
    );
  });
  return (await findUserById(ctx.db, id)) as User;
}

/**
 * Change the caller's own password; every other session of the user ends.
 * @throws INVALID_CREDENTIALS naming `currentPassword` when it is wrong
 */
export async function changePassword(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: PasswordChangeInput;
}): Promise<void> {
  const { ctx, auth } = args;
  const input = parseInput(PasswordChangeInputSchema, args.input);
  const id = auth.actor.userId;
  const row = await ctx.db
    .selectFrom('app_user')
    .select('password_hash')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
    await appendAuditEventNow(
      ctx.db,
      { ...auditEvent(auth, 'auth.password_changed', { type: 'user', id }), outcome: 'failure' },
      ctx.now(),
    );
    throw new DomainError('INVALID_CREDENTIALS', 'currentPassword: the current password is wrong', {
      field: 'currentPassword',
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, updated_at: now })
      .where('id', '=', id)
      .execute();
    await revokeUserSessions(trx, id, now, { exceptSessionId: auth.sessionId });
    await appendAuditEvent(
      trx,
      auditEvent(auth, 'auth.password_changed', { type: 'user', id }),
      now,
    );
  });
}
