import type { Permission, SessionInfo } from '@ctip/domain';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_QUERY_KEY } from '../../auth/session';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { CaseExportButton } from './CaseExportButton';

function sessionWith(permissions: Permission[]) {
  const queryClient = testQueryClient();
  queryClient.setQueryData<SessionInfo>(SESSION_QUERY_KEY, {
    user: {
      id: '00000000-0000-4000-8000-000000000009',
      username: 'th.caseworker',
      displayName: 'Case worker',
      email: null,
      agencyId: '00000000-0000-4000-8000-0000000000a1',
      agencyName: 'MSDHS',
      countryCode: 'TH',
      roleIds: [],
      roleKeys: ['case_worker'],
      locale: 'en',
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

describe(CaseExportButton.name, () => {
  it('is hidden without case:export', () => {
    renderWithProviders(<CaseExportButton />, {
      queryClient: sessionWith([{ resource: 'case', action: 'read', scope: 'agency' }]),
    });
    expect(screen.queryByTestId('case-export')).toBeNull();
  });

  it('downloads an export and says how many cases were left out', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      return new Response('cas_Code\r\nTH-2026-000001\r\n', {
        status: 200,
        headers: {
          'content-type': 'text/csv',
          'content-disposition': 'attachment; filename="cases-th-20261201.csv"',
          'x-ctip-exported': '1',
          'x-ctip-left-out': '4',
        },
      });
    });
    vi.stubGlobal(
      'URL',
      Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} }),
    );
    renderWithProviders(<CaseExportButton />, {
      queryClient: sessionWith([{ resource: 'case', action: 'export', scope: 'agency' }]),
    });
    fireEvent.click(screen.getByTestId('case-export'));
    fireEvent.click(await screen.findByRole('checkbox', { name: /Include personal fields/ }));
    fireEvent.click(screen.getByRole('combobox', { name: /Purpose/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Research' }));
    fireEvent.click(screen.getByRole('button', { name: 'Download' }));
    const summary = await screen.findByTestId('export-summary');
    expect(summary.textContent).toContain('1 cases exported.');
    expect(summary.textContent).toContain('4 cases left out: no consent for Research.');
    expect(urls).toEqual(['/api/cases/export?format=csv&includePersonal=true&purpose=Research']);
  });
});
