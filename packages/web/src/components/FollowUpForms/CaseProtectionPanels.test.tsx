import type { SessionInfo } from '@ctip/domain';
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_QUERY_KEY } from '../../auth/session';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { CaseFollowUpsPanel } from '../case/CaseFollowUpsPanel';
import { CaseServicesPanel } from '../case/CaseServicesPanel';

// happy-dom has no FontFaceSet; Mantine's autosize Textarea listens to it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
  });
}

const ME = '00000000-0000-4000-8000-000000000001';
const AGENCY = '00000000-0000-4000-8000-0000000000a1';
const CASE = '00000000-0000-4000-8000-0000000000c1';

const RESPONSES: Record<string, unknown> = {
  [`/api/cases/${CASE}`]: {
    id: CASE,
    code: 'TH-1',
    countryCode: 'TH',
    agencyId: AGENCY,
    ownerUserId: ME,
  },
  [`/api/cases/${CASE}/support-plans`]: {
    plans: [
      {
        id: 'p',
        goals: 'Go home safely',
        status: 'Active',
        createdAt: '2026-01-01T00:00:00Z',
        updatedAt: '2026-01-01T00:00:00Z',
      },
    ],
    services: [],
  },
  [`/api/cases/${CASE}/shelter-stays`]: [
    {
      id: 's',
      providerId: null,
      providerName: 'Kredtrakarn',
      admittedOn: '2026-01-01',
      dischargedOn: null,
      isVoluntary: true,
      worksOutside: true,
      currentPhase: {
        key: 'months_0_3',
        phase: '0- 3 Month(s)',
        services: ['Verify documents', 'Inform rights'],
        monthsElapsed: 1,
        endsOn: '2026-04-01',
        isPastLastPhase: false,
      },
    },
  ],
  [`/api/cases/${CASE}/follow-ups`]: {
    reintegratedOn: '2026-01-31',
    status: 'FollowUp',
    isRetrafficked: true,
    becameBroker: false,
    followUps: [
      {
        id: 'f',
        monthsAfter: 3,
        scheduledOn: '2026-04-30',
        doneOn: null,
        method: null,
        wellbeing: null,
        outcome: null,
        isRetrafficked: false,
        becameBroker: false,
        isOverdue: true,
      },
    ],
  },
};

function setup() {
  vi.stubGlobal('fetch', async (url: string) => {
    const path = new URL(url, 'http://x').pathname;
    return new Response(JSON.stringify(RESPONSES[path] ?? []), { status: 200 });
  });
  const queryClient = testQueryClient();
  queryClient.setQueryData<Partial<SessionInfo>>(SESSION_QUERY_KEY, {
    user: {
      id: ME,
      agencyId: AGENCY,
      countryCode: 'TH',
      calendar: 'gregory',
    } as SessionInfo['user'],
    permissions: [
      { resource: 'case', action: 'read', scope: 'agency' },
      { resource: 'case', action: 'update', scope: 'agency' },
    ],
    csrfToken: 'x',
    stage: 'complete',
  });
  return queryClient;
}

describe('case protection panels', () => {
  it('shows the plan, the stay with its current phase and services', async () => {
    renderWithProviders(<CaseServicesPanel caseId={CASE} />, { queryClient: setup() });
    expect(await screen.findByText('Go home safely')).toBeTruthy();
    expect(await screen.findByText('Verify documents')).toBeTruthy();
    expect(screen.getByText(/Current phase: 0- 3 Month\(s\)/)).toBeTruthy();
  });

  it('shows the follow-up schedule with overdue and the re-trafficking flag', async () => {
    renderWithProviders(<CaseFollowUpsPanel caseId={CASE} />, { queryClient: setup() });
    expect(await screen.findByTestId('flag-retrafficked')).toBeTruthy();
    expect((await screen.findAllByText('After 3 months')).length).toBeGreaterThan(0);
    expect(screen.getAllByText('Overdue').length).toBeGreaterThan(0);
    expect(await screen.findByRole('button', { name: 'Record outcome' })).toBeTruthy();
  });
});
