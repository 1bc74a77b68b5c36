import type { Permission } from './policies';
import type { Action, Resource, Scope } from './resources';

/** A role definition: a named set of permissions. Built-in roles are seeded and protected from deletion. */
export type RoleDefinition = {
  key: string;
  permissions: readonly Permission[];
};

function grants(resource: Resource, actions: readonly Action[], scope: Scope): Permission[] {
  return actions.map((action) => ({ resource, action, scope }));
}

/**
 * The built-in roles, one per actor of DESIGN.md §1. Names and descriptions are translated under
 * `role.<key>.name` / `role.<key>.description`. This table drives the permission-matrix test.
 */
export const BUILT_IN_ROLES: readonly RoleDefinition[] = [
  {
    key: 'frontline_officer',
    permissions: [
      ...grants('case', ['read', 'create', 'update'], 'own'),
      // Referrals sent to the police unit (law enforcement receives cases for investigation).
      ...grants('referral', ['read', 'update'], 'agency'),
      ...grants('screening', ['read', 'create'], 'own'),
      ...grants('service_provider', ['read'], 'country'),
      ...grants('agreement', ['read'], 'country'),
      ...grants('agency', ['read'], 'country'),
    ],
  },
  {
    key: 'case_worker',
    permissions: [
      ...grants('case', ['read', 'create', 'update', 'export'], 'agency'),
      ...grants('referral', ['read', 'create', 'update'], 'agency'),
      ...grants('screening', ['read', 'create'], 'agency'),
      ...grants('service_provider', ['read'], 'country'),
      // Cross-border cases of the agency's own cases (sent) or taken on by it (received).
      ...grants('crossborder_case', ['read'], 'agency'),
      ...grants('agreement', ['read'], 'country'),
      ...grants('agency', ['read'], 'country'),
    ],
  },
  {
    key: 'hotline_operator',
    permissions: [
      ...grants('hotline_call', ['read', 'create', 'update'], 'agency'),
      ...grants('case', ['create'], 'agency'),
      ...grants('case', ['read'], 'own'),
      ...grants('referral', ['create'], 'agency'),
      ...grants('screening', ['create'], 'agency'),
      ...grants('screening', ['read'], 'own'),
      ...grants('service_provider', ['read'], 'country'),
      ...grants('agency', ['read'], 'country'),
    ],
  },
  {
    key: 'prosecutor',
    permissions: [
      ...grants('case', ['read'], 'country'),
      ...grants('statistic', ['read'], 'country'),
      ...grants('agency', ['read'], 'country'),
    ],
  },
  {
    key: 'taskforce_focal_point',
    permissions: [
      ...grants('case', ['read'], 'country'),
      ...grants('case', ['override'], 'country'),
      ...grants('referral', ['read', 'create', 'update', 'approve'], 'country'),
      ...grants('service_provider', ['read', 'create', 'update'], 'country'),
      ...grants('statistic', ['read', 'create', 'update', 'approve', 'export'], 'country'),
      ...grants('statistic_internal', ['read'], 'country'),
      ...grants('plan', ['read', 'create', 'update', 'export'], 'country'),
      ...grants('plan_framework', ['read'], 'region'),
      ...grants('agency', ['read'], 'country'),
      ...grants('crossborder_case', ['read', 'create', 'update'], 'country'),
      ...grants('agreement', ['read', 'create', 'update'], 'country'),
      ...grants('meeting', ['read', 'create', 'update', 'delete'], 'country'),
      ...grants('federation', ['read'], 'country'),
    ],
  },
  {
    key: 'forensic_focal_point',
    permissions: [
      ...grants('dna_profile', ['read', 'create', 'update'], 'country'),
      ...grants('agency', ['read'], 'country'),
    ],
  },
  {
    key: 'researcher',
    permissions: [
      ...grants('research', ['read', 'create', 'update', 'export'], 'country'),
      ...grants('statistic', ['read'], 'country'),
      ...grants('agency', ['read'], 'country'),
    ],
  },
  {
    key: 'secretariat',
    permissions: [
      ...grants('plan', ['read', 'create', 'update', 'delete', 'approve', 'export'], 'region'),
      ...grants('plan_framework', ['read', 'create', 'update'], 'region'),
      ...grants('statistic', ['read', 'export'], 'region'),
      ...grants('agency', ['read'], 'region'),
      ...grants('agreement', ['read'], 'region'),
      ...grants('meeting', ['read'], 'region'),
    ],
  },
  {
    key: 'national_admin',
    permissions: [
      ...grants('user', ['read', 'create', 'update', 'delete'], 'country'),
      ...grants('agency', ['read', 'create', 'update', 'delete'], 'country'),
      ...grants('role', ['read'], 'region'),
      ...grants('role', ['create', 'update', 'delete'], 'country'),
      ...grants('audit', ['read', 'export'], 'country'),
      ...grants('settings', ['read'], 'country'),
      ...grants('service_provider', ['read', 'create', 'update'], 'country'),
      ...grants('agreement', ['read', 'create', 'update', 'approve'], 'country'),
      ...grants('federation', ['read', 'update'], 'country'),
    ],
  },
  {
    key: 'system_admin',
    permissions: [
      ...grants('user', ['read', 'create', 'update', 'delete'], 'region'),
      ...grants('agency', ['read', 'create', 'update', 'delete'], 'region'),
      ...grants('role', ['read', 'create', 'update', 'delete'], 'region'),
      ...grants('audit', ['read', 'export'], 'region'),
      ...grants('settings', ['read', 'update'], 'region'),
      ...grants('plan_framework', ['read', 'create', 'update'], 'region'),
      ...grants('agreement', ['read', 'create', 'update', 'approve'], 'region'),
      ...grants('federation', ['read', 'update'], 'region'),
    ],
  },
];

/** Look up a built-in role by key. */
export function builtInRole(key: string): RoleDefinition | undefined {
  return BUILT_IN_ROLES.find((r) => r.key === key);
}
