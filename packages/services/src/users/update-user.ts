import {
  canGrantPermissions,
  DomainError,
  IdSchema,
  type User,
  type UserUpdateInput,
  UserUpdateInputSchema,
} from '@ctip/domain';
import { appendAuditEvent } from '../audit/append-audit-event';
import { hashPassword } from '../auth/passwords';
import { revokeUserSessions } from '../auth/revoke-sessions';
import { auditEvent, authorize, authorizeManageHolder, denyAccess } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { loadActiveAgency } from './create-user';
import { userRecordScope } from './get-user-by-id';
import { findUserById } from './user-presenter';
import { loadRolesForGrant } from './user-roles';

/**
 * Change a user: name, e-mail, agency, roles; reset the password or the second factor. A password or
 * second-factor reset ends the user's sessions. The audit event lists the changed fields, not values.
 * @throws NOT_FOUND, FORBIDDEN, INVALID_INPUT
 */
export async function updateUser(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: UserUpdateInput;
}): Promise<User> {
  const { ctx, auth } = args;
  const id = parseInput(IdSchema, args.id);
  const input = parseInput(UserUpdateInputSchema, args.input);
  const user = await findUserById(ctx.db, id);
  if (!user) {
    throw new DomainError('NOT_FOUND', 'No such user');
  }
  await authorize(ctx, auth, 'update', 'user', userRecordScope(user));
  await authorizeManageHolder(ctx, auth, 'update', id);
  if (id === auth.actor.userId && (input.password !== undefined || input.resetMfa)) {
    // Your own password changes only with the current one (POST /api/me/password), so a stolen
    // session cannot become a permanent takeover.
    throw new DomainError(
      'FORBIDDEN',
      'Change your own password or second factor from your profile',
      {
        field: input.password !== undefined ? 'password' : 'resetMfa',
      },
    );
  }
  let countryCode = user.countryCode;
  if (input.agencyId && input.agencyId !== user.agencyId) {
    const agency = await loadActiveAgency(ctx.db, input.agencyId, 'agencyId');
    await authorize(ctx, auth, 'update', 'user', {
      id,
      agencyId: agency.id,
      countryCode: agency.country_code,
    });
    countryCode = agency.country_code;
  }
  const roles = input.roleIds ? await loadRolesForGrant(ctx.db, input.roleIds, countryCode) : null;
  if (
    roles &&
    !canGrantPermissions(
      auth.actor,
      roles.flatMap((r) => r.permissions),
    )
  ) {
    await denyAccess(ctx, auth, 'update', 'user', id);
  }
  if (input.roleIds === undefined && countryCode !== user.countryCode) {
    await loadRolesForGrant(ctx.db, user.roleIds, countryCode);
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const changed = Object.keys(input).filter((k) => input[k as keyof UserUpdateInput] !== undefined);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.agencyId !== undefined ? { agency_id: input.agencyId } : {}),
        ...(passwordHash
          ? { password_hash: passwordHash, failed_login_count: 0, locked_until: null }
          : {}),
        ...(input.resetMfa ? { totp_secret_enc: null, totp_last_counter: null } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (roles) {
      await trx.deleteFrom('user_role').where('user_id', '=', id).execute();
      await trx
        .insertInto('user_role')
        .values(roles.map((r) => ({ user_id: id, role_id: r.id })))
        .execute();
    }
    if (passwordHash || input.resetMfa) {
      await revokeUserSessions(trx, id, now);
    }
    await appendAuditEvent(
      trx,
      auditEvent(auth, 'user.update', { type: 'user', id }, { fields: changed }),
      now,
    );
  });
  return (await findUserById(ctx.db, id)) as User;
}
