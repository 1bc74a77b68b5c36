import {
  type Action,
  type Actor,
  type Calendar,
  can,
  type RecordScope,
  type Resource,
  type SessionInfo,
  type User,
} from '@ctip/domain';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { isApiError, setCsrfToken } from '../api/client';
import { authApi } from '../api/endpoints';

/** react-query key of the current session (null when logged out). */
export const SESSION_QUERY_KEY = ['session'] as const;

/** GET /api/auth/session, with 401 meaning "no session" rather than an error. */
export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const session = await authApi.session();
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (isApiError(err) && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

/** Store a session answer (login, second factor, logout) as the current session. */
export function applySession(queryClient: QueryClient, session: SessionInfo | null): void {
  setCsrfToken(session?.csrfToken ?? null);
  queryClient.setQueryData(SESSION_QUERY_KEY, session);
}

/** Replace the user inside the cached session (after PATCH /api/me). */
export function applyUser(queryClient: QueryClient, user: User): void {
  queryClient.setQueryData<SessionInfo | null>(SESSION_QUERY_KEY, (old) =>
    old ? { ...old, user } : old,
  );
}

/** The session query: `data` is the SessionInfo, null when logged out, undefined while loading. */
export function useSessionQuery() {
  return useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: fetchSession,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** The current session when fully logged in (stage `complete`), else null. */
export function useSession(): SessionInfo | null {
  const { data } = useSessionQuery();
  return data && data.stage === 'complete' ? data : null;
}

/** Build the policy actor of @ctip/domain from a session. */
export function actorFromSession(session: SessionInfo): Actor {
  return {
    userId: session.user.id,
    agencyId: session.user.agencyId,
    countryCode: session.user.countryCode,
    permissions: session.permissions,
  };
}

/** The current actor, or null when logged out. */
export function useActor(): Actor | null {
  const session = useSession();
  return useMemo(() => (session ? actorFromSession(session) : null), [session]);
}

export type CanFn = (action: Action, resource: Resource, record?: RecordScope) => boolean;

/** `can()` bound to the current actor; always false when logged out. Hides, never enforces. */
export function useCan(): CanFn {
  const actor = useActor();
  return useCallback<CanFn>(
    (action, resource, record) => (actor ? can(actor, action, resource, record) : false),
    [actor],
  );
}

/** The calendar the user chose (Gregorian before login). */
export function useCalendar(): Calendar {
  const { data } = useSessionQuery();
  return data?.user.calendar ?? 'gregory';
}

/** Log out (this session or all of them) and forget everything cached. */
export function useLogout(): (everywhere?: boolean) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(
    async (everywhere = false) => {
      try {
        await (everywhere ? authApi.logoutAll() : authApi.logout());
      } finally {
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_QUERY_KEY[0] });
        applySession(queryClient, null);
      }
    },
    [queryClient],
  );
}
