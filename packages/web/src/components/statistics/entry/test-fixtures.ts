/**
 * Fixtures of the statistics data screens' component tests: a focal point's session and a fetch
 * stub that answers by method and path (each test lists the calls it expects).
 */
import type { Permission, SessionInfo, User } from '@ctip/domain';
import type { QueryClient } from '@tanstack/react-query';
import { vi } from 'vitest';
import { SESSION_QUERY_KEY } from '../../../auth/session';

export const FOCAL_POINT: User = {
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

export const FOCAL_POINT_PERMISSIONS: Permission[] = (
  ['read', 'create', 'update', 'approve', 'export'] as const
).map((action) => ({ resource: 'statistic', action, scope: 'country' }));

/** Put a logged-in session in the query cache. */
export function withSession(
  queryClient: QueryClient,
  permissions: Permission[] = FOCAL_POINT_PERMISSIONS,
  user: Partial<User> = {},
): void {
  queryClient.setQueryData<SessionInfo>(SESSION_QUERY_KEY, {
    user: { ...FOCAL_POINT, ...user },
    permissions,
    csrfToken: 'csrf-token',
    stage: 'complete',
    expiresAt: '2099-12-31T00:00:00Z',
  });
}

export type StubCall = { method: string; url: string; body: unknown };
export type StubRoute = {
  method: string;
  path: RegExp;
  reply: (call: StubCall) => { status?: number; body: unknown } | unknown;
};

/**
 * Stub fetch: the first route whose method and path match answers (a `{ status, body }` object, or
 * the body itself with 200); reference data answers an empty list; anything else is a 404.
 */
export function stubApi(routes: StubRoute[]): StubCall[] {
  const calls: StubCall[] = [];
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const raw = init?.body;
    const body = typeof raw === 'string' ? JSON.parse(raw) : undefined;
    const call = { method, url: String(input), body };
    calls.push(call);
    const path = call.url.split('?')[0] ?? '';
    const route = routes.find((r) => r.method === method && r.path.test(path));
    if (!route) {
      if (path.startsWith('/api/reference/')) {
        return new Response(JSON.stringify({ items: [] }));
      }
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: path } }), {
        status: 404,
      });
    }
    const out = route.reply(call);
    const isWrapped = typeof out === 'object' && out !== null && 'body' in out && 'status' in out;
    const status = isWrapped ? ((out as { status?: number }).status ?? 200) : 200;
    const payload = isWrapped ? (out as { body: unknown }).body : out;
    return new Response(status === 204 ? null : JSON.stringify(payload), { status });
  });
  return calls;
}
