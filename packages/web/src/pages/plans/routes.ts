import type { Resource } from '@ctip/domain';
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/** React.lazy for a named export, so every page is its own chunk. */
function page(load: () => Promise<ComponentType>): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: await load() }));
}

/** The routes of the plans module (M&E), each behind `read` on its resource. */
export const PLAN_ROUTES: readonly {
  path: string;
  resource: Resource;
  Page: LazyExoticComponent<ComponentType>;
}[] = [
  {
    path: '/plans',
    resource: 'plan',
    Page: page(() => import('./FrameworksPage').then((m) => m.FrameworksPage)),
  },
  {
    path: '/plans/frameworks/:id',
    resource: 'plan',
    Page: page(() => import('./FrameworkPage').then((m) => m.FrameworkPage)),
  },
  {
    path: '/plans/workplans',
    resource: 'plan',
    Page: page(() => import('./WorkplansPage').then((m) => m.WorkplansPage)),
  },
  {
    path: '/plans/workplans/:id',
    resource: 'plan',
    Page: page(() => import('./WorkplanPage').then((m) => m.WorkplanPage)),
  },
  {
    path: '/plans/progress',
    resource: 'plan',
    Page: page(() => import('./ProgressReportsPage').then((m) => m.ProgressReportsPage)),
  },
  {
    path: '/plans/progress/:reportId',
    resource: 'plan',
    Page: page(() => import('./ProgressPage').then((m) => m.ProgressPage)),
  },
  {
    path: '/plans/review',
    resource: 'plan',
    Page: page(() => import('./ReviewQueuePage').then((m) => m.ReviewQueuePage)),
  },
  {
    path: '/plans/indicators',
    resource: 'plan',
    Page: page(() => import('./IndicatorsPage').then((m) => m.IndicatorsPage)),
  },
  {
    path: '/plans/budgets',
    resource: 'plan',
    Page: page(() => import('./BudgetsPage').then((m) => m.BudgetsPage)),
  },
  {
    path: '/plans/trainings',
    resource: 'plan',
    Page: page(() => import('./TrainingsPage').then((m) => m.TrainingsPage)),
  },
  {
    path: '/plans/case-studies',
    resource: 'plan',
    Page: page(() => import('./CaseStudiesPage').then((m) => m.CaseStudiesPage)),
  },
  {
    path: '/plans/reports',
    resource: 'plan',
    Page: page(() => import('./ReportsPage').then((m) => m.ReportsPage)),
  },
  {
    path: '/plans/reports/:id',
    resource: 'plan',
    Page: page(() => import('./ReportPage').then((m) => m.ReportPage)),
  },
];
