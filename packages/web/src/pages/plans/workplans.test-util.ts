import type { NationalPlanView, Permission, WorkplanView } from '@ctip/domain';

export const PLAN_FOCAL: Permission[] = [
  { resource: 'plan', action: 'read', scope: 'country' },
  { resource: 'plan', action: 'create', scope: 'country' },
  { resource: 'plan', action: 'update', scope: 'country' },
];

export const npas: NationalPlanView[] = [
  {
    id: '00000000-0000-4000-8000-000000000101',
    countryCode: 'TH',
    ordinal: 1,
    title: null,
    yearApproved: 2003,
    periodStart: 2003,
    periodEnd: 2010,
    scope: null,
    statusNote: null,
    source: 's002_table2_national_plans_of_action.csv (S002 Table 2)',
    isSeeded: true,
    version: 1,
  },
  {
    id: '00000000-0000-4000-8000-000000000102',
    countryCode: 'TH',
    ordinal: 2,
    title: null,
    yearApproved: 2010,
    periodStart: 2011,
    periodEnd: 2016,
    scope: null,
    statusNote: null,
    source: 's002_table2_national_plans_of_action.csv (S002 Table 2)',
    isSeeded: true,
    version: 1,
  },
];

const AGENCY = '00000000-0000-4000-8000-0000000000a1';
const NODE_1 = '00000000-0000-4000-8000-000000000201';
const NODE_2 = '00000000-0000-4000-8000-000000000202';

export const workplan: WorkplanView = {
  id: '00000000-0000-4000-8000-000000000301',
  countryCode: 'TH',
  frameworkId: 'SPA3',
  year: 2013,
  nationalPlanId: null,
  title: null,
  status: 'Draft',
  currency: 'THB',
  usdRate: 32.5,
  isDemo: false,
  version: 3,
  frameworkTitle: 'COMMIT Sub-Regional Plan of Action III',
  frameworkYears: { first: 2011, last: 2014 },
  activities: [
    {
      id: '00000000-0000-4000-8000-000000000401',
      nodeId: NODE_1,
      nodeCode: 'P&C 1',
      nodeTitle: 'Policy and cooperation activity',
      areaCode: '1',
      title: 'Train border officials',
      titleLocal: 'อบรมเจ้าหน้าที่ด่านพรมแดน',
      leadAgencyId: AGENCY,
      leadAgencyName: 'DATIP',
      leadAgencyText: null,
      partnerAgencyIds: [],
      partnersText: 'IOM',
      plannedAmount: 650000,
      plannedUsdRate: null,
      plannedUsd: 20000,
      position: 0,
      version: 1,
    },
  ],
  totals: {
    byArea: [{ areaCode: '1', activityCount: 1, plannedUsd: 20000 }],
    plannedUsd: 20000,
    unconverted: 0,
  },
  frameworkActivities: [
    {
      id: NODE_1,
      code: 'P&C 1',
      title: 'Policy and cooperation activity',
      isPriority: true,
      areaId: null,
      areaCode: '1',
      areaTitle: 'Policy and cooperation',
    },
    {
      id: NODE_2,
      code: 'CJ 1',
      title: null,
      isPriority: false,
      areaId: null,
      areaCode: '3',
      areaTitle: 'Criminal justice',
    },
  ],
  agencies: [{ id: AGENCY, name: 'DATIP', shortName: null }],
  hasProgress: false,
};
