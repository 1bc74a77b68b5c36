import { type Actor, can, type Role, widestScope } from '@ctip/domain';

/**
 * Whether the role editor must show `role` read-only to `actor` (null role: a new one).
 * Built-in roles belong to the whole node, so only region-wide role administrators change them;
 * custom roles follow the scope of the actor's `update` grant on roles.
 */
export function isRoleReadOnly(
  actor: Actor,
  role: Pick<Role, 'isBuiltIn' | 'countryCode'> | null,
): boolean {
  if (!role) {
    return !can(actor, 'create', 'role');
  }
  if (role.isBuiltIn) {
    return widestScope(actor, 'update', 'role') !== 'region';
  }
  return !can(actor, 'update', 'role', { countryCode: role.countryCode });
}
