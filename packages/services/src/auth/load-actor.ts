import type { Db } from '@ctip/db';
import type { Action, Actor, Permission, Resource, Scope } from '@ctip/domain';

/** Union of the permissions of every role a user holds. */
export async function loadUserPermissions(db: Db, userId: string): Promise<Permission[]> {
  const rows = await db
    .selectFrom('user_role')
    .innerJoin('role_permission', 'role_permission.role_id', 'user_role.role_id')
    .select(['role_permission.resource', 'role_permission.action', 'role_permission.scope'])
    .where('user_role.user_id', '=', userId)
    .distinct()
    .execute();
  return rows.map((r) => ({
    resource: r.resource as Resource,
    action: r.action as Action,
    scope: r.scope as Scope,
  }));
}

/**
 * Build the policy actor for a user: id, agency, the agency's country and the role permissions.
 * @returns null when the user does not exist or is disabled
 */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await db
    .selectFrom('app_user')
    .innerJoin('agency', 'agency.id', 'app_user.agency_id')
    .select(['app_user.id', 'app_user.agency_id', 'agency.country_code', 'app_user.is_disabled'])
    .where('app_user.id', '=', userId)
    .executeTakeFirst();
  if (!user || user.is_disabled) {
    return null;
  }
  return {
    userId: user.id,
    agencyId: user.agency_id,
    countryCode: user.country_code,
    permissions: await loadUserPermissions(db, userId),
  };
}
