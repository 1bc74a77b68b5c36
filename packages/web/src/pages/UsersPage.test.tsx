import type { Permission, SessionInfo, User } from '@ctip/domain';
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_QUERY_KEY } from '../auth/session';
import { renderWithProviders, testQueryClient } from '../test/render';
import { UsersPage } from './UsersPage';

const AGENCY = '00000000-0000-4000-8000-0000000000a1';

const somchai: User = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'somchai',
  displayName: 'Somchai',
  email: null,
  agencyId: AGENCY,
  agencyName: 'DSDW',
  countryCode: 'TH',
  roleIds: [],
  roleKeys: ['case_worker'],
  locale: 'en',
  calendar: 'buddhist',
  isDisabled: false,
  hasMfa: false,
  lastLoginAt: '2026-02-01T03:00:00Z',
  createdAt: '2026-01-01T00:00:00Z',
};

function sessionWith(permissions: Permission[]) {
  const queryClient = testQueryClient();
  queryClient.setQueryData<SessionInfo>(SESSION_QUERY_KEY, {
    user: { ...somchai, id: '00000000-0000-4000-8000-000000000009', username: 'admin' },
    permissions,
    csrfToken: 'x',
    stage: 'complete',
    expiresAt: '2026-12-01T00:00:00Z',
  });
  return queryClient;
}

function stubApi(): void {
  vi.stubGlobal('fetch', async (url: string) => {
    const path = new URL(url, 'http://x').pathname;
    const body =
      path === '/api/users'
        ? { items: [somchai], total: 1, page: 1, pageSize: 25 }
        : path === '/api/agencies'
          ? { items: [], total: 0, page: 1, pageSize: 200 }
          : { items: [] };
    return new Response(JSON.stringify(body), { status: 200 });
  });
}

describe(UsersPage.name, () => {
  it('hides create, edit and disable from a user who may only read', async () => {
    stubApi();
    renderWithProviders(<UsersPage />, {
      queryClient: sessionWith([{ resource: 'user', action: 'read', scope: 'country' }]),
    });
    expect(await screen.findByText('somchai')).toBeTruthy();
    expect(screen.queryByTestId('user-create')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Disable' })).toBeNull();
  });

  it('offers the actions a country administrator holds, with B.E. dates', async () => {
    stubApi();
    renderWithProviders(<UsersPage />, {
      queryClient: sessionWith(
        (['read', 'create', 'update'] as const).map((action) => ({
          resource: 'user' as const,
          action,
          scope: 'country' as const,
        })),
      ),
    });
    expect(await screen.findByText('somchai')).toBeTruthy();
    expect(screen.getByTestId('user-create')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Disable' })).toBeTruthy();
    expect(screen.getByText(/2569/)).toBeTruthy();
  });

  it('hides edit for a user of another country', async () => {
    stubApi();
    const queryClient = sessionWith([
      { resource: 'user', action: 'read', scope: 'region' },
      { resource: 'user', action: 'update', scope: 'country' },
    ]);
    queryClient.setQueryData<SessionInfo>(SESSION_QUERY_KEY, (old) =>
      old ? { ...old, user: { ...old.user, countryCode: 'VN' } } : old,
    );
    renderWithProviders(<UsersPage />, { queryClient });
    expect(await screen.findByText('somchai')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
  });
});
