import type { CaseListItem, SessionInfo } from '@ctip/domain';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_QUERY_KEY } from '../../auth/session';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { CasesPage } from './CasesPage';

const ROW: CaseListItem = {
  id: '00000000-0000-4000-8000-0000000000c1',
  code: 'TH-2026-000042',
  status: 'Active',
  identificationStatus: 'Identified',
  gender: 'Female',
  ageAtIdentification: 16,
  isChild: true,
  nationality: 'MM',
  formsOfExploitation: ['SexualExploitation'],
  isCrossBorder: true,
  countryCode: 'TH',
  agencyId: '00000000-0000-4000-8000-0000000000a1',
  agencyName: 'DSDW',
  ownerUserId: '00000000-0000-4000-8000-000000000001',
  ownerName: 'Case Worker',
  createdAt: '2026-11-02T03:00:00Z',
};

function session() {
  const queryClient = testQueryClient();
  queryClient.setQueryData(SESSION_QUERY_KEY, {
    user: {
      id: ROW.ownerUserId,
      username: 'th.caseworker',
      displayName: 'Case Worker',
      email: null,
      agencyId: ROW.agencyId,
      agencyName: 'DSDW',
      countryCode: 'TH',
      roleIds: [],
      roleKeys: ['case_worker'],
      locale: 'en',
      calendar: 'buddhist',
      isDisabled: false,
      hasMfa: true,
      lastLoginAt: null,
      createdAt: '2026-01-01T00:00:00Z',
    },
    permissions: [{ resource: 'case', action: 'read', scope: 'agency' }],
    csrfToken: 'x',
    stage: 'complete',
    expiresAt: '2026-12-31T00:00:00Z',
  } as SessionInfo);
  return queryClient;
}

describe(CasesPage.name, () => {
  it('lists cases by code and coded fields with Buddhist-Era dates, filters in the body', async () => {
    const searches: unknown[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const path = new URL(url, 'http://x').pathname;
      if (path === '/api/cases/search') {
        searches.push(JSON.parse(String(init?.body)));
        return new Response(JSON.stringify({ items: [ROW], total: 1, page: 1, pageSize: 25 }));
      }
      return new Response(JSON.stringify({ items: [] }));
    });
    renderWithProviders(<CasesPage />, { route: '/cases', queryClient: session() });
    expect(await screen.findByText('TH-2026-000042')).toBeTruthy();
    const table = within(screen.getByTestId('cases-table'));
    expect(table.getByText('Identified victim')).toBeTruthy();
    expect(table.getByText('Sexual exploitation')).toBeTruthy();
    expect(table.getByText(/2569/)).toBeTruthy();
    // Read-only roles get no "New case" button.
    expect(screen.queryByTestId('case-new')).toBeNull();
    await waitFor(() => expect(searches.length).toBeGreaterThan(0));
    expect(searches[0]).toEqual({ page: 1, pageSize: 25 });
  });
});
