import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import {
  overview,
  READ,
  sessionClient,
  stubApi,
} from '../../components/statistics/shared/fixtures.test-util';
import { renderWithProviders } from '../../test/render';
import { RegionalDashboardPage } from './RegionalDashboardPage';

describe(RegionalDashboardPage.name, () => {
  it('shows the overview with suppression marks, the map note, findings and approvals', async () => {
    const calls = stubApi({ '/api/statistics/overview': () => overview() });
    renderWithProviders(<RegionalDashboardPage />, { queryClient: sessionClient(READ) });
    const chart = await screen.findByTestId('chart-identified');
    const table = within(chart).getByTestId('stat-table');
    // Primary and secondary suppression, suppressed at source and missing are marked apart.
    const marks = (status: string) =>
      [...table.querySelectorAll(`[data-status="${status}"]`)].map((c) => c.textContent);
    expect(marks('Suppressed')).toEqual(['*', '*']);
    expect(marks('SecondarySuppressed')).toEqual(['**']);
    expect(marks('SuppressedAtSource')).toEqual(['§']);
    expect(marks('Missing')).toEqual(['—']);
    expect(table.querySelector('[data-lower-bound]')?.textContent).toBe('≥ 541');
    expect(within(table).getAllByTitle('Withheld (small number)').length).toBe(2);
    const legend = within(chart).getByTestId('suppression-legend');
    expect(legend.textContent).toContain('fewer than 5 (primary suppression)');
    expect(legend.textContent).toContain('(secondary suppression)');
    expect(within(chart).getByTestId('sources').textContent).toContain('COMMIT Regional Data');
    expect(within(chart).getByTestId('table-violations').textContent).toContain('2');
    // Headers are named in the user's language.
    expect(within(table).getByText('Cambodia')).toBeTruthy();
    expect(within(table).getAllByText('Total').length).toBeGreaterThan(0);
    // Every chart has its downloads.
    for (const id of ['chart-identified', 'chart-trend', 'flow-map', 'chart-sex', 'chart-age']) {
      const card = screen.getByTestId(id);
      expect(within(card).getByRole('button', { name: /as a PNG image/ })).toBeTruthy();
      expect(within(card).getByRole('button', { name: /as CSV/ })).toBeTruthy();
      expect(within(card).getByRole('button', { name: /as an Excel file/ })).toBeTruthy();
    }
    // The map: China drawn whole with its note; flows listed, suppressed one marked.
    expect(screen.getByTestId('china-note').textContent).toContain('Yunnan');
    const flows = screen.getByTestId('flow-table');
    expect(within(flows).getByText('Myanmar (Burma)')).toBeTruthy();
    expect(flows.querySelector('[data-status="Suppressed"]')?.textContent).toBe('*');
    // Findings link to the validation screen; approvals show their state.
    const findings = screen.getByTestId('violations-panel');
    expect(
      within(findings)
        .getByRole('link', { name: 'Review findings of Thailand' })
        .getAttribute('href'),
    ).toBe('/statistics/validation?country=TH');
    expect(within(screen.getByTestId('approvals-panel')).getByText('Approved')).toBeTruthy();
    expect(screen.queryByTestId('internal-banner')).toBeNull();
    expect(screen.queryByTestId('internal-toggle')).toBeNull();
    expect(calls.some((c) => c.url.startsWith('/api/statistics/overview?source=national'))).toBe(
      true,
    );
  });

  it('asks for regional data when the source is switched', async () => {
    const calls = stubApi({ '/api/statistics/overview': () => overview() });
    renderWithProviders(<RegionalDashboardPage />, { queryClient: sessionClient(READ) });
    await screen.findByTestId('chart-identified');
    fireEvent.click(screen.getByText('Regional (approved, pushed)'));
    await vi.waitFor(() => expect(calls.some((c) => c.url.includes('source=regional'))).toBe(true));
  });

  it('downloads the XLSX of a chart with the same query', async () => {
    const calls = stubApi({
      '/api/statistics/overview': () => overview(),
      '/api/statistics/query': () =>
        new Response('xlsx', {
          headers: { 'content-disposition': 'attachment; filename="victims.xlsx"' },
        }),
    });
    const saved: string[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, {
        createObjectURL: () => {
          saved.push('blob');
          return 'blob:x';
        },
        revokeObjectURL: () => {},
      }),
    );
    renderWithProviders(<RegionalDashboardPage />, { queryClient: sessionClient(READ) });
    const chart = await screen.findByTestId('chart-identified');
    fireEvent.click(within(chart).getByRole('button', { name: /as an Excel file/ }));
    await vi.waitFor(() => expect(saved.length).toBe(1));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.url).toBe('/api/statistics/query?format=xlsx');
    expect(post?.body).toEqual(overview().identifiedByCountryYear.query);
    fireEvent.click(within(chart).getByRole('button', { name: /as CSV/ }));
    expect(saved.length).toBe(2);
  });
});
