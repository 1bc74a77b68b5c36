import type { HotlineStats, Permission, SessionInfo } from '@ctip/domain';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_QUERY_KEY } from '../../auth/session';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { HotlinePage } from './HotlinePage';

const AGENCY = '00000000-0000-4000-8000-0000000000a1';

function session(permissions: Permission[]) {
  const queryClient = testQueryClient();
  queryClient.setQueryData<SessionInfo>(SESSION_QUERY_KEY, {
    user: {
      id: '00000000-0000-4000-8000-000000000001',
      username: 'op',
      displayName: 'Operator',
      email: null,
      agencyId: AGENCY,
      agencyName: '1300',
      countryCode: 'TH',
      roleIds: [],
      roleKeys: ['hotline_operator'],
      locale: 'th',
      calendar: 'gregory',
      isDisabled: false,
      hasMfa: true,
      lastLoginAt: null,
      createdAt: '2026-01-01T00:00:00Z',
    },
    permissions,
    csrfToken: 'x',
    stage: 'complete',
    expiresAt: '2026-12-31T00:00:00Z',
  });
  return queryClient;
}

const stats: HotlineStats = {
  months: ['2026-01', '2026-02'],
  byCategory: [
    { month: '2026-01', key: 'Trafficking', count: 2 },
    { month: '2026-02', key: 'LabourRights', count: 1 },
  ],
  byLanguage: [
    { month: '2026-01', key: 'my', count: 2 },
    { month: '2026-02', key: 'th', count: 1 },
  ],
  total: 3,
};

function stubApi(seen: string[]): void {
  vi.stubGlobal('fetch', async (url: string) => {
    const u = new URL(url, 'http://x');
    seen.push(u.pathname + u.search);
    const body =
      u.pathname === '/api/hotline/stats' ? stats : { items: [], total: 0, page: 1, pageSize: 200 };
    return new Response(JSON.stringify(body), { status: 200 });
  });
}

describe(HotlinePage.name, () => {
  it('offers the call form to an operator and lists today only', async () => {
    const seen: string[] = [];
    stubApi(seen);
    renderWithProviders(<HotlinePage />, {
      queryClient: session([
        { resource: 'hotline_call', action: 'read', scope: 'agency' },
        { resource: 'hotline_call', action: 'create', scope: 'agency' },
      ]),
    });
    expect(await screen.findByTestId('hotline-call-form')).toBeTruthy();
    expect(await screen.findByText('No calls logged today.')).toBeTruthy();
    const list = seen.find((s) => s.startsWith('/api/hotline/calls'));
    expect(list).toMatch(/from=.*&to=/);
  });

  it('hides the form from a reader and shows statistics by language with exact counts', async () => {
    const seen: string[] = [];
    stubApi(seen);
    renderWithProviders(<HotlinePage />, {
      queryClient: session([{ resource: 'hotline_call', action: 'read', scope: 'agency' }]),
    });
    expect(screen.queryByTestId('hotline-call-form')).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'Statistics' }));
    const table = await screen.findByTestId('hotline-language-table');
    const rows = within(table).getAllByRole('row');
    // Header + one row per language (my, th): the month cells and the total.
    expect(rows).toHaveLength(3);
    expect(rows[1]?.textContent).toMatch(/20\s*2$/);
    expect(rows[2]?.textContent).toMatch(/01\s*1$/);
    expect(screen.getByTestId('hotline-chart').getAttribute('aria-label')).toBe(
      'Stacked bar chart of calls per month by category',
    );
    expect(
      seen.some((s) => /^\/api\/hotline\/stats\?from=\d{4}-\d{2}&to=\d{4}-\d{2}/.test(s)),
    ).toBe(true);
  });
});
