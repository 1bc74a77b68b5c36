import type { Permission, ReportRunView, ReportView } from '@ctip/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { sessionClient, stubApi } from '../../components/statistics/shared/fixtures.test-util';
import { renderWithProviders } from '../../test/render';
import { ReportPage } from './ReportPage';
import { ReportsPage } from './ReportsPage';

const SECRETARIAT: Permission[] = (
  ['read', 'create', 'update', 'delete', 'approve', 'export'] as const
).map((action) => ({ resource: 'plan', action, scope: 'region' }));

const ID = '00000000-0000-4000-8000-000000000301';
const RUN = '00000000-0000-4000-8000-000000000401';

function run(over: Partial<ReportRunView>): ReportRunView {
  return {
    id: RUN,
    reportId: ID,
    status: 'Running',
    progress: 55,
    stage: 'pdf',
    failure: null,
    pageCount: null,
    hasPdf: false,
    hasXlsx: false,
    createdAt: '2026-12-02T01:00:00Z',
    startedAt: '2026-12-02T01:00:01Z',
    finishedAt: null,
    ...over,
  };
}

function report(over: Partial<ReportView>): ReportView {
  return {
    id: ID,
    frameworkId: 'SPA3',
    kind: 'Annual',
    year: 2014,
    secondLanguage: 'km',
    countries: ['KH', 'TH'],
    title: 'Annual Monitoring Report 2014',
    introduction: 'Intro text',
    conclusion: null,
    status: 'Draft',
    finalisedAt: null,
    version: 2,
    createdAt: '2026-12-02T00:00:00Z',
    updatedAt: '2026-12-02T00:00:00Z',
    latestRun: null,
    ...over,
  };
}

describe(ReportsPage.name, () => {
  it('lists the reports and creates one from the builder', async () => {
    const calls = stubApi({
      '/api/plans/reports/options': () => ({
        frameworks: [
          {
            id: 'SPA3',
            title: 'SPA III',
            shortTitle: 'SPA III',
            periodStart: 2011,
            periodEnd: 2013,
            extendedTo: 2014,
          },
        ],
        countries: ['KH', 'CN', 'LA', 'MM', 'TH', 'VN'],
        canFinalise: true,
      }),
      '/api/plans/reports': (c) => (c.method === 'POST' ? report({ id: ID }) : [report({})]),
    });
    renderWithProviders(<ReportsPage />, {
      route: '/plans/reports',
      queryClient: sessionClient(SECRETARIAT),
    });
    const table = await screen.findByTestId('reports-table');
    expect(within(table).getByRole('link', { name: 'Annual Monitoring Report 2014' })).toBeTruthy();
    fireEvent.click(screen.getByTestId('report-create'));
    const year = await screen.findByTestId('builder-year');
    expect(await screen.findByDisplayValue('SPA III (2011–2014)')).toBeTruthy();
    // A year is required for an annual report: nothing is sent without it.
    fireEvent.click(screen.getByTestId('builder-submit'));
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    fireEvent.change(year, { target: { value: '2014' } });
    fireEvent.click(screen.getByTestId('builder-submit'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toMatchObject({
      frameworkId: 'SPA3',
      kind: 'Annual',
      year: 2014,
      countries: [],
    });
  });
});

function renderReport() {
  return renderWithProviders(
    <Routes>
      <Route path="/plans/reports/:id" element={<ReportPage />} />
    </Routes>,
    { route: `/plans/reports/${ID}`, queryClient: sessionClient(SECRETARIAT) },
  );
}

describe(ReportPage.name, () => {
  it('shows the progress of a run under way, then the downloads when it is done', async () => {
    let polls = 0;
    stubApi({
      [`/api/plans/reports/${ID}/runs/${RUN}`]: () => {
        polls += 1;
        return polls < 2
          ? run({})
          : run({ status: 'Done', progress: 100, stage: 'done', hasPdf: true, pageCount: 12 });
      },
      [`/api/plans/reports/${ID}/runs`]: () =>
        polls < 2 ? [run({})] : [run({ status: 'Done', progress: 100, pageCount: 12 })],
      [`/api/plans/reports/${ID}`]: () =>
        report({
          latestRun:
            polls < 2
              ? run({})
              : run({ status: 'Done', progress: 100, stage: 'done', pageCount: 12 }),
        }),
    });
    renderReport();
    const progress = await screen.findByTestId('run-progress');
    expect(within(progress).getByText('55% done: laying out the pages (PDF)')).toBeTruthy();
    expect(screen.getByTestId('report-generate').hasAttribute('disabled')).toBe(true);
    const outputs = await screen.findByTestId('run-outputs', {}, { timeout: 5000 });
    const pdf = within(outputs).getByRole('link', { name: 'Download PDF' });
    expect(pdf.getAttribute('href')).toBe(`/api/plans/reports/${ID}/runs/${RUN}/pdf`);
    expect(within(outputs).getByText('12 pages')).toBeTruthy();
  });

  it('a final report is locked; reopening asks for a reason and sends it', async () => {
    const calls = stubApi({
      [`/api/plans/reports/${ID}/reopen`]: () => report({ version: 4 }),
      [`/api/plans/reports/${ID}/runs`]: () => [
        run({ status: 'Done', progress: 100, stage: 'done', pageCount: 9 }),
      ],
      [`/api/plans/reports/${ID}`]: () =>
        report({
          status: 'Final',
          version: 3,
          finalisedAt: '2026-12-02T02:00:00Z',
          latestRun: run({ status: 'Done', progress: 100, stage: 'done', pageCount: 9 }),
        }),
    });
    renderReport();
    expect(await screen.findByTestId('report-locked')).toBeTruthy();
    expect(screen.queryByTestId('report-generate')).toBeNull();
    fireEvent.click(screen.getByTestId('report-reopen'));
    fireEvent.click(await screen.findByTestId('reopen-confirm'));
    expect(await screen.findByText('Give a reason (at least 3 characters).')).toBeTruthy();
    expect(calls.some((c) => c.url.endsWith('/reopen'))).toBe(false);
    fireEvent.change(screen.getByTestId('reopen-reason'), {
      target: { value: 'Corrected narrative from Cambodia' },
    });
    fireEvent.click(screen.getByTestId('reopen-confirm'));
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/reopen'))).toBe(true));
    expect(calls.find((c) => c.url.endsWith('/reopen'))?.body).toEqual({
      version: 3,
      reason: 'Corrected narrative from Cambodia',
    });
  });
});
