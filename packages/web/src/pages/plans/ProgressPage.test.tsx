import type { Permission, ProgressReportSummary, ProgressReportView } from '@ctip/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { stubApi, withSession } from '../../components/statistics/entry/test-fixtures';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { ProgressPage } from './ProgressPage';
import { ReviewQueuePage } from './ReviewQueuePage';

const REPORT_ID = '00000000-0000-4000-8000-000000000001';
const ENTRY_ID = '00000000-0000-4000-8000-000000000002';

const FOCAL: Permission[] = (['read', 'create', 'update', 'export'] as const).map((action) => ({
  resource: 'plan',
  action,
  scope: 'country',
}));
const SECRETARIAT: Permission[] = (
  ['read', 'create', 'update', 'delete', 'approve', 'export'] as const
).map((action) => ({ resource: 'plan', action, scope: 'region' }));

function report(status: ProgressReportView['status']): ProgressReportView {
  const editable = status === 'Draft' || status === 'Returned';
  return {
    id: REPORT_ID,
    workplanId: '00000000-0000-4000-8000-000000000003',
    countryCode: 'TH',
    frameworkId: 'SPA3',
    year: 2013,
    workplanTitle: 'Thai workplan 2013',
    isDemo: false,
    period: '2013',
    status,
    submittedAt: status === 'Draft' ? null : '2014-01-20T00:00:00Z',
    reviewedAt: null,
    approvedAt: status === 'Approved' ? '2014-02-10T00:00:00Z' : null,
    entryCount: 1,
    completedCount: 0,
    version: 3,
    updatedAt: '2014-01-20T00:00:00Z',
    currency: 'THB',
    usdRate: 31,
    narrativeLanguage: 'th',
    editable,
    entries: [
      {
        id: ENTRY_ID,
        workplanActivityId: '00000000-0000-4000-8000-000000000004',
        nodeId: '00000000-0000-4000-8000-000000000005',
        nodeCode: 'P&C 1',
        nodeTitle: 'Awareness raising',
        areaCode: '2',
        areaTitle: 'Prevention',
        activityTitle: 'Village awareness campaign',
        activityTitleLocal: null,
        status: 'InProgress',
        narrativeLocal: null,
        narrativeLang: null,
        narrativeEn: 'Started',
        budgetSpent: null,
        spentCurrency: null,
        spentUsdRate: null,
        spentUsd: null,
        quantities: [],
        evidence: [],
        version: 7,
        updatedAt: '2014-01-20T00:00:00Z',
      },
    ],
    comments: [],
  };
}

function render(status: ProgressReportView['status'], permissions: Permission[]) {
  const calls = stubApi([
    { method: 'GET', path: /^\/api\/plans\/progress\/[^/]+$/, reply: () => report(status) },
    {
      method: 'PUT',
      path: /\/entries\//,
      reply: (call) => ({
        ...report(status).entries[0],
        ...(call.body as object),
        version: (call.body as { version: number }).version + 1,
      }),
    },
    {
      method: 'POST',
      path: /\/reopen$/,
      reply: () => report('Draft'),
    },
  ]);
  const queryClient = testQueryClient();
  withSession(queryClient, permissions);
  renderWithProviders(
    <Routes>
      <Route path="/plans/progress/:reportId" element={<ProgressPage />} />
    </Routes>,
    { queryClient, route: `/plans/progress/${REPORT_ID}` },
  );
  return calls;
}

describe(ProgressPage.name, () => {
  it('shows unsaved changes, saves them at the entry version on Ctrl+S, then shows them saved', async () => {
    const calls = render('Draft', FOCAL);
    const english = await screen.findByRole('textbox', { name: 'Narrative (English)' });
    fireEvent.change(english, { target: { value: 'Three villages reached' } });
    expect((await screen.findAllByText('Unsaved changes')).length).toBeGreaterThan(0);
    fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.url).toBe(`/api/plans/progress/${REPORT_ID}/entries/${ENTRY_ID}`);
    expect(put?.body).toMatchObject({
      version: 7,
      narrativeEn: 'Three villages reached',
      status: 'InProgress',
    });
    expect((await screen.findAllByText('All changes saved')).length).toBeGreaterThan(0);
  });

  it('saves by itself after a pause in typing', async () => {
    const calls = render('Draft', FOCAL);
    const english = await screen.findByRole('textbox', { name: 'Narrative (English)' });
    fireEvent.change(english, { target: { value: 'Two villages' } });
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true), {
      timeout: 5000,
    });
  });

  it('is read-only with a lock banner once approved', async () => {
    const calls = render('Approved', FOCAL);
    expect(await screen.findByTestId('lock-banner')).toBeTruthy();
    expect(screen.queryByTestId('submit-report')).toBeNull();
    expect(screen.queryByTestId('reopen-report')).toBeNull();
    const english = screen.getByRole('textbox', {
      name: 'Narrative (English)',
    }) as HTMLTextAreaElement;
    expect(english.readOnly).toBe(true);
    expect(calls.some((c) => c.method !== 'GET')).toBe(false);
  });

  it('lets the Secretariat reopen an approved report only with a reason', async () => {
    const calls = render('Approved', SECRETARIAT);
    fireEvent.click(await screen.findByTestId('reopen-report'));
    fireEvent.click(await screen.findByTestId('review-confirm'));
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    expect(calls.some((c) => c.url.endsWith('/reopen'))).toBe(false);
    fireEvent.change(screen.getByRole('textbox', { name: /Reason/ }), {
      target: { value: 'Budget in the wrong currency' },
    });
    fireEvent.click(screen.getByTestId('review-confirm'));
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/reopen'))).toBe(true));
    expect(calls.find((c) => c.url.endsWith('/reopen'))?.body).toEqual({
      version: 3,
      reason: 'Budget in the wrong currency',
    });
  });
});

describe(ReviewQueuePage.name, () => {
  it('lists the submitted reports with a link to each', async () => {
    const { entries: _e, comments: _c, ...summary } = report('Submitted');
    const item: ProgressReportSummary = summary;
    stubApi([{ method: 'GET', path: /^\/api\/plans\/review-queue$/, reply: () => [item] }]);
    const queryClient = testQueryClient();
    withSession(queryClient, SECRETARIAT);
    renderWithProviders(<ReviewQueuePage />, { queryClient });
    const link = await screen.findByRole('link', { name: 'Thai workplan 2013' });
    expect(link.getAttribute('href')).toBe(`/plans/progress/${REPORT_ID}`);
    expect(screen.getAllByText('Submitted').length).toBeGreaterThan(0);
  });
});
