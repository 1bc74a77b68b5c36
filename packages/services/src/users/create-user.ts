import { randomUUID } from 'node:crypto';
import type { Database, Db } from '@ctip/db';
import {
  canGrantPermissions,
  DomainError,
  type User,
  type UserCreateInput,
  UserCreateInputSchema,
} from '@ctip/domain';
import type { Transaction } from 'kysely';
import { appendAuditEvent } from '../audit/append-audit-event';
import { hashPassword } from '../auth/passwords';
import { auditEvent, authorize, denyAccess } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { findUserById } from './user-presenter';
import { loadRolesForGrant } from './user-roles';

/** Load an agency that can hold users, or throw naming `field`. */
export async function loadActiveAgency(db: Db | Transaction<Database>, id: string, field: string) {
  const agency = await db
    .selectFrom('agency')
    .select(['id', 'country_code'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!agency) {
    throw new DomainError('INVALID_INPUT', `${field}: no such agency`, { field });
  }
  return agency;
}

/**
 * Create a user in an agency with roles.
 * @throws INVALID_INPUT (unknown agency or role), FORBIDDEN (outside the caller's scope, or a role
 *   more powerful than the caller), CONFLICT (username taken)
 */
export async function createUser(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: UserCreateInput;
}): Promise<User> {
  const { ctx, auth } = args;
  const input = parseInput(UserCreateInputSchema, args.input);
  const agency = await loadActiveAgency(ctx.db, input.agencyId, 'agencyId');
  await authorize(ctx, auth, 'create', 'user', {
    agencyId: agency.id,
    countryCode: agency.country_code,
  });
  const roles = await loadRolesForGrant(ctx.db, input.roleIds, agency.country_code);
  if (
    !canGrantPermissions(
      auth.actor,
      roles.flatMap((r) => r.permissions),
    )
  ) {
    await denyAccess(ctx, auth, 'create', 'user', null);
  }
  const taken = await ctx.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', input.username)
    .executeTakeFirst();
  if (taken) {
    throw new DomainError('CONFLICT', 'username: this username is already taken', {
      field: 'username',
    });
  }
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('app_user')
      .values({
        id,
        username: input.username,
        display_name: input.displayName,
        email: input.email ?? null,
        password_hash: passwordHash,
        agency_id: agency.id,
        locale: input.locale,
        calendar: 'gregory',
        is_disabled: false,
        totp_secret_enc: null,
        totp_last_counter: null,
        failed_login_count: 0,
        locked_until: null,
        last_login_at: null,
      })
      .execute();
    await trx
      .insertInto('user_role')
      .values(roles.map((r) => ({ user_id: id, role_id: r.id })))
      .execute();
    await appendAuditEvent(
      trx,
      auditEvent(auth, 'user.create', { type: 'user', id }, { roles: roles.map((r) => r.key) }),
      ctx.now(),
    );
  });
  return (await findUserById(ctx.db, id)) as User;
}
