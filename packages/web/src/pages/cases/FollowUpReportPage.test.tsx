import type { FollowUpReport } from '@ctip/domain';
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { FollowUpReportPage } from './FollowUpReportPage';

const REPORT: FollowUpReport = {
  from: null,
  to: null,
  retrafficked: { count: 1, caseCodes: ['TH-2026-000007'] },
  becameBroker: { count: 0, caseCodes: [] },
  followUps: { due: 4, done: 2, overdue: 1 },
  satisfaction: [{ serviceType: 'Shelter', average: 4.5, count: 2 }],
};

describe(FollowUpReportPage.name, () => {
  it('shows the counts, the case codes and the satisfaction table', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(REPORT), { status: 200 }));
    renderWithProviders(<FollowUpReportPage />, { queryClient: testQueryClient() });
    expect((await screen.findByTestId('stat-retrafficked')).textContent).toBe('1');
    expect(screen.getByTestId('stat-overdue').textContent).toBe('1');
    expect(screen.getByTestId('stat-due').textContent).toBe('4');
    expect(screen.getByText('TH-2026-000007')).toBeTruthy();
    expect(screen.getByText('4.50')).toBeTruthy();
    expect(screen.getAllByText('Shelter').length).toBeGreaterThan(0);
  });
});
