/**
 * The protected resources, the actions on them and the scopes a grant can have.
 * Changing these lists changes what roles can express: keep them in step with the i18n catalogues
 * (keys `resource.<name>`, `action.<name>`, `scope.<name>`).
 */
export const RESOURCES = [
  'user',
  'agency',
  'role',
  'audit',
  'case',
  'referral',
  'hotline_call',
  'dna_profile',
  'statistic',
  /** Unsuppressed (internal) figures: below the disclosure threshold, clearly marked. */
  'statistic_internal',
  /** Workplans, progress, indicators, budgets, trainings, case studies and monitoring reports. */
  'plan',
  /** The SPA frameworks themselves (areas, targets, activities): the Secretariat maintains them. */
  'plan_framework',
  'research',
  'settings',
  'screening',
  'service_provider',
  'agreement',
  'crossborder_case',
  'meeting',
  'federation',
] as const;
export type Resource = (typeof RESOURCES)[number];

/**
 * `override` is the consent override: sharing a record without the person's consent, which only a
 * role holding it may do, with a reason, audited.
 */
export const ACTIONS = [
  'read',
  'create',
  'update',
  'delete',
  'export',
  'approve',
  'override',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Widening order: a grant at a wider scope includes every narrower one. */
export const SCOPES = ['own', 'agency', 'country', 'region'] as const;
export type Scope = (typeof SCOPES)[number];

/** Resources whose records hold personal data of victims or other persons of concern. */
export const PERSONAL_RESOURCES: readonly Resource[] = [
  'case',
  'referral',
  'hotline_call',
  'dna_profile',
  'screening',
  'crossborder_case',
];

/** Which actions make sense on which resource (the role editor offers only these). */
export const RESOURCE_ACTIONS: Record<Resource, readonly Action[]> = {
  user: ['read', 'create', 'update', 'delete'],
  agency: ['read', 'create', 'update', 'delete'],
  role: ['read', 'create', 'update', 'delete'],
  audit: ['read', 'export'],
  case: ['read', 'create', 'update', 'delete', 'export', 'override'],
  referral: ['read', 'create', 'update', 'approve'],
  screening: ['read', 'create'],
  service_provider: ['read', 'create', 'update'],
  hotline_call: ['read', 'create', 'update'],
  dna_profile: ['read', 'create', 'update'],
  statistic: ['read', 'create', 'update', 'approve', 'export'],
  statistic_internal: ['read'],
  plan: ['read', 'create', 'update', 'delete', 'approve', 'export'],
  plan_framework: ['read', 'create', 'update'],
  research: ['read', 'create', 'update', 'export'],
  settings: ['read', 'update'],
  agreement: ['read', 'create', 'update', 'approve'],
  crossborder_case: ['read', 'create', 'update'],
  meeting: ['read', 'create', 'update', 'delete'],
  federation: ['read', 'update'],
};

/** Rank of a scope: higher includes lower. */
export function scopeRank(scope: Scope): number {
  return SCOPES.indexOf(scope);
}
