import type { SessionInfo, XbCaseDetail } from '@ctip/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_QUERY_KEY } from '../../auth/session';
import { CrossBorderPanel } from '../../components/case/CrossBorderPanel';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { XbCasePage } from './XbCasePage';

if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {} },
  });
}

const AGENCY = '00000000-0000-4000-8000-0000000000a1';
const USER = '00000000-0000-4000-8000-000000000001';
const XB_ID = '00000000-0000-4000-8000-0000000000x1'.replace('x', 'c');
const CASE_ID = '00000000-0000-4000-8000-0000000000c2';

const XB: XbCaseDetail = {
  id: XB_ID,
  ref: '00000000-0000-4000-8000-0000000000f1',
  role: 'Receiver',
  status: 'Accepted',
  purpose: 'Repatriation',
  localCountry: 'KH',
  peerCountry: 'TH',
  originCountry: 'KH',
  destinationCountry: 'TH',
  agreementCode: 'KH-TH-MOU-2014',
  policyVersion: 1,
  caseCode: 'KH-2026-000010',
  remoteCaseCode: 'TH-2026-000004',
  sex: 'Female',
  ageGroup: 'Adult',
  isRestricted: false,
  overdueSteps: 1,
  nextDueStep: { step: 'nationality_verification', dueDate: '2026-11-20' },
  offeredAt: '2026-10-21T03:00:00Z',
  updatedAt: '2026-11-30T03:00:00Z',
  pendingMessages: 1,
  localCaseId: CASE_ID,
  steps: [
    {
      step: 'identification',
      owner: 'destination',
      ownerCountry: 'TH',
      dueDate: '2026-10-21',
      status: 'Done',
      completedOn: '2026-10-21',
      note: null,
      delayDays: 0,
      updatedAt: '2026-10-21T03:00:00Z',
    },
    {
      step: 'nationality_verification',
      owner: 'origin',
      ownerCountry: 'KH',
      dueDate: '2026-11-20',
      status: 'InProgress',
      completedOn: null,
      note: null,
      delayDays: 11,
      updatedAt: '2026-11-20T03:00:00Z',
    },
  ],
  shared: { 'person.givenName': 'Sokha', 'rights.wishesProtection': true },
  returnChoice: 'Voluntary',
  rejectReason: null,
  consentWithdrawnAt: null,
  withdrawalAcknowledgedAt: null,
  acceptedAt: '2026-10-22T03:00:00Z',
  rejectedAt: null,
  closedAt: null,
  retentionUntil: null,
  onwardSharing: false,
  messages: [
    {
      id: '00000000-0000-4000-8000-0000000000e1',
      direction: 'in',
      kind: 'referral.offer',
      seq: 1,
      status: 'Applied',
      at: '2026-10-21T03:00:00Z',
      deliveredAt: '2026-10-21T03:00:01Z',
      attempts: 1,
      error: null,
    },
    {
      id: '00000000-0000-4000-8000-0000000000e2',
      direction: 'out',
      kind: 'step.update',
      seq: 2,
      status: 'Pending',
      at: '2026-11-30T03:00:00Z',
      deliveredAt: null,
      attempts: 2,
      error: 'peer unreachable',
    },
  ],
  outcomes: [
    {
      id: '00000000-0000-4000-8000-0000000000d1',
      step: 'follow_up_3m',
      outcome: 'InProgress',
      note: 'Back at school',
      reportedOn: '2026-11-29',
      reportedBy: 'Receiver',
    },
  ],
  ownSteps: ['nationality_verification'],
};

function session(country: string, roleKey: string, permissions: SessionInfo['permissions']) {
  const queryClient = testQueryClient();
  queryClient.setQueryData(SESSION_QUERY_KEY, {
    user: {
      id: USER,
      username: 'focal',
      displayName: 'Focal Point',
      email: null,
      agencyId: AGENCY,
      agencyName: 'Ministry',
      countryCode: country,
      roleIds: [],
      roleKeys: [roleKey],
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
  } as SessionInfo);
  return queryClient;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe(XbCasePage.name, () => {
  it('shows the timeline with the delay, the shared fields and the message log; updates an own step', async () => {
    const patches: { path: string; body: unknown }[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const path = new URL(url, 'http://x').pathname;
      if (init?.method === 'PATCH') {
        patches.push({ path, body: JSON.parse(String(init.body)) });
        return json(XB);
      }
      if (path === `/api/cross-border/cases/${XB_ID}`) {
        return json(XB);
      }
      return json({ items: [] });
    });
    renderWithProviders(
      <Routes>
        <Route path="/cross-border/cases/:xbCaseId" element={<XbCasePage />} />
      </Routes>,
      {
        route: `/cross-border/cases/${XB_ID}`,
        queryClient: session('KH', 'taskforce_focal_point', [
          { resource: 'crossborder_case', action: 'read', scope: 'country' },
          { resource: 'crossborder_case', action: 'update', scope: 'country' },
        ]),
      },
    );
    expect((await screen.findByTestId('xb-delay-nationality_verification')).textContent).toContain(
      'Days late: 11',
    );
    expect(screen.getByTestId('xb-shared').textContent).toContain('Sokha');
    expect(screen.getByTestId('xb-messages').textContent).toContain('Awaiting delivery');
    expect(screen.getByTestId('xb-pending')).toBeTruthy();
    expect(screen.getByTestId('xb-outcomes').textContent).toContain('Back at school');
    // Only the step this side owns has an update button.
    const rows = screen.getByTestId('xb-step-identification');
    expect(rows.querySelector('button')).toBeNull();
    const own = screen.getByTestId('xb-step-nationality_verification');
    fireEvent.click(own.querySelector('button') as HTMLButtonElement);
    fireEvent.click(await screen.findByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0]).toEqual({
      path: `/api/cross-border/cases/${XB_ID}/steps/nationality_verification`,
      body: { status: 'InProgress' },
    });
  });
});

describe(CrossBorderPanel.name, () => {
  it('shows the consent error clearly and offers the override to a focal point', async () => {
    const posts: unknown[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const path = new URL(url, 'http://x').pathname;
      if (path === `/api/cases/${CASE_ID}/cross-border` && init?.method === 'POST') {
        posts.push(JSON.parse(String(init.body)));
        return json(
          { error: { code: 'CONSENT_REQUIRED', message: 'No consent', details: {} } },
          409,
        );
      }
      if (path === `/api/cases/${CASE_ID}/cross-border`) {
        return json([]);
      }
      if (path === `/api/cases/${CASE_ID}`) {
        return json({
          id: CASE_ID,
          code: 'TH-2026-000004',
          countryCode: 'TH',
          agencyId: AGENCY,
          ownerUserId: USER,
        });
      }
      if (path === '/api/reference/countries') {
        return json({
          items: ['TH', 'KH', 'LA', 'MM', 'VN', 'CN'].map((code) => ({
            code,
            alpha3: code,
            numericCode: '000',
            name: code,
            names: {},
            isCommit: true,
          })),
        });
      }
      return json({ items: [], total: 0, page: 1, pageSize: 100 });
    });
    renderWithProviders(<CrossBorderPanel caseId={CASE_ID} />, {
      queryClient: session('TH', 'taskforce_focal_point', [
        { resource: 'case', action: 'read', scope: 'country' },
        { resource: 'case', action: 'override', scope: 'country' },
        { resource: 'crossborder_case', action: 'create', scope: 'country' },
      ]),
    });
    expect(
      await screen.findByText('This case has not been shared with another country.'),
    ).toBeTruthy();
    fireEvent.click(await screen.findByTestId('xb-refer'));
    const country = await screen.findByRole('combobox', { name: /Country that receives the case/ });
    fireEvent.click(country);
    fireEvent.click(await screen.findByRole('option', { name: 'KH', hidden: true }));
    fireEvent.click(screen.getByTestId('xb-refer-submit'));
    const alert = await screen.findByTestId('xb-consent-required');
    expect(alert.textContent).toContain('No consent of the person covers sharing with');
    expect(
      screen.getByRole('button', { name: 'Send with override' }).hasAttribute('disabled'),
    ).toBe(true);
    expect(posts[0]).toMatchObject({ toCountry: 'KH', purpose: 'Repatriation' });
  });
});
