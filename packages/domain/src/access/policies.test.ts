import { describe, expect, it } from 'vitest';
import { BUILT_IN_ROLES, builtInRole } from './built-in-roles';
import {
  type Actor,
  can,
  canGrantPermissions,
  type Permission,
  type RecordScope,
  readsPersonalRecords,
  scopeCovers,
  widestScope,
} from './policies';
import { ACTIONS, PERSONAL_RESOURCES, RESOURCE_ACTIONS, RESOURCES, SCOPES } from './resources';

function actor(permissions: readonly Permission[]): Actor {
  return { userId: 'u-me', agencyId: 'a-mine', countryCode: 'TH', permissions };
}

const RECORDS: Record<'own' | 'agency' | 'country' | 'region' | 'nowhere', RecordScope> = {
  own: { ownerUserId: 'u-me', agencyId: 'a-mine', countryCode: 'TH' },
  agency: { ownerUserId: 'u-other', agencyId: 'a-mine', countryCode: 'TH' },
  country: { ownerUserId: 'u-other', agencyId: 'a-other', countryCode: 'TH' },
  region: { ownerUserId: 'u-other', agencyId: 'a-far', countryCode: 'KH' },
  nowhere: { ownerUserId: null, agencyId: null, countryCode: null },
};

describe(scopeCovers.name, () => {
  const me = actor([]);
  it.each([
    // scope, record, covered
    ['own', 'own', true],
    ['own', 'agency', false],
    ['own', 'nowhere', false],
    ['agency', 'own', true],
    ['agency', 'agency', true],
    ['agency', 'country', false],
    ['agency', 'nowhere', false],
    ['country', 'own', true],
    ['country', 'country', true],
    ['country', 'region', false],
    ['country', 'nowhere', false],
    ['region', 'region', true],
    ['region', 'nowhere', true],
  ] as const)('a %s grant reaching a %s record: %s', (scope, record, covered) => {
    expect(scopeCovers(me, scope, RECORDS[record])).toBe(covered);
  });

  it('never matches a missing owner, agency or country to a missing one on the actor', () => {
    const ghost: Actor = {
      userId: null as unknown as string,
      agencyId: null as unknown as string,
      countryCode: null as unknown as string,
      permissions: [],
    };
    for (const scope of ['own', 'agency', 'country'] as const) {
      expect(scopeCovers(ghost, scope, RECORDS.nowhere)).toBe(false);
      expect(scopeCovers(ghost, scope, {})).toBe(false);
    }
  });

  it('treats every wider scope as including the narrower ones', () => {
    for (const [i, narrow] of SCOPES.entries()) {
      for (const wide of SCOPES.slice(i)) {
        for (const record of Object.values(RECORDS)) {
          if (scopeCovers(me, narrow, record)) {
            expect(scopeCovers(me, wide, record)).toBe(true);
          }
        }
      }
    }
  });
});

describe(can.name, () => {
  it('denies by default: no permissions, no access', () => {
    const nobody = actor([]);
    for (const resource of RESOURCES) {
      for (const action of ACTIONS) {
        expect(can(nobody, action, resource)).toBe(false);
        expect(can(nobody, action, resource, RECORDS.own)).toBe(false);
      }
    }
  });

  it('needs the exact resource and action', () => {
    const a = actor([{ resource: 'user', action: 'read', scope: 'region' }]);
    expect(can(a, 'read', 'user', RECORDS.region)).toBe(true);
    expect(can(a, 'update', 'user', RECORDS.own)).toBe(false);
    expect(can(a, 'read', 'agency', RECORDS.own)).toBe(false);
  });

  it('answers "at any scope" without a record, and checks the scope with one', () => {
    const a = actor([{ resource: 'case', action: 'read', scope: 'own' }]);
    expect(can(a, 'read', 'case')).toBe(true);
    expect(can(a, 'read', 'case', RECORDS.own)).toBe(true);
    expect(can(a, 'read', 'case', RECORDS.agency)).toBe(false);
  });

  it('takes the union of grants: any covering grant allows', () => {
    const a = actor([
      { resource: 'case', action: 'read', scope: 'own' },
      { resource: 'case', action: 'read', scope: 'country' },
    ]);
    expect(can(a, 'read', 'case', RECORDS.country)).toBe(true);
    expect(can(a, 'read', 'case', RECORDS.region)).toBe(false);
  });

  it('lets only a region grant reach a record outside any country', () => {
    for (const scope of SCOPES) {
      const a = actor([{ resource: 'role', action: 'update', scope }]);
      expect(can(a, 'update', 'role', RECORDS.nowhere)).toBe(scope === 'region');
    }
  });

  it('matches the built-in national administrator of the design', () => {
    const admin = actor(builtInRole('national_admin')?.permissions ?? []);
    expect(can(admin, 'update', 'user', RECORDS.country)).toBe(true);
    expect(can(admin, 'update', 'user', RECORDS.region)).toBe(false);
    expect(can(admin, 'read', 'role', RECORDS.nowhere)).toBe(true);
    expect(can(admin, 'create', 'role', RECORDS.nowhere)).toBe(false);
    expect(can(admin, 'read', 'case', RECORDS.agency)).toBe(false);
  });
});

describe(widestScope.name, () => {
  it('is null without a grant', () => {
    expect(widestScope(actor([]), 'read', 'user')).toBeNull();
  });

  it('picks the widest of several grants, in any order', () => {
    for (const order of [SCOPES, [...SCOPES].reverse()]) {
      const a = actor(order.map((scope) => ({ resource: 'plan', action: 'read', scope })));
      expect(widestScope(a, 'read', 'plan')).toBe('region');
    }
    const b = actor([
      { resource: 'plan', action: 'read', scope: 'agency' },
      { resource: 'plan', action: 'read', scope: 'own' },
      { resource: 'plan', action: 'update', scope: 'region' },
    ]);
    expect(widestScope(b, 'read', 'plan')).toBe('agency');
  });

  it('agrees with can(): the widest scope reaches every record any grant reaches', () => {
    for (const role of BUILT_IN_ROLES) {
      const a = actor(role.permissions);
      for (const resource of RESOURCES) {
        for (const action of RESOURCE_ACTIONS[resource]) {
          const widest = widestScope(a, action, resource);
          expect(widest !== null).toBe(can(a, action, resource));
          for (const record of Object.values(RECORDS)) {
            expect(widest !== null && scopeCovers(a, widest, record)).toBe(
              can(a, action, resource, record),
            );
          }
        }
      }
    }
  });
});

describe(readsPersonalRecords.name, () => {
  it('is true only for a read grant on a personal resource', () => {
    for (const resource of RESOURCES) {
      for (const action of ACTIONS) {
        expect(readsPersonalRecords([{ resource, action, scope: 'own' }])).toBe(
          action === 'read' && PERSONAL_RESOURCES.includes(resource),
        );
      }
    }
    expect(readsPersonalRecords([])).toBe(false);
  });

  it('marks the built-in roles that handle victims and no administrator', () => {
    const needing = BUILT_IN_ROLES.filter((r) => readsPersonalRecords(r.permissions)).map(
      (r) => r.key,
    );
    expect(needing.sort()).toEqual(
      [
        'case_worker',
        'forensic_focal_point',
        'frontline_officer',
        'hotline_operator',
        'prosecutor',
        'taskforce_focal_point',
      ].sort(),
    );
  });
});

describe(canGrantPermissions.name, () => {
  const countryAdmin = actor(builtInRole('national_admin')?.permissions ?? []);
  const systemAdmin = actor(builtInRole('system_admin')?.permissions ?? []);

  it('refuses everything to an actor who manages no users', () => {
    expect(canGrantPermissions(actor([]), [])).toBe(false);
    const reader = actor([{ resource: 'user', action: 'read', scope: 'region' }]);
    expect(canGrantPermissions(reader, [])).toBe(false);
  });

  it('allows grants up to the actor’s own user-management scope, not wider', () => {
    for (const scope of SCOPES) {
      expect(canGrantPermissions(countryAdmin, [{ resource: 'case', action: 'read', scope }])).toBe(
        scope !== 'region',
      );
      expect(canGrantPermissions(systemAdmin, [{ resource: 'case', action: 'read', scope }])).toBe(
        true,
      );
    }
  });

  it('accepts a create-only user manager, at its create scope', () => {
    const creator = actor([{ resource: 'user', action: 'create', scope: 'agency' }]);
    expect(
      canGrantPermissions(creator, [{ resource: 'case', action: 'read', scope: 'agency' }]),
    ).toBe(true);
    expect(
      canGrantPermissions(creator, [{ resource: 'case', action: 'read', scope: 'country' }]),
    ).toBe(false);
  });

  it('refuses a set when any one grant is too wide', () => {
    expect(
      canGrantPermissions(countryAdmin, [
        { resource: 'case', action: 'read', scope: 'agency' },
        { resource: 'statistic', action: 'export', scope: 'region' },
      ]),
    ).toBe(false);
  });

  it('keeps national administrators from granting the region-wide built-in roles', () => {
    const grantable = BUILT_IN_ROLES.filter((r) =>
      canGrantPermissions(countryAdmin, r.permissions),
    ).map((r) => r.key);
    expect(grantable).not.toContain('system_admin');
    expect(grantable).not.toContain('secretariat');
    expect(grantable).toContain('case_worker');
    expect(BUILT_IN_ROLES.every((r) => canGrantPermissions(systemAdmin, r.permissions))).toBe(true);
  });
});

describe('BUILT_IN_ROLES', () => {
  it('grant only actions the resource has', () => {
    for (const role of BUILT_IN_ROLES) {
      for (const p of role.permissions) {
        expect(RESOURCE_ACTIONS[p.resource], `${role.key} ${p.resource}`).toContain(p.action);
      }
    }
  });
});
