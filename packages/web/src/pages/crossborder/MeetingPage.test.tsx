import type { Meeting, MeetingScheduleItem, SessionInfo, User } from '@ctip/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_QUERY_KEY } from '../../auth/session';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { MeetingPage } from './MeetingPage';
import { MeetingsPage } from './MeetingsPage';

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

const meeting: Meeting = {
  id: '00000000-0000-4000-8000-0000000000b1',
  type: 'CMM',
  title: 'Thailand–Cambodia CMM',
  countries: ['TH', 'KH'],
  agreementId: null,
  ordinal: null,
  scheduledOn: '2026-11-30',
  dateNote: null,
  heldOn: null,
  location: 'Aranyaprathet',
  hostCountry: 'TH',
  status: 'Planned',
  statusNote: null,
  typeNote: null,
  note: null,
  minutes: null,
  source: null,
  isSeeded: false,
  agenda: [
    {
      id: '00000000-0000-4000-8000-0000000000c1',
      position: 1,
      title: 'TH-XB-00001 · Accepted · overdue: handover',
      xbCaseId: '00000000-0000-4000-8000-0000000000d1',
      caseRef: 'TH-XB-00001',
      note: null,
      decision: null,
    },
  ],
  decisions: [],
  actions: [
    {
      id: '00000000-0000-4000-8000-0000000000e1',
      title: 'Send travel documents',
      ownerCountry: 'KH',
      ownerAgencyId: null,
      ownerUserId: null,
      dueOn: '2026-11-01',
      status: 'Open',
      doneOn: null,
      agendaItemId: null,
      isOverdue: true,
    },
  ],
  version: 3,
};

function session() {
  const queryClient = testQueryClient();
  queryClient.setQueryData<SessionInfo>(SESSION_QUERY_KEY, {
    user: me,
    permissions: [
      { resource: 'meeting', action: 'read', scope: 'country' },
      { resource: 'meeting', action: 'update', scope: 'country' },
      { resource: 'meeting', action: 'create', scope: 'country' },
    ],
    csrfToken: 'x',
    stage: 'complete',
    expiresAt: '2026-12-31T00:00:00Z',
  });
  queryClient.setQueryData(['reference', 'countries'], []);
  return queryClient;
}

describe(MeetingPage.name, () => {
  it('links agenda items to the shared case, marks overdue actions and autosaves the minutes', async () => {
    const patches: unknown[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const path = new URL(url, 'http://x').pathname;
      if (init?.method === 'PATCH') {
        const body = JSON.parse(String(init.body));
        patches.push(body);
        return new Response(JSON.stringify({ ...meeting, minutes: body.minutes, version: 4 }));
      }
      if (path === `/api/meetings/${meeting.id}`) {
        return new Response(JSON.stringify(meeting));
      }
      return new Response(JSON.stringify([]));
    });
    renderWithProviders(
      <Routes>
        <Route path="/cross-border/meetings/:meetingId" element={<MeetingPage />} />
      </Routes>,
      { queryClient: session(), route: `/cross-border/meetings/${meeting.id}` },
    );
    const link = await screen.findByRole('link', { name: /TH-XB-00001/ });
    expect(link.getAttribute('href')).toBe(
      '/cross-border/cases/00000000-0000-4000-8000-0000000000d1',
    );
    const row = screen.getByText('Send travel documents').closest('tr');
    expect(row?.getAttribute('data-overdue')).toBe('true');
    expect(screen.getByText(/must not carry the names of victims/)).toBeTruthy();
    fireEvent.change(screen.getByTestId('minutes'), {
      target: { value: 'Discussed TH-XB-00001.' },
    });
    expect(screen.getByTestId('minutes-state').textContent).toBe('Unsaved changes…');
    await waitFor(() => expect(screen.getByTestId('minutes-state').textContent).toBe('Saved'), {
      timeout: 4000,
    });
    expect(patches).toEqual([{ version: 3, minutes: 'Discussed TH-XB-00001.' }]);
  });
});

describe(MeetingsPage.name, () => {
  it('highlights an overdue meeting in the schedule', async () => {
    const schedule: MeetingScheduleItem[] = [
      {
        agreementId: '00000000-0000-4000-8000-0000000000f1',
        agreementCode: 'MM-TH-2009-MOU',
        agreementTitle: 'MoU',
        countries: ['MM', 'TH'],
        rhythm: { cadenceMonths: 8, reviewEveryMonths: 18 },
        lastMeetingOn: '2025-01-10',
        lastReviewOn: '2018-08-09',
        meetingDueOn: '2025-09-10',
        meetingState: 'overdue',
        reviewDueOn: '2020-02-09',
        reviewState: 'overdue',
        nextPlanned: null,
      },
    ];
    vi.stubGlobal('fetch', async (url: string) => {
      const path = new URL(url, 'http://x').pathname;
      return new Response(JSON.stringify(path === '/api/meetings/schedule' ? schedule : []));
    });
    renderWithProviders(<MeetingsPage />, { queryClient: session() });
    expect(await screen.findByText('MM-TH-2009-MOU')).toBeTruthy();
    expect(screen.getByText('Every 8 months; review every 18 months')).toBeTruthy();
    expect(screen.getAllByText('Overdue')).toHaveLength(2);
    expect(screen.getAllByRole('button', { name: 'Plan a meeting' }).length).toBeGreaterThan(1);
  });
});
