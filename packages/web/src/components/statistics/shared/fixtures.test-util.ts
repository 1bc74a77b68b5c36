import type {
  ComparisonRow,
  Permission,
  RegionalOverview,
  SessionInfo,
  StatQuery,
  StatTable,
} from '@ctip/domain';
import { vi } from 'vitest';
import { SESSION_QUERY_KEY } from '../../../auth/session';
import { testQueryClient } from '../../../test/render';

/** A query as the server echoes it. */
export function query(partial: Partial<StatQuery>): StatQuery {
  return {
    source: 'national',
    rows: [],
    columns: [],
    filters: {},
    periodType: 'Yearly',
    internal: false,
    ...partial,
  };
}

/** Victims identified, country × year, with a primary and a secondary suppressed cell and totals. */
export function identifiedTable(internal = false): StatTable {
  return {
    query: query({
      dataElement: 'VICTIMS_IDENTIFIED',
      rows: ['country'],
      columns: ['period'],
      internal,
    }),
    rowAxes: ['country'],
    columnAxes: ['period'],
    rowHeaders: [['KH'], ['TH'], ['']],
    columnHeaders: [['2011'], ['2012'], ['']],
    cells: [
      [
        { value: 120, status: 'Reported' },
        internal ? { value: 3, status: 'Reported' } : { value: null, status: 'Suppressed' },
        internal
          ? { value: 123, status: 'Reported' }
          : { value: null, status: 'SecondarySuppressed' },
      ],
      [
        { value: null, status: 'SuppressedAtSource' },
        { value: null, status: 'Missing' },
        { value: 541, status: 'Reported', isLowerBound: true },
      ],
      [
        { value: 661, status: 'Reported' },
        { value: 3, status: internal ? 'Reported' : 'Suppressed' },
        { value: 664, status: 'Reported' },
      ],
    ],
    hasTotals: true,
    disclosure: { threshold: 5, internal, primary: internal ? 0 : 1, secondary: internal ? 0 : 1 },
    sources: [
      {
        code: 'S001',
        title: 'COMMIT Regional Data 2008–2012',
        citation: 'Table 1, officially identified trafficked persons',
      },
    ],
    openViolations: 2,
  };
}

/** A small sex breakdown, country × sex. */
export function bySexTable(): StatTable {
  return {
    query: query({ dataElement: 'VICTIMS_IDENTIFIED', rows: ['country'], columns: ['sex'] }),
    rowAxes: ['country'],
    columnAxes: ['sex'],
    rowHeaders: [['KH'], ['TH']],
    columnHeaders: [['M'], ['F']],
    cells: [
      [
        { value: 20, status: 'Reported' },
        { value: 100, status: 'Reported' },
      ],
      [
        { value: 30, status: 'Reported' },
        { value: 511, status: 'Reported' },
      ],
    ],
    hasTotals: false,
    disclosure: { threshold: 5, internal: false, primary: 0, secondary: 0 },
    sources: [],
    openViolations: 0,
  };
}

export function overview(internal = false): RegionalOverview {
  return {
    source: 'national',
    identifiedByCountryYear: identifiedTable(internal),
    flows: [
      { from: 'TH', to: 'MM', value: 420, status: 'Reported' },
      { from: 'TH', to: 'KH', value: null, status: 'Suppressed' },
      { from: 'MY', to: 'XX', value: 8, status: 'Reported' },
    ],
    bySex: bySexTable(),
    byAge: { ...bySexTable(), columnAxes: ['age_group'], columnHeaders: [['U18'], ['18+']] },
    openViolationsByCountry: [
      { country: 'TH', open: 3 },
      { country: 'KH', open: 0 },
    ],
    approvals: [
      {
        dataSet: 'VICTIMS',
        country: 'TH',
        period: '2012',
        status: 'Approved',
        approvedAt: '2026-11-20T09:00:00Z',
      },
    ],
    periodFrom: '2011',
    periodTo: '2012',
  };
}

export const comparisonRows: ComparisonRow[] = [
  {
    country: 'TH',
    period: '2012',
    dataElement: 'VICTIMS_IDENTIFIED',
    dimension: '',
    option: '',
    official: 541,
    officialStatus: 'Reported',
    derived: 498,
    derivedStatus: 'Reported',
    difference: 43,
    officialShownStatus: 'Reported',
    reasons: ['not_all_agencies_use_system', 'different_period_basis'],
  },
  {
    country: 'TH',
    period: '2011',
    dataElement: 'VICTIMS_IDENTIFIED',
    dimension: '',
    option: '',
    official: null,
    officialStatus: 'SuppressedAtSource',
    derived: null,
    derivedStatus: 'Suppressed',
    difference: null,
    officialShownStatus: 'SuppressedAtSource',
    reasons: ['official_suppressed_at_source'],
  },
];

export type Call = { url: string; method: string; body: unknown };

/**
 * Stub fetch: answers by path (longest prefix first), records every call. The reference countries
 * answer empty (names then come from Intl).
 */
export function stubApi(routes: Record<string, (call: Call) => unknown>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    if (call.url.startsWith('/api/reference/countries')) {
      return new Response(JSON.stringify({ items: [] }));
    }
    const key = Object.keys(routes)
      .filter((k) => call.url.startsWith(k))
      .sort((a, b) => b.length - a.length)[0];
    if (!key) {
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: call.url } }), {
        status: 404,
      });
    }
    const answer = routes[key]?.(call);
    if (answer instanceof Response) {
      return answer;
    }
    return new Response(JSON.stringify(answer));
  });
  return calls;
}

/** A query client with a logged-in Thai focal point holding `permissions`. */
export function sessionClient(
  permissions: Permission[],
  calendar: 'gregory' | 'buddhist' = 'gregory',
) {
  const queryClient = testQueryClient();
  queryClient.setQueryData<SessionInfo>(SESSION_QUERY_KEY, {
    user: {
      id: '00000000-0000-4000-8000-000000000001',
      username: 'th.focal',
      displayName: 'Thai focal point',
      email: null,
      agencyId: '00000000-0000-4000-8000-0000000000a1',
      agencyName: 'DATIP',
      countryCode: 'TH',
      roleIds: [],
      roleKeys: ['taskforce_focal_point'],
      locale: 'en',
      calendar,
      isDisabled: false,
      hasMfa: true,
      lastLoginAt: null,
      createdAt: '2026-01-01T00:00:00Z',
    },
    permissions,
    csrfToken: 'csrf-1',
    stage: 'complete',
    expiresAt: '2026-12-31T00:00:00Z',
  });
  return queryClient;
}

export const READ: Permission[] = [{ resource: 'statistic', action: 'read', scope: 'country' }];
export const READ_INTERNAL: Permission[] = [
  ...READ,
  { resource: 'statistic_internal', action: 'read', scope: 'country' },
];
