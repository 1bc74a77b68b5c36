/**
 * The permission matrix, generated from the policy table: every built-in role × every resource with
 * API endpoints × every action the resource has × where the target record sits. The expected
 * decision comes from the pure `can()` of @ctip/domain (with each use case's notion of the record);
 * the actual one from the real API. Allowed → 2xx (lists: exactly the rows inside the scope);
 * denied → 403, nothing stored, an `access.denied` audit event; never a 5xx.
 */
import type { Db } from '@ctip/db';
import {
  type Action,
  type Actor,
  BUILT_IN_ROLES,
  can,
  RESOURCE_ACTIONS,
  type RecordScope,
  type Resource,
  type RoleDefinition,
  scopeCovers,
  widestScope,
} from '@ctip/domain';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';
import { auditHead, auditSince, snapshot } from './state';

/** Resources that have endpoints today; the matrix grows with this list. */
const API_RESOURCES = ['user', 'agency', 'role', 'audit'] as const satisfies readonly Resource[];
type ApiResource = (typeof API_RESOURCES)[number];

/** Actions that have no endpoint yet (listed so the matrix says so instead of silently skipping). */
const NO_ENDPOINT: ReadonlySet<string> = new Set<string>([]);

/** Where the target record sits, seen from the caller (a user of agency A in Thailand). */
type Placement =
  | 'own record'
  | 'own agency'
  | 'another agency of the country'
  | 'another country'
  | 'own country'
  | 'node-wide';

const PLACEMENTS: Record<ApiResource, readonly Placement[]> = {
  user: ['own record', 'own agency', 'another agency of the country', 'another country'],
  agency: ['own agency', 'another agency of the country', 'another country'],
  // Roles belong to a country or to the whole node, never to an agency.
  role: ['own country', 'another country', 'node-wide'],
  // Audit events sit where their actor sits.
  audit: ['own record', 'own agency', 'another agency of the country', 'another country'],
};

// ---- the symbolic world the expectations are computed in (ids resolved at run time) ----

const ME = { userId: 'caller', agencyId: 'A', countryCode: 'TH' };

const SYMBOLIC: Record<Placement, RecordScope> = {
  'own record': { ownerUserId: 'caller', agencyId: 'A', countryCode: 'TH' },
  'own agency': { ownerUserId: 'peer-A', agencyId: 'A', countryCode: 'TH' },
  'another agency of the country': { ownerUserId: 'peer-B', agencyId: 'B', countryCode: 'TH' },
  'another country': { ownerUserId: 'peer-C', agencyId: 'C', countryCode: 'KH' },
  'own country': { agencyId: null, countryCode: 'TH' },
  'node-wide': { agencyId: null, countryCode: null },
};

function symbolicActor(role: RoleDefinition): Actor {
  return { ...ME, permissions: role.permissions };
}

/** The record the use case checks, with its semantics (a new record has no owner yet, etc.). */
function recordFor(
  resource: ApiResource,
  action: Action,
  placement: Placement,
): RecordScope | undefined {
  const r = SYMBOLIC[placement];
  if (action === 'create') {
    // New users/agencies sit in the target agency (an agency under its parent); new roles in a country.
    return { agencyId: r.agencyId ?? null, countryCode: r.countryCode ?? null };
  }
  if (resource === 'role' && action === 'read' && placement === 'node-wide') {
    // Node-wide roles are visible to anyone who may read roles at all.
    return undefined;
  }
  return r;
}

function expectedFor(
  role: RoleDefinition,
  resource: ApiResource,
  action: Action,
  placement: Placement,
): boolean {
  return can(symbolicActor(role), action, resource, recordFor(resource, action, placement));
}

// ---- the real world ----

type World = {
  t: TestApp;
  db: Db;
  admin: Client;
  agency: { A: string; B: string; C: string };
  /** A researcher in each agency: targets of user actions and actors of audit events. */
  peer: { A: string; B: string; C: string };
  researcherRoleId: string;
  /** Custom roles to read and change. */
  roleOf: { TH: string; KH: string; node: string };
  callers: Map<string, Client>;
  /** Fixtures consumed by delete tests, by `${roleKey}:${placement}`. */
  deletableAgency: Map<string, string>;
  deletableRole: Map<string, string>;
  unique: () => string;
};

type Target = { userId: string | null; agencyId: string | null; countryCode: string | null };

function resolve(w: World, caller: Client, placement: Placement): Target {
  switch (placement) {
    case 'own record':
      return { userId: caller.userId, agencyId: caller.agencyId, countryCode: caller.countryCode };
    case 'own agency':
      return { userId: w.peer.A, agencyId: w.agency.A, countryCode: 'TH' };
    case 'another agency of the country':
      return { userId: w.peer.B, agencyId: w.agency.B, countryCode: 'TH' };
    case 'another country':
      return { userId: w.peer.C, agencyId: w.agency.C, countryCode: 'KH' };
    case 'own country':
      return { userId: null, agencyId: null, countryCode: 'TH' };
    case 'node-wide':
      return { userId: null, agencyId: null, countryCode: null };
  }
}

function realActor(caller: Client, role: RoleDefinition): Actor {
  return {
    userId: caller.userId,
    agencyId: caller.agencyId,
    countryCode: caller.countryCode,
    permissions: role.permissions,
  };
}

function check(res: LightMyRequestResponse, label: string): void {
  expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
}

/**
 * Send a request and assert the decision. Denied: 403 FORBIDDEN, the main tables unchanged and an
 * `access.denied` event by the caller about `resource`.
 */
async function expectDecision(
  w: World,
  caller: Client,
  resource: ApiResource,
  allowed: boolean,
  send: () => Promise<LightMyRequestResponse>,
  allowedStatus: readonly number[] = [200],
): Promise<LightMyRequestResponse> {
  const before = await snapshot(w.db);
  const seq = await auditHead(w.db);
  const res = await send();
  check(res, 'response');
  if (allowed) {
    expect(allowedStatus, `status ${res.statusCode}: ${res.body.slice(0, 300)}`).toContain(
      res.statusCode,
    );
    return res;
  }
  expect(res.statusCode, res.body.slice(0, 300)).toBe(403);
  expect(res.json().error.code).toBe('FORBIDDEN');
  expect(await snapshot(w.db)).toEqual(before);
  const events = await auditSince(w.db, seq);
  expect(
    events.some(
      (e) =>
        e.action === 'access.denied' &&
        e.outcome === 'denied' &&
        e.actor_user_id === caller.userId &&
        e.target_type === resource,
    ),
    'an access.denied event is recorded',
  ).toBe(true);
  return res;
}

// ---- the scenarios, one per (resource, action) ----

type Scenario = (args: {
  w: World;
  caller: Client;
  role: RoleDefinition;
  placement: Placement;
  allowed: boolean;
}) => Promise<void>;

const SCENARIOS: Partial<Record<`${ApiResource}:${Action}`, Scenario>> = {
  'user:read': async ({ w, caller, role, placement, allowed }) => {
    const target = resolve(w, caller, placement);
    const res = await expectDecision(w, caller, 'user', allowed, () =>
      caller.request({ method: 'GET', url: `/api/users/${target.userId}` }),
    );
    if (allowed) {
      expect(res.json().id).toBe(target.userId);
    }
    if (placement === 'own record' || !can(realActor(caller, role), 'read', 'user')) {
      return;
    }
    // The list filtered to the placement's agency shows exactly the users inside the scope.
    const list = await caller.request({
      method: 'GET',
      url: `/api/users?agencyId=${target.agencyId}&pageSize=200`,
    });
    check(list, 'list');
    expect(list.statusCode).toBe(200);
    const expected = await usersInScope(w, caller, role, target.agencyId);
    expect(ids(list.json().items)).toEqual(expected);
    expect(expected.length > 0).toBe(allowed);
  },

  'user:create': async ({ w, caller, placement, allowed }) => {
    const target = resolve(w, caller, placement);
    const username = `m.new.${w.unique()}`;
    const res = await expectDecision(
      w,
      caller,
      'user',
      allowed,
      () =>
        caller.request({
          method: 'POST',
          url: '/api/users',
          payload: {
            username,
            displayName: `Matrix ${username}`,
            agencyId: target.agencyId,
            roleIds: [w.researcherRoleId],
            password: 'matrix-password-2026',
          },
        }),
      [201],
    );
    if (allowed) {
      expect(res.json()).toMatchObject({ username, agencyId: target.agencyId });
    }
  },

  'user:update': async ({ w, caller, placement, allowed }) => {
    const target = resolve(w, caller, placement);
    const displayName = `Renamed ${w.unique()}`;
    const res = await expectDecision(w, caller, 'user', allowed, () =>
      caller.request({
        method: 'PATCH',
        url: `/api/users/${target.userId}`,
        payload: { displayName },
      }),
    );
    if (allowed) {
      expect(res.json().displayName).toBe(displayName);
    }
  },

  // Users are disabled and enabled, never deleted: both need the `delete` action.
  'user:delete': async ({ w, caller, placement, allowed }) => {
    const target = resolve(w, caller, placement);
    if (placement === 'own record') {
      await expectDecision(w, caller, 'user', allowed, () =>
        caller.request({ method: 'POST', url: `/api/users/${target.userId}/enable` }),
      );
      // Disabling yourself is refused even when allowed (the account would lock itself out).
      const res = await expectDecision(
        w,
        caller,
        'user',
        allowed,
        () => caller.request({ method: 'POST', url: `/api/users/${target.userId}/disable` }),
        [409],
      );
      if (allowed) {
        expect(res.json().error.code).toBe('CONFLICT');
      }
      return;
    }
    const off = await expectDecision(w, caller, 'user', allowed, () =>
      caller.request({ method: 'POST', url: `/api/users/${target.userId}/disable` }),
    );
    const on = await expectDecision(w, caller, 'user', allowed, () =>
      caller.request({ method: 'POST', url: `/api/users/${target.userId}/enable` }),
    );
    if (allowed) {
      expect(off.json().isDisabled).toBe(true);
      expect(on.json().isDisabled).toBe(false);
    }
  },

  'agency:read': async ({ w, caller, placement, allowed }) => {
    const target = resolve(w, caller, placement);
    const res = await expectDecision(w, caller, 'agency', allowed, () =>
      caller.request({ method: 'GET', url: `/api/agencies/${target.agencyId}` }),
    );
    if (allowed) {
      expect(res.json().id).toBe(target.agencyId);
    }
  },

  'agency:create': async ({ w, caller, placement, allowed }) => {
    const target = resolve(w, caller, placement);
    const name = `Matrix agency ${w.unique()}`;
    const res = await expectDecision(
      w,
      caller,
      'agency',
      allowed,
      () =>
        caller.request({
          method: 'POST',
          url: '/api/agencies',
          payload: {
            name,
            type: 'ngo',
            countryCode: target.countryCode,
            parentId: target.agencyId,
          },
        }),
      [201],
    );
    if (allowed) {
      expect(res.json()).toMatchObject({ name, parentId: target.agencyId });
    }
  },

  'agency:update': async ({ w, caller, placement, allowed }) => {
    const target = resolve(w, caller, placement);
    const shortName = `M${w.unique()}`;
    const res = await expectDecision(w, caller, 'agency', allowed, () =>
      caller.request({
        method: 'PATCH',
        url: `/api/agencies/${target.agencyId}`,
        payload: { shortName },
      }),
    );
    if (allowed) {
      expect(res.json().shortName).toBe(shortName);
    }
  },

  'agency:delete': async ({ w, caller, role, placement, allowed }) => {
    if (placement === 'own agency') {
      // The caller's own agency always has a user (the caller): authorised, then refused as a conflict.
      const res = await expectDecision(
        w,
        caller,
        'agency',
        allowed,
        () => caller.request({ method: 'DELETE', url: `/api/agencies/${caller.agencyId}` }),
        [409],
      );
      if (allowed) {
        expect(res.json().error.code).toBe('CONFLICT');
      }
      return;
    }
    const id = w.deletableAgency.get(`${role.key}:${placement}`) as string;
    await expectDecision(
      w,
      caller,
      'agency',
      allowed,
      () => caller.request({ method: 'DELETE', url: `/api/agencies/${id}` }),
      [204],
    );
    const row = await w.db
      .selectFrom('agency')
      .select('deleted_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at !== null).toBe(allowed);
  },

  'role:read': async ({ w, caller, placement, allowed }) => {
    const id = roleFixture(w, placement);
    const res = await expectDecision(w, caller, 'role', allowed, () =>
      caller.request({ method: 'GET', url: `/api/roles/${id}` }),
    );
    if (allowed) {
      expect(res.json().id).toBe(id);
    }
  },

  'role:create': async ({ w, caller, placement, allowed }) => {
    const target = resolve(w, caller, placement);
    const key = `matrix_${w.unique()}`;
    const res = await expectDecision(
      w,
      caller,
      'role',
      allowed,
      () =>
        caller.request({
          method: 'POST',
          url: '/api/roles',
          payload: {
            key,
            name: `Matrix ${key}`,
            ...(target.countryCode ? { countryCode: target.countryCode } : {}),
            permissions: [],
          },
        }),
      [201],
    );
    if (allowed) {
      expect(res.json()).toMatchObject({ key, countryCode: target.countryCode });
    }
  },

  'role:update': async ({ w, caller, placement, allowed }) => {
    const id = roleFixture(w, placement);
    const name = `Matrix role ${w.unique()}`;
    const res = await expectDecision(w, caller, 'role', allowed, () =>
      caller.request({ method: 'PATCH', url: `/api/roles/${id}`, payload: { name } }),
    );
    if (allowed) {
      expect(res.json().name).toBe(name);
    }
  },

  'role:delete': async ({ w, caller, role, placement, allowed }) => {
    const id = w.deletableRole.get(`${role.key}:${placement}`) as string;
    await expectDecision(
      w,
      caller,
      'role',
      allowed,
      () => caller.request({ method: 'DELETE', url: `/api/roles/${id}` }),
      [204],
    );
    const row = await w.db.selectFrom('role').select('id').where('id', '=', id).executeTakeFirst();
    expect(row === undefined).toBe(allowed);
  },

  // Reading the audit trail is a search, filtered by scope: events by an actor in the placement.
  'audit:read': async ({ w, caller, role, placement, allowed }) => {
    const target = resolve(w, caller, placement);
    const readsAtAll = can(realActor(caller, role), 'read', 'audit');
    const inScope = await auditCount(w, caller, role, target.userId);
    const res = await expectDecision(w, caller, 'audit', readsAtAll, () =>
      caller.request({ method: 'GET', url: `/api/audit?actorUserId=${target.userId}&pageSize=1` }),
    );
    if (readsAtAll) {
      expect(res.json().total).toBe(inScope);
      expect(inScope > 0).toBe(allowed);
    }
  },

  // Exporting is the same search as CSV, within the export scope.
  'audit:export': async ({ w, caller, role, placement, allowed }) => {
    const target = resolve(w, caller, placement);
    const exportsAtAll = can(realActor(caller, role), 'export', 'audit');
    const inScope = await auditCount(w, caller, role, target.userId, 'export');
    const res = await expectDecision(w, caller, 'audit', exportsAtAll, () =>
      caller.request({ method: 'GET', url: `/api/audit/export?actorUserId=${target.userId}` }),
    );
    if (exportsAtAll) {
      expect(res.headers['content-type']).toContain('text/csv');
      const dataLines = res.body.trim().split('\r\n').length - 1;
      expect(dataLines).toBe(inScope);
      expect(inScope > 0).toBe(allowed);
    }
  },
};

function roleFixture(w: World, placement: Placement): string {
  return placement === 'own country'
    ? w.roleOf.TH
    : placement === 'another country'
      ? w.roleOf.KH
      : w.roleOf.node;
}

function ids(items: { id: string }[]): string[] {
  return items.map((i) => i.id).sort();
}

async function usersInScope(
  w: World,
  caller: Client,
  role: RoleDefinition,
  agencyId: string | null,
): Promise<string[]> {
  const actor = realActor(caller, role);
  const scope = widestScope(actor, 'read', 'user');
  let q = w.db
    .selectFrom('app_user')
    .innerJoin('agency', 'agency.id', 'app_user.agency_id')
    .select(['app_user.id', 'app_user.agency_id', 'agency.country_code']);
  if (agencyId) {
    q = q.where('app_user.agency_id', '=', agencyId);
  }
  const rows = await q.execute();
  return rows
    .filter(
      (r) =>
        scope !== null &&
        scopeCovers(actor, scope, {
          ownerUserId: r.id,
          agencyId: r.agency_id,
          countryCode: r.country_code,
        }),
    )
    .map((r) => r.id)
    .sort();
}

async function auditCount(
  w: World,
  caller: Client,
  role: RoleDefinition,
  actorUserId: string | null,
  action: 'read' | 'export' = 'read',
): Promise<number> {
  const actor = realActor(caller, role);
  const scope = widestScope(actor, action, 'audit');
  let q = w.db
    .selectFrom('audit_event')
    .select(['actor_user_id', 'actor_agency_id', 'actor_country']);
  if (actorUserId) {
    q = q.where('actor_user_id', '=', actorUserId);
  }
  const rows = await q.execute();
  return rows.filter(
    (r) =>
      scope !== null &&
      scopeCovers(actor, scope, {
        ownerUserId: r.actor_user_id,
        agencyId: r.actor_agency_id,
        countryCode: r.actor_country,
      }),
  ).length;
}

/** Whole-list reads: allowed at any scope, filtered to exactly the rows inside the widest one. */
const LISTS: Record<
  ApiResource,
  (args: { w: World; caller: Client; role: RoleDefinition; allowed: boolean }) => Promise<void>
> = {
  user: async ({ w, caller, role, allowed }) => {
    const expected = allowed ? await usersInScope(w, caller, role, null) : [];
    const res = await expectDecision(w, caller, 'user', allowed, () =>
      caller.request({ method: 'GET', url: '/api/users?pageSize=200' }),
    );
    if (allowed) {
      expect(res.json().total).toBeLessThanOrEqual(200);
      expect(ids(res.json().items)).toEqual(expected);
    }
  },
  agency: async ({ w, caller, role, allowed }) => {
    const res = await expectDecision(w, caller, 'agency', allowed, () =>
      caller.request({ method: 'GET', url: '/api/agencies?pageSize=200' }),
    );
    if (allowed) {
      const actor = realActor(caller, role);
      const scope = widestScope(actor, 'read', 'agency');
      const rows = await w.db
        .selectFrom('agency')
        .select(['id', 'country_code'])
        .where('deleted_at', 'is', null)
        .execute();
      const expected = rows
        .filter(
          (r) =>
            scope !== null &&
            scopeCovers(actor, scope, { agencyId: r.id, countryCode: r.country_code }),
        )
        .map((r) => r.id)
        .sort();
      expect(res.json().total).toBeLessThanOrEqual(200);
      expect(ids(res.json().items)).toEqual(expected);
    }
  },
  role: async ({ w, caller, role, allowed }) => {
    const res = await expectDecision(w, caller, 'role', allowed, () =>
      caller.request({ method: 'GET', url: '/api/roles' }),
    );
    if (allowed) {
      const actor = realActor(caller, role);
      const scope = widestScope(actor, 'read', 'role');
      const rows = await w.db.selectFrom('role').select(['id', 'country_code']).execute();
      const expected = rows
        .filter(
          (r) =>
            r.country_code === null ||
            (scope !== null &&
              scopeCovers(actor, scope, { agencyId: null, countryCode: r.country_code })),
        )
        .map((r) => r.id)
        .sort();
      expect(ids(res.json().items)).toEqual(expected);
    }
  },
  audit: async ({ w, caller, role, allowed }) => {
    const inScope = allowed ? await auditCount(w, caller, role, null) : 0;
    const res = await expectDecision(w, caller, 'audit', allowed, () =>
      caller.request({ method: 'GET', url: '/api/audit?pageSize=200' }),
    );
    if (allowed) {
      const body = res.json();
      expect(body.total).toBe(inScope);
      const actor = realActor(caller, role);
      const scope = widestScope(actor, 'read', 'audit');
      for (const e of body.items) {
        expect(
          scope !== null &&
            scopeCovers(actor, scope, {
              ownerUserId: e.actorUserId,
              agencyId: e.actorAgencyId,
              countryCode: e.actorCountry,
            }),
          `event ${e.seq} is inside the scope`,
        ).toBe(true);
      }
    }
  },
};

// ---- fixtures ----

async function buildWorld(engine: (typeof DB_TARGETS)[number]): Promise<World> {
  const t = await buildTestApp(engine);
  const db = t.handle.db;
  let n = 0;
  const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;
  const agencyId = async (shortName: string) =>
    (
      await db
        .selectFrom('agency')
        .select('id')
        .where('short_name', '=', shortName)
        .executeTakeFirstOrThrow()
    ).id;
  const roleIds = new Map(
    (await db.selectFrom('role').select(['id', 'key']).execute()).map((r) => [r.key, r.id]),
  );
  const agency = {
    A: await agencyId('DATIP'),
    B: await agencyId('AHTD'),
    C: await agencyId('MoSVY'),
  };
  // First, the system administrator sets up the fixtures through the API.
  const admin = await loginAs(t.app, 'admin');
  const ok = async (res: Promise<LightMyRequestResponse>): Promise<{ id: string }> => {
    const r = await res;
    if (r.statusCode >= 300) {
      throw new Error(`fixture failed: ${r.statusCode} ${r.body}`);
    }
    return r.json();
  };
  const createUser = (username: string, agencyId: string, roleKey: string) =>
    ok(
      admin.request({
        method: 'POST',
        url: '/api/users',
        payload: {
          username,
          displayName: `Matrix ${username}`,
          agencyId,
          roleIds: [roleIds.get(roleKey)],
          password: 'matrix-password-2026',
        },
      }),
    );
  const createRole = (key: string, countryCode: string | null) =>
    ok(
      admin.request({
        method: 'POST',
        url: '/api/roles',
        payload: { key, name: `Matrix ${key}`, countryCode, permissions: [] },
      }),
    );
  const createAgency = (name: string, countryCode: string) =>
    ok(
      admin.request({
        method: 'POST',
        url: '/api/agencies',
        payload: { name, type: 'ngo', countryCode },
      }),
    );
  const peer = {
    A: (await createUser('m.peer.a', agency.A, 'researcher')).id,
    B: (await createUser('m.peer.b', agency.B, 'researcher')).id,
    C: (await createUser('m.peer.c', agency.C, 'researcher')).id,
  };
  const roleOf = {
    TH: (await createRole('matrix_th', 'TH')).id,
    KH: (await createRole('matrix_kh', 'KH')).id,
    node: (await createRole('matrix_node', null)).id,
  };
  const deletableAgency = new Map<string, string>();
  const deletableRole = new Map<string, string>();
  for (const role of BUILT_IN_ROLES) {
    deletableAgency.set(
      `${role.key}:another agency of the country`,
      (await createAgency(`Matrix ${role.key} TH`, 'TH')).id,
    );
    deletableAgency.set(
      `${role.key}:another country`,
      (await createAgency(`Matrix ${role.key} KH`, 'KH')).id,
    );
    for (const [placement, country] of [
      ['own country', 'TH'],
      ['another country', 'KH'],
      ['node-wide', null],
    ] as const) {
      const key = `matrix_del_${role.key}_${country ?? 'node'}`.toLowerCase();
      deletableRole.set(`${role.key}:${placement}`, (await createRole(key, country)).id);
    }
  }
  // Then one test user per built-in role, all in agency A, each logged in (enrolling TOTP if needed).
  const callers = new Map<string, Client>();
  for (const role of BUILT_IN_ROLES) {
    const username = `m.${role.key}`;
    await createUser(username, agency.A, role.key);
    callers.set(role.key, await loginAs(t.app, username, 'matrix-password-2026'));
  }
  // Peers log in once, so the audit trail holds events by an actor in every placement.
  for (const username of ['m.peer.a', 'm.peer.b', 'm.peer.c']) {
    await loginAs(t.app, username, 'matrix-password-2026');
  }
  return {
    t,
    db,
    admin,
    agency,
    peer,
    researcherRoleId: roleIds.get('researcher') as string,
    roleOf,
    callers,
    deletableAgency,
    deletableRole,
    unique,
  };
}

// ---- the generated tests ----

describe('permission matrix table', () => {
  it('has a scenario for every action of every resource with endpoints', () => {
    for (const resource of API_RESOURCES) {
      for (const action of RESOURCE_ACTIONS[resource]) {
        const key = `${resource}:${action}` as const;
        expect(
          SCENARIOS[key] !== undefined || NO_ENDPOINT.has(key),
          `${key} needs a scenario`,
        ).toBe(true);
        expect(SCENARIOS[key] !== undefined && NO_ENDPOINT.has(key)).toBe(false);
      }
    }
  });
});

for (const engine of DB_TARGETS) {
  describe(`${engine}: permission matrix`, () => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(engine);
    }, 120_000);
    afterAll(async () => {
      await w?.t.close();
    });

    for (const role of BUILT_IN_ROLES) {
      describe(role.key, () => {
        const caller = () => w.callers.get(role.key) as Client;
        for (const resource of API_RESOURCES) {
          const listAllowed = can(symbolicActor(role), 'read', resource);
          it(`read ${resource} list: ${listAllowed ? 'allow (filtered to the scope)' : 'deny'}`, async () => {
            await LISTS[resource]({ w, caller: caller(), role, allowed: listAllowed });
          });
          for (const action of RESOURCE_ACTIONS[resource]) {
            const scenario = SCENARIOS[`${resource}:${action}`];
            if (!scenario) {
              it.todo(`${action} ${resource}: no endpoint yet`);
              continue;
            }
            for (const placement of PLACEMENTS[resource]) {
              if (action === 'create' && placement === 'own record') {
                continue;
              }
              const allowed = expectedFor(role, resource, action, placement);
              const name = `${action} ${resource} in ${placement}: ${allowed ? 'allow' : 'deny'}`;
              it(name, async () => {
                await scenario({ w, caller: caller(), role, placement, allowed });
              });
            }
          }
        }
        const verifyAllowed = can(symbolicActor(role), 'read', 'audit');
        it(`read audit (verify the chain): ${verifyAllowed ? 'allow' : 'deny'}`, async () => {
          const res = await expectDecision(w, caller(), 'audit', verifyAllowed, () =>
            caller().request({ method: 'GET', url: '/api/audit/verify' }),
          );
          if (verifyAllowed) {
            expect(res.json()).toMatchObject({ ok: true, firstBrokenSeq: null });
          }
        });
      });
    }

    // Grants that no single cell of the matrix shows: an administrator must not reach wider than its
    // own scope through someone else's account, a role definition, or a custom narrow role.
    describe('escalation guards', () => {
      const password = 'matrix-password-2026';
      async function userWithRole(key: string, permissions: unknown[]): Promise<Client> {
        const role = await w.admin.request({
          method: 'POST',
          url: '/api/roles',
          payload: { key, name: key, countryCode: 'TH', permissions },
        });
        expect(role.statusCode, role.body).toBe(201);
        const username = `m.${key}`;
        const user = await w.admin.request({
          method: 'POST',
          url: '/api/users',
          payload: {
            username,
            displayName: username,
            agencyId: w.agency.A,
            roleIds: [role.json().id],
            password,
          },
        });
        expect(user.statusCode, user.body).toBe(201);
        return loginAs(w.t.app, username, password);
      }

      it('a national administrator cannot take over a more powerful account of the country', async () => {
        // The system administrator's agency (the Secretariat) is in Thailand, inside th.admin's scope.
        const thAdmin = await loginAs(w.t.app, 'th.admin');
        const target = await w.db
          .selectFrom('app_user')
          .select(['id', 'password_hash'])
          .where('username', '=', 'admin')
          .executeTakeFirstOrThrow();
        await expectDecision(w, thAdmin, 'user', false, () =>
          thAdmin.request({
            method: 'PATCH',
            url: `/api/users/${target.id}`,
            payload: { password: 'taken-over-password-1' },
          }),
        );
        await expectDecision(w, thAdmin, 'user', false, () =>
          thAdmin.request({ method: 'POST', url: `/api/users/${target.id}/disable` }),
        );
        // A colleague with only country-wide grants stays manageable.
        await expectDecision(w, thAdmin, 'user', true, () =>
          thAdmin.request({
            method: 'PATCH',
            url: `/api/users/${w.peer.B}`,
            payload: { displayName: 'Managed by th.admin' },
          }),
        );
      });

      it('a national administrator cannot widen a role beyond the country', async () => {
        const thAdmin = await loginAs(w.t.app, 'th.admin');
        const wide = [{ resource: 'user', action: 'update', scope: 'region' }];
        // First, a harmless country role, granted to a colleague…
        const created = await thAdmin.request({
          method: 'POST',
          url: '/api/roles',
          payload: {
            key: `m_widen_${w.unique()}`,
            name: 'Widen',
            countryCode: 'TH',
            permissions: [],
          },
        });
        expect(created.statusCode, created.body).toBe(201);
        const roleId = created.json().id as string;
        const grant = await thAdmin.request({
          method: 'PATCH',
          url: `/api/users/${w.peer.B}`,
          payload: { roleIds: [w.researcherRoleId, roleId] },
        });
        expect(grant.statusCode, grant.body).toBe(200);
        // …then widened, which would hand the colleague region-wide user management.
        await expectDecision(w, thAdmin, 'role', false, () =>
          thAdmin.request({
            method: 'PATCH',
            url: `/api/roles/${roleId}`,
            payload: { permissions: wide },
          }),
        );
        await expectDecision(w, thAdmin, 'role', false, () =>
          thAdmin.request({
            method: 'POST',
            url: '/api/roles',
            payload: {
              key: `m_wide_${w.unique()}`,
              name: 'Wide',
              countryCode: 'TH',
              permissions: wide,
            },
          }),
        );
        // Grants up to the country stay possible.
        await expectDecision(w, thAdmin, 'role', true, () =>
          thAdmin.request({
            method: 'PATCH',
            url: `/api/roles/${roleId}`,
            payload: { permissions: [{ resource: 'agency', action: 'read', scope: 'country' }] },
          }),
        );
      });

      it('an agency-scoped agency manager cannot place or move an agency into another country', async () => {
        const mgr = await userWithRole(`m_agency_mgr_${w.unique()}`, [
          { resource: 'agency', action: 'read', scope: 'agency' },
          { resource: 'agency', action: 'create', scope: 'agency' },
          { resource: 'agency', action: 'update', scope: 'agency' },
        ]);
        const before = await snapshot(w.db);
        const abroad = await mgr.request({
          method: 'POST',
          url: '/api/agencies',
          payload: {
            name: `Abroad ${w.unique()}`,
            type: 'ngo',
            countryCode: 'KH',
            parentId: w.agency.A,
          },
        });
        check(abroad, 'create abroad');
        expect([400, 403]).toContain(abroad.statusCode);
        expect(await snapshot(w.db)).toEqual(before);
        await expectDecision(w, mgr, 'agency', false, () =>
          mgr.request({
            method: 'PATCH',
            url: `/api/agencies/${w.agency.A}`,
            payload: { countryCode: 'KH' },
          }),
        );
        // A sub-agency at home is what the grant is for.
        const home = await mgr.request({
          method: 'POST',
          url: '/api/agencies',
          payload: {
            name: `Home ${w.unique()}`,
            type: 'ngo',
            countryCode: 'TH',
            parentId: w.agency.A,
          },
        });
        expect(home.statusCode, home.body).toBe(201);
      });

      it('a role list shows only roles the caller may open', async () => {
        const reader = await userWithRole(`m_role_reader_${w.unique()}`, [
          { resource: 'role', action: 'read', scope: 'agency' },
        ]);
        const list = await reader.request({ method: 'GET', url: '/api/roles' });
        expect(list.statusCode).toBe(200);
        for (const role of list.json().items as { id: string; key: string }[]) {
          const one = await reader.request({ method: 'GET', url: `/api/roles/${role.id}` });
          expect(one.statusCode, `${role.key} is listed, so it opens`).toBe(200);
        }
      });
    });
  });
}
