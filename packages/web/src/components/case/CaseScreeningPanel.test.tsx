import type { Permission, ScreeningSummary, SessionInfo } from '@ctip/domain';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_QUERY_KEY } from '../../auth/session';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { CaseScreeningPanel } from './CaseScreeningPanel';

const CASE = '00000000-0000-4000-8000-0000000000ca';
const summary: ScreeningSummary = {
  id: '00000000-0000-4000-8000-0000000000b1',
  countryCode: 'TH',
  agencyId: 'a',
  screenerUserId: 'u',
  caseId: CASE,
  hotlineCallId: null,
  screenedAt: '2026-11-20T02:30:00Z',
  location: 'Ranong pier',
  isChild: true,
  gender: 'Female',
  ageEstimate: 15,
  nationality: 'MM',
  actIndicators: ['Recruitment'],
  meansIndicators: [],
  purposeIndicators: ['Begging'],
  redFlags: [],
  interpreterUsed: false,
  interviewLanguage: 'my',
  outcome: 'Possible',
  suggestedOutcome: 'Actual',
  decidingAgencyId: 'a',
  decisionDate: '2026-11-20',
  createdAt: '2026-11-20T02:30:00Z',
};

function session(permissions: Permission[]) {
  const queryClient = testQueryClient();
  queryClient.setQueryData<SessionInfo>(SESSION_QUERY_KEY, {
    user: {
      id: 'u',
      username: 'cw',
      displayName: 'CW',
      email: null,
      agencyId: 'a',
      agencyName: 'A',
      countryCode: 'TH',
      roleIds: [],
      roleKeys: [],
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

describe(CaseScreeningPanel.name, () => {
  it('lists the screenings of the case and opens one only when asked', async () => {
    const seen: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      const u = new URL(url, 'http://x');
      seen.push(u.pathname + u.search);
      const body =
        u.pathname === '/api/screenings'
          ? { items: [summary], total: 1, page: 1, pageSize: 50 }
          : { ...summary, personName: 'Nang', notes: null, assessment: {} };
      return new Response(JSON.stringify(body), { status: 200 });
    });
    renderWithProviders(<CaseScreeningPanel caseId={CASE} />, {
      queryClient: session([{ resource: 'case', action: 'read', scope: 'agency' }]),
    });
    expect(await screen.findByText('Possible victim')).toBeTruthy();
    expect(screen.getByText('Suggested outcome: Victim of trafficking')).toBeTruthy();
    expect(seen).toEqual([`/api/screenings?caseId=${CASE}&pageSize=50`]);
    expect(screen.queryByText(/Nang/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show details' }));
    expect(await screen.findByText(/Nang/)).toBeTruthy();
    expect(screen.getByText(/Forced begging/)).toBeTruthy();
  });
});
