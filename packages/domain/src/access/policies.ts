import { type Action, PERSONAL_RESOURCES, type Resource, type Scope, scopeRank } from './resources';

/** One grant of a role: the action on the resource within the scope. */
export type Permission = { resource: Resource; action: Action; scope: Scope };

/** Who is acting: enough to decide every policy without I/O. */
export type Actor = {
  userId: string;
  agencyId: string;
  countryCode: string;
  permissions: readonly Permission[];
};

/**
 * Where a record sits, for scope checks. `ownerUserId` is the creating/owning user (for a user record,
 * the user itself); `agencyId` and `countryCode` are the owning agency and its country. Null means the
 * record belongs to no agency/country (such as a built-in role): only a region-wide grant reaches it.
 */
export type RecordScope = {
  ownerUserId?: string | null;
  agencyId?: string | null;
  countryCode?: string | null;
};

/** Whether a grant at `scope` reaches `record` for `actor`. */
export function scopeCovers(actor: Actor, scope: Scope, record: RecordScope): boolean {
  switch (scope) {
    case 'region':
      return true;
    case 'country':
      return record.countryCode != null && record.countryCode === actor.countryCode;
    case 'agency':
      return record.agencyId != null && record.agencyId === actor.agencyId;
    case 'own':
      return record.ownerUserId != null && record.ownerUserId === actor.userId;
  }
}

/**
 * Decide whether `actor` may do `action` on `resource`. Deny by default.
 * Without `record`, answers whether the actor holds the action at any scope (for menus and list
 * endpoints, which then filter by {@link widestScope}).
 * ### Example
 * `can(actor, 'update', 'user', { agencyId: actor.agencyId })` → true for an agency-scoped user admin.
 */
export function can(
  actor: Actor,
  action: Action,
  resource: Resource,
  record?: RecordScope,
): boolean {
  for (const p of actor.permissions) {
    if (p.resource !== resource || p.action !== action) {
      continue;
    }
    if (record === undefined || scopeCovers(actor, p.scope, record)) {
      return true;
    }
  }
  return false;
}

/** The widest scope at which the actor holds the action, or null when it holds none. */
export function widestScope(actor: Actor, action: Action, resource: Resource): Scope | null {
  let best: Scope | null = null;
  for (const p of actor.permissions) {
    if (p.resource === resource && p.action === action) {
      if (best === null || scopeRank(p.scope) > scopeRank(best)) {
        best = p.scope;
      }
    }
  }
  return best;
}

/** Whether these permissions can read any personal record (such roles require a second factor). */
export function readsPersonalRecords(permissions: readonly Permission[]): boolean {
  return permissions.some((p) => p.action === 'read' && PERSONAL_RESOURCES.includes(p.resource));
}

/** Stable key of a permission, for de-duplication and display. */
export function permissionKey(p: Permission): string {
  return `${p.resource}:${p.action}:${p.scope}`;
}

/**
 * Whether the actor may grant a role with these permissions to someone: no grant may reach wider than
 * the actor's own user-management scope, so an administrator cannot create a more powerful account.
 */
export function canGrantPermissions(actor: Actor, permissions: readonly Permission[]): boolean {
  const own = widestScope(actor, 'update', 'user') ?? widestScope(actor, 'create', 'user');
  if (own === null) {
    return false;
  }
  return permissions.every((p) => scopeRank(p.scope) <= scopeRank(own));
}
