import { type Action, type Permission, type Resource, type Scope, scopeRank } from '@ctip/domain';

/** The widest scope granted for a resource/action pair, or null when none is. */
export function permissionScope(
  permissions: readonly Permission[],
  resource: Resource,
  action: Action,
): Scope | null {
  let best: Scope | null = null;
  for (const p of permissions) {
    if (p.resource === resource && p.action === action) {
      if (best === null || scopeRank(p.scope) > scopeRank(best)) {
        best = p.scope;
      }
    }
  }
  return best;
}

/** The permissions with one resource/action pair set to `scope` (null removes the grant). */
export function permissionsWithScope(
  permissions: readonly Permission[],
  resource: Resource,
  action: Action,
  scope: Scope | null,
): Permission[] {
  const rest = permissions.filter((p) => !(p.resource === resource && p.action === action));
  return scope ? [...rest, { resource, action, scope }] : rest;
}
