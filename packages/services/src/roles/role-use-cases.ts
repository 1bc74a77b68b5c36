import { randomUUID } from 'node:crypto';
import type { Database, Db } from '@ctip/db';
import {
  type Action,
  BUILT_IN_ROLES,
  DomainError,
  IdSchema,
  type Permission,
  permissionKey,
  RESOURCE_ACTIONS,
  type Resource,
  type Role,
  type RoleCreateInput,
  RoleCreateInputSchema,
  type RoleUpdateInput,
  RoleUpdateInputSchema,
  type Scope,
  scopeCovers,
  scopeRank,
  widestScope,
} from '@ctip/domain';
import type { Transaction } from 'kysely';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent, authorize, denyAccess, requireScope } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';

type Executor = Db | Transaction<Database>;

async function loadRoles(db: Executor, ids?: string[]): Promise<Role[]> {
  let q = db.selectFrom('role').selectAll().orderBy('is_built_in', 'desc').orderBy('key');
  if (ids) {
    q = q.where('id', 'in', ids);
  }
  const roles = await q.execute();
  if (roles.length === 0) {
    return [];
  }
  const perms = await db
    .selectFrom('role_permission')
    .selectAll()
    .where(
      'role_id',
      'in',
      roles.map((r) => r.id),
    )
    .orderBy('resource')
    .orderBy('action')
    .execute();
  return roles.map((r) => ({
    id: r.id,
    key: r.key,
    name: r.name,
    description: r.description,
    countryCode: r.country_code,
    isBuiltIn: r.is_built_in,
    permissions: perms
      .filter((p) => p.role_id === r.id)
      .map((p) => ({
        resource: p.resource as Resource,
        action: p.action as Action,
        scope: p.scope as Scope,
      })),
  }));
}

async function loadRole(db: Executor, id: string): Promise<Role> {
  const [role] = await loadRoles(db, [id]);
  if (!role) {
    throw new DomainError('NOT_FOUND', 'No such role');
  }
  return role;
}

function roleRecordScope(role: Pick<Role, 'id' | 'countryCode'>) {
  return { id: role.id, agencyId: null, countryCode: role.countryCode };
}

/** Drop duplicate grants and refuse actions a resource does not have. */
function normalisePermissions(permissions: readonly Permission[]): Permission[] {
  const seen = new Map<string, Permission>();
  permissions.forEach((p, i) => {
    if (!RESOURCE_ACTIONS[p.resource].includes(p.action)) {
      throw new DomainError(
        'INVALID_INPUT',
        `permissions.${i}.action: ${p.resource} has no action ${p.action}`,
        {
          field: `permissions.${i}.action`,
        },
      );
    }
    seen.set(permissionKey(p), p);
  });
  return [...seen.values()];
}

/**
 * A role may not grant wider than the scope its author holds for defining roles: a country
 * administrator widening a role its colleagues hold would otherwise hand them region-wide rights.
 * @throws FORBIDDEN, audited
 */
async function authorizeGrants(
  ctx: ServiceContext,
  auth: AuthContext,
  action: 'create' | 'update',
  permissions: readonly Permission[],
  roleId: string | null,
): Promise<void> {
  const own = widestScope(auth.actor, action, 'role');
  if (own === null || permissions.some((p) => scopeRank(p.scope) > scopeRank(own))) {
    await denyAccess(ctx, auth, action, 'role', roleId);
  }
}

async function writePermissions(
  trx: Transaction<Database>,
  roleId: string,
  permissions: Permission[],
) {
  await trx.deleteFrom('role_permission').where('role_id', '=', roleId).execute();
  if (permissions.length > 0) {
    await trx
      .insertInto('role_permission')
      .values(permissions.map((p) => ({ role_id: roleId, ...p })))
      .execute();
  }
}

/** Every role the caller may see: node-wide roles and the country roles its scope reaches (all, at region scope). */
export async function listRoles(args: { ctx: ServiceContext; auth: AuthContext }): Promise<Role[]> {
  const scope = await requireScope(args.ctx, args.auth, 'read', 'role');
  const roles = await loadRoles(args.ctx.db);
  // The same rule as getRoleById: node-wide roles, and country roles the scope reaches.
  return roles.filter(
    (r) => r.countryCode === null || scopeCovers(args.auth.actor, scope, roleRecordScope(r)),
  );
}

/** One role. @throws NOT_FOUND, FORBIDDEN */
export async function getRoleById(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<Role> {
  const role = await loadRole(args.ctx.db, parseInput(IdSchema, args.id));
  // Node-wide roles are visible to anyone who may read roles at all.
  await authorize(
    args.ctx,
    args.auth,
    'read',
    'role',
    role.countryCode === null ? undefined : roleRecordScope(role),
  );
  return role;
}

/**
 * Define a custom role. A role without a country is node-wide and needs region scope.
 * @throws INVALID_INPUT, FORBIDDEN, CONFLICT (key taken)
 */
export async function createRole(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: RoleCreateInput;
}): Promise<Role> {
  const { ctx, auth } = args;
  const input = parseInput(RoleCreateInputSchema, args.input);
  const countryCode = input.countryCode ?? null;
  await authorize(ctx, auth, 'create', 'role', { agencyId: null, countryCode });
  const permissions = normalisePermissions(input.permissions);
  await authorizeGrants(ctx, auth, 'create', permissions, null);
  const taken = await ctx.db
    .selectFrom('role')
    .select('id')
    .where('key', '=', input.key)
    .executeTakeFirst();
  if (taken) {
    throw new DomainError('CONFLICT', 'key: a role with this key exists', { field: 'key' });
  }
  if (countryCode) {
    const c = await ctx.db
      .selectFrom('country')
      .select('code')
      .where('code', '=', countryCode)
      .executeTakeFirst();
    if (!c) {
      throw new DomainError('INVALID_INPUT', 'countryCode: unknown country', {
        field: 'countryCode',
      });
    }
  }
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('role')
      .values({
        id,
        key: input.key,
        name: input.name,
        description: input.description ?? null,
        country_code: countryCode,
        is_built_in: false,
      })
      .execute();
    await writePermissions(trx, id, permissions);
    await appendAuditEvent(
      trx,
      auditEvent(auth, 'role.create', { type: 'role', id }, { grants: permissions.length }),
      ctx.now(),
    );
  });
  return loadRole(ctx.db, id);
}

/**
 * Change a role's name, description or grants (built-in roles included: only region-wide
 * administrators reach those, as they are node-wide).
 * @throws NOT_FOUND, FORBIDDEN, INVALID_INPUT
 */
export async function updateRole(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: RoleUpdateInput;
}): Promise<Role> {
  const { ctx, auth } = args;
  const id = parseInput(IdSchema, args.id);
  const input = parseInput(RoleUpdateInputSchema, args.input);
  const role = await loadRole(ctx.db, id);
  await authorize(ctx, auth, 'update', 'role', roleRecordScope(role));
  if (input.countryCode !== undefined && input.countryCode !== role.countryCode) {
    throw new DomainError('INVALID_INPUT', "countryCode: a role's country cannot change", {
      field: 'countryCode',
    });
  }
  const permissions = input.permissions ? normalisePermissions(input.permissions) : null;
  if (permissions) {
    await authorizeGrants(ctx, auth, 'update', permissions, id);
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('role')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (permissions) {
      await writePermissions(trx, id, permissions);
    }
    await appendAuditEvent(
      trx,
      auditEvent(auth, 'role.update', { type: 'role', id }, { fields: Object.keys(input) }),
      now,
    );
  });
  return loadRole(ctx.db, id);
}

/**
 * Delete a custom role that no user holds.
 * @throws NOT_FOUND, FORBIDDEN, CONFLICT (built-in or still assigned)
 */
export async function deleteRole(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<void> {
  const { ctx, auth } = args;
  const id = parseInput(IdSchema, args.id);
  const role = await loadRole(ctx.db, id);
  await authorize(ctx, auth, 'delete', 'role', roleRecordScope(role));
  if (role.isBuiltIn) {
    throw new DomainError('CONFLICT', 'Built-in roles cannot be deleted');
  }
  await ctx.db.transaction().execute(async (trx) => {
    const holders = await trx
      .selectFrom('user_role')
      .select('user_id')
      .where('role_id', '=', id)
      .limit(1)
      .execute();
    if (holders.length > 0) {
      throw new DomainError('CONFLICT', 'Users still hold this role; take it from them first');
    }
    await trx.deleteFrom('role').where('id', '=', id).execute();
    await appendAuditEvent(
      trx,
      auditEvent(auth, 'role.delete', { type: 'role', id }, { key: role.key }),
      ctx.now(),
    );
  });
}

/** English names of the built-in roles (the web shows translations by key). */
const BUILT_IN_ROLE_NAMES: Record<string, string> = {
  frontline_officer: 'Frontline officer',
  case_worker: 'Case worker',
  hotline_operator: 'Hotline operator',
  prosecutor: 'Prosecutor / court monitor',
  taskforce_focal_point: 'Task-force focal point',
  forensic_focal_point: 'Forensic focal point',
  researcher: 'Researcher',
  secretariat: 'Regional Secretariat',
  national_admin: 'National administrator',
  system_admin: 'System administrator',
};

/**
 * Insert any built-in role that is missing (idempotent). Existing built-in roles keep the grants
 * administrators gave them.
 * @returns keys of the roles inserted
 */
export async function ensureBuiltInRoles(db: Db): Promise<string[]> {
  const existing = new Set((await db.selectFrom('role').select('key').execute()).map((r) => r.key));
  const missing = BUILT_IN_ROLES.filter((r) => !existing.has(r.key));
  if (missing.length > 0) {
    await db.transaction().execute(async (trx) => {
      for (const def of missing) {
        const id = randomUUID();
        await trx
          .insertInto('role')
          .values({
            id,
            key: def.key,
            name: BUILT_IN_ROLE_NAMES[def.key] ?? def.key,
            description: null,
            country_code: null,
            is_built_in: true,
          })
          .execute();
        await writePermissions(trx, id, [...def.permissions]);
      }
    });
  }
  await syncBuiltInGrants(db);
  return missing.map((r) => r.key);
}

const GRANTS_SETTING = 'built_in_role_grants';

/**
 * Give existing built-in roles the grants a newer release added to their definition (a new module's
 * permissions, say), without undoing what an administrator removed since: the grants of the last
 * sync are kept in a setting, and only grants absent from it are added. On a node that predates the
 * setting the database's current grants are the baseline.
 */
async function syncBuiltInGrants(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const setting = await trx
      .selectFrom('setting')
      .select('value')
      .where('key', '=', GRANTS_SETTING)
      .forUpdate()
      .executeTakeFirst();
    const synced = (setting?.value ?? null) as Record<string, string[]> | null;
    const roles = await trx
      .selectFrom('role')
      .select(['id', 'key'])
      .where('is_built_in', '=', true)
      .execute();
    const current: Record<string, string[]> = {};
    for (const def of BUILT_IN_ROLES) {
      current[def.key] = def.permissions.map(permissionKey);
      const role = roles.find((r) => r.key === def.key);
      if (!role) {
        continue;
      }
      const held = new Set(
        (
          await trx
            .selectFrom('role_permission')
            .select(['resource', 'action', 'scope'])
            .where('role_id', '=', role.id)
            .execute()
        ).map((p) => `${p.resource}:${p.action}:${p.scope}`),
      );
      const baseline = new Set(synced?.[def.key] ?? held);
      const added = def.permissions.filter(
        (p) => !baseline.has(permissionKey(p)) && !held.has(permissionKey(p)),
      );
      if (added.length > 0) {
        await trx
          .insertInto('role_permission')
          .values(added.map((p) => ({ role_id: role.id, ...p })))
          .execute();
      }
    }
    const value = JSON.stringify(current);
    if (setting) {
      await trx.updateTable('setting').set({ value }).where('key', '=', GRANTS_SETTING).execute();
    } else {
      await trx.insertInto('setting').values({ key: GRANTS_SETTING, value }).execute();
    }
  });
}
