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
import { assertUsernameFree, insertUser } from './insert-user';
import { findUserById } from './user-presenter';
import { loadRolesForGrant } from './user-roles';

/** Load an active (not deleted) agency, or throw INVALID_INPUT naming `field`. */
export async function loadActiveAgency(db: Db | Transaction<Database>, id: string, field: string) {
  const agency = await db
    .selectFrom('agency')
    .select(['id', 'name', 'type', 'country_code'])
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
  await assertUsernameFree(ctx.db, input.username);
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await insertUser(trx, {
      id,
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      passwordHash,
      agencyId: agency.id,
      locale: input.locale,
      roleIds: roles.map((r) => r.id),
    });
    await appendAuditEvent(
      trx,
      auditEvent(auth, 'user.create', { type: 'user', id }, { roles: roles.map((r) => r.key) }),
      ctx.now(),
    );
  });
  return (await findUserById(ctx.db, id)) as User;
}
