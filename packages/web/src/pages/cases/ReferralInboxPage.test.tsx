import type { Referral, SessionInfo, User } from '@ctip/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_QUERY_KEY } from '../../auth/session';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { ReferralInboxPage } from './ReferralInboxPage';

const AGENCY = '00000000-0000-4000-8000-0000000000a1';

const me: User = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'shelter.cw',
  displayName: 'Shelter Case Worker',
  email: null,
  agencyId: AGENCY,
  agencyName: 'WPC Ranong',
  countryCode: 'TH',
  roleIds: [],
  roleKeys: ['case_worker'],
  locale: 'en',
  calendar: 'gregory',
  isDisabled: false,
  hasMfa: true,
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00Z',
};

const referral: Referral = {
  id: '00000000-0000-4000-8000-0000000000b1',
  caseId: '00000000-0000-4000-8000-0000000000c1',
  caseCode: 'TH-2026-000042',
  kind: 'Refer',
  status: 'InProgress',
  fromAgencyId: '00000000-0000-4000-8000-0000000000a2',
  fromAgencyName: 'MSDHS',
  fromUserId: '00000000-0000-4000-8000-000000000002',
  toAgencyId: AGENCY,
  toAgencyName: 'WPC Ranong',
  toUserId: null,
  toProviderId: null,
  toProviderName: null,
  services: ['Shelter'],
  reason: 'AdditionalServicesRequired',
  details: null,
  dueOn: '2026-01-05',
  isOverdue: true,
  isConsentOverridden: false,
  responseReason: null,
  respondedAt: null,
  outcome: null,
  completedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  allowedActions: ['accept', 'reject'],
};

function session() {
  const queryClient = testQueryClient();
  queryClient.setQueryData<SessionInfo>(SESSION_QUERY_KEY, {
    user: me,
    permissions: [{ resource: 'referral', action: 'update', scope: 'agency' }],
    csrfToken: 'x',
    stage: 'complete',
    expiresAt: '2026-12-01T00:00:00Z',
  });
  return queryClient;
}

describe(ReferralInboxPage.name, () => {
  it('highlights overdue referrals and asks for a reason before rejecting', async () => {
    const posts: { url: string; body: unknown }[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const path = new URL(url, 'http://x').pathname;
      if (init?.method === 'POST') {
        posts.push({ url: path, body: JSON.parse(String(init.body ?? '{}')) });
        return new Response(
          JSON.stringify({ ...referral, status: 'Rejected', allowedActions: [] }),
        );
      }
      const body =
        path === '/api/referrals'
          ? { items: [referral], total: 1, page: 1, pageSize: 50 }
          : { items: [], unread: 0 };
      return new Response(JSON.stringify(body), { status: 200 });
    });
    renderWithProviders(<ReferralInboxPage />, { queryClient: session() });
    expect(await screen.findByText('TH-2026-000042')).toBeTruthy();
    expect(screen.getByTestId('overdue-badge')).toBeTruthy();
    expect(screen.getByTestId('overdue-count').textContent).toContain('1');
    expect(screen.queryByTestId('referral-revoke')).toBeNull();
    fireEvent.click(screen.getByTestId('referral-reject'));
    const reason = await screen.findByLabelText(/Reason for rejecting/);
    const submit = screen.getAllByRole('button', { name: 'Reject' }).at(-1) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(reason, { target: { value: 'No capacity' } });
    fireEvent.click(submit);
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toEqual({
      url: `/api/referrals/${referral.id}/reject`,
      body: { reason: 'No capacity' },
    });
  });
});
