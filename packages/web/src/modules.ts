import type { Resource } from '@ctip/domain';

/** A business module of DESIGN.md §7 with its own area in the app. */
export type ModuleDefinition = {
  /** i18n key part: `module.<key>.name`, `module.<key>.description`. */
  key: 'cases' | 'cross_border' | 'justice' | 'statistics' | 'plans' | 'research' | 'kinship';
  path: string;
  /** The resource whose `read` permission shows the module in the menu. */
  resource: Resource;
};

/**
 * Modules in menu order. Justice has no resource of its own yet in @ctip/domain, so it follows the
 * closest one (cases).
 */
export const MODULES: readonly ModuleDefinition[] = [
  { key: 'cases', path: '/cases', resource: 'case' },
  { key: 'cross_border', path: '/cross-border', resource: 'crossborder_case' },
  { key: 'justice', path: '/justice', resource: 'case' },
  { key: 'statistics', path: '/statistics', resource: 'statistic' },
  { key: 'plans', path: '/plans', resource: 'plan' },
  { key: 'research', path: '/research', resource: 'research' },
  { key: 'kinship', path: '/kinship', resource: 'dna_profile' },
];

/** An administration page: `nav.<key>` names it. */
export type AdminPageDefinition = {
  key: 'users' | 'agencies' | 'roles' | 'audit';
  path: string;
  resource: Resource;
};

export const ADMIN_PAGES: readonly AdminPageDefinition[] = [
  { key: 'users', path: '/admin/users', resource: 'user' },
  { key: 'agencies', path: '/admin/agencies', resource: 'agency' },
  { key: 'roles', path: '/admin/roles', resource: 'role' },
  { key: 'audit', path: '/admin/audit', resource: 'audit' },
];

/** A page of the cases module, listed under it in the menu: `nav.<key>` names it. */
export type CasePageDefinition = {
  key:
    | 'caseList'
    | 'screeningNew'
    | 'referralInbox'
    | 'myTasks'
    | 'hotline'
    | 'providers'
    | 'followUpReport'
    | 'caseImport';
  path: string;
  resource: Resource;
  /** The action on `resource` that shows the entry (default read). */
  action?: 'read' | 'create';
};

export const CASE_PAGES: readonly CasePageDefinition[] = [
  { key: 'caseList', path: '/cases', resource: 'case' },
  { key: 'screeningNew', path: '/screenings/new', resource: 'screening', action: 'create' },
  { key: 'referralInbox', path: '/referrals', resource: 'referral' },
  { key: 'myTasks', path: '/tasks', resource: 'case' },
  { key: 'hotline', path: '/hotline', resource: 'hotline_call' },
  { key: 'providers', path: '/providers', resource: 'service_provider' },
  { key: 'followUpReport', path: '/cases/reports/follow-up', resource: 'case' },
  { key: 'caseImport', path: '/cases/import', resource: 'case', action: 'create' },
];

/** A page of the cross-border module, listed under it in the menu: `nav.<key>` names it. */
export type CrossBorderPageDefinition = {
  key: 'xbCases' | 'xbReconciliation' | 'agreements' | 'meetings' | 'peers';
  path: string;
  resource: Resource;
};

export const CROSS_BORDER_PAGES: readonly CrossBorderPageDefinition[] = [
  { key: 'xbCases', path: '/cross-border', resource: 'crossborder_case' },
  { key: 'xbReconciliation', path: '/cross-border/reconciliation', resource: 'crossborder_case' },
  { key: 'agreements', path: '/cross-border/agreements', resource: 'agreement' },
  { key: 'meetings', path: '/cross-border/meetings', resource: 'meeting' },
  { key: 'peers', path: '/cross-border/peers', resource: 'federation' },
];

/** A page of the statistics module, listed under it in the menu: `nav.<key>` names it. */
export type StatisticsPageDefinition = {
  key:
    | 'statRegional'
    | 'statCountry'
    | 'statPivot'
    | 'statComparison'
    | 'statEntry'
    | 'statImport'
    | 'statValidation'
    | 'statApprovals'
    | 'statDefinitions';
  path: string;
  resource: Resource;
  /** The action on `resource` that shows the entry (default read). */
  action?: 'read' | 'create' | 'approve';
};

export const STATISTICS_PAGES: readonly StatisticsPageDefinition[] = [
  { key: 'statRegional', path: '/statistics', resource: 'statistic' },
  { key: 'statCountry', path: '/statistics/country', resource: 'statistic' },
  { key: 'statPivot', path: '/statistics/pivot', resource: 'statistic' },
  { key: 'statComparison', path: '/statistics/comparison', resource: 'statistic' },
  { key: 'statEntry', path: '/statistics/entry', resource: 'statistic', action: 'create' },
  { key: 'statImport', path: '/statistics/import', resource: 'statistic', action: 'create' },
  { key: 'statValidation', path: '/statistics/validation', resource: 'statistic' },
  { key: 'statApprovals', path: '/statistics/approvals', resource: 'statistic', action: 'approve' },
  { key: 'statDefinitions', path: '/statistics/definitions', resource: 'statistic' },
];

/** A page of the plans module (M&E), listed under it in the menu: `nav.<key>` names it. */
export type PlansPageDefinition = {
  key:
    | 'planFrameworks'
    | 'planWorkplans'
    | 'planProgress'
    | 'planReview'
    | 'planIndicators'
    | 'planBudgets'
    | 'planTrainings'
    | 'planCaseStudies'
    | 'planReports';
  path: string;
  resource: Resource;
  /** The action on `resource` that shows the entry (default read). */
  action?: 'read' | 'create' | 'approve';
};

export const PLANS_PAGES: readonly PlansPageDefinition[] = [
  { key: 'planFrameworks', path: '/plans', resource: 'plan' },
  { key: 'planWorkplans', path: '/plans/workplans', resource: 'plan' },
  { key: 'planProgress', path: '/plans/progress', resource: 'plan' },
  { key: 'planReview', path: '/plans/review', resource: 'plan', action: 'approve' },
  { key: 'planIndicators', path: '/plans/indicators', resource: 'plan' },
  { key: 'planBudgets', path: '/plans/budgets', resource: 'plan' },
  { key: 'planTrainings', path: '/plans/trainings', resource: 'plan' },
  { key: 'planCaseStudies', path: '/plans/case-studies', resource: 'plan' },
  { key: 'planReports', path: '/plans/reports', resource: 'plan' },
];
