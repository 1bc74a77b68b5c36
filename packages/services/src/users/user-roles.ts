import type { Database, Db } from '@ctip/db';
import { type Action, DomainError, type Permission, type Resource, type Scope } from '@ctip/domain';
import type { Transaction } from 'kysely';

/**
 * Load roles by id for granting to a user of `countryCode`: every id must exist, and a country role
 * can only go to a user of that country.
 * @throws INVALID_INPUT naming `roleIds`
 */
export async function loadRolesForGrant(
  db: Db | Transaction<Database>,
  roleIds: readonly string[],
  countryCode: string,
): Promise<{ id: string; key: string; permissions: Permission[] }[]> {
  const unique = [...new Set(roleIds)];
  const roles = await db
    .selectFrom('role')
    .select(['id', 'key', 'country_code'])
    .where('id', 'in', unique)
    .execute();
  if (roles.length !== unique.length) {
    throw new DomainError('INVALID_INPUT', 'roleIds: a role does not exist', { field: 'roleIds' });
  }
  if (roles.some((r) => r.country_code !== null && r.country_code !== countryCode)) {
    throw new DomainError(
      'INVALID_INPUT',
      "roleIds: a role belongs to another country than the user's agency",
      {
        field: 'roleIds',
      },
    );
  }
  const perms = await db
    .selectFrom('role_permission')
    .selectAll()
    .where('role_id', 'in', unique)
    .execute();
  return roles.map((r) => ({
    id: r.id,
    key: r.key,
    permissions: perms
      .filter((p) => p.role_id === r.id)
      .map((p) => ({
        resource: p.resource as Resource,
        action: p.action as Action,
        scope: p.scope as Scope,
      })),
  }));
}
