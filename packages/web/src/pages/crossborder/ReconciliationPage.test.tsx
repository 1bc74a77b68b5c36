import type { Reconciliation, SessionInfo, User } from '@ctip/domain';
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_QUERY_KEY } from '../../auth/session';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { ReconciliationPage } from './ReconciliationPage';

const me: User = {
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
  calendar: 'gregory',
  isDisabled: false,
  hasMfa: true,
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00Z',
};

const result: Reconciliation = {
  from: 'TH',
  to: 'KH',
  period: String(new Date().getFullYear()),
  totals: { sent: 3, received: 2 },
  cells: [
    { sex: 'Female', ageGroup: 'Child', sent: 2, received: 2 },
    { sex: 'Male', ageGroup: 'Adult', sent: 1, received: 0 },
  ],
  mismatches: [
    {
      ref: '00000000-0000-4000-8000-0000000000c1',
      caseCode: 'TH-XB-00007',
      problem: 'sent_not_received',
      handedOverOn: '2026-03-01',
      receivedOn: null,
    },
  ],
};

describe(ReconciliationPage.name, () => {
  it('shows sent against received with totals, the mismatches and a CSV link', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      return new Response(
        JSON.stringify(url.startsWith('/api/cross-border/reconciliation') ? result : []),
      );
    });
    const queryClient = testQueryClient();
    queryClient.setQueryData<SessionInfo>(SESSION_QUERY_KEY, {
      user: me,
      permissions: [{ resource: 'crossborder_case', action: 'read', scope: 'country' }],
      csrfToken: 'x',
      stage: 'complete',
      expiresAt: '2026-12-31T00:00:00Z',
    });
    renderWithProviders(<ReconciliationPage />, { queryClient });
    expect(await screen.findByText('TH-XB-00007')).toBeTruthy();
    expect(screen.getByText('Sent, not received')).toBeTruthy();
    expect(screen.getByTestId('total-sent').textContent).toBe('3');
    expect(screen.getByTestId('total-received').textContent).toBe('2');
    const csv = screen.getByRole('link', { name: 'Download CSV' });
    expect(csv.getAttribute('href')).toContain('format=csv');
    expect(urls.some((u) => u.includes('from=TH') && u.includes('to=KH'))).toBe(true);
  });
});
