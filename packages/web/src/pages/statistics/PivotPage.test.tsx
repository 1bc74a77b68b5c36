import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import {
  type Call,
  identifiedTable,
  READ,
  READ_INTERNAL,
  sessionClient,
  stubApi,
} from '../../components/statistics/shared/fixtures.test-util';
import { renderWithProviders } from '../../test/render';
import { PivotPage } from './PivotPage';

const answer = (call: Call) => {
  const body = call.body as { internal?: boolean };
  return identifiedTable(body.internal === true);
};

describe(PivotPage.name, () => {
  it('asks the chosen query and shows the table with marks, legend, sources and downloads', async () => {
    const calls = stubApi({ '/api/statistics/query': answer });
    renderWithProviders(<PivotPage />, { queryClient: sessionClient(READ) });
    expect(screen.queryByTestId('internal-toggle')).toBeNull();
    fireEvent.change(screen.getByRole('textbox', { name: 'From' }), { target: { value: '2011' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'To' }), { target: { value: '2012' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show table' }));
    const result = await screen.findByTestId('pivot-result');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      source: 'national',
      dataElement: 'VICTIMS_IDENTIFIED',
      rows: ['country'],
      columns: ['sex'],
      filters: {},
      periodType: 'Yearly',
      periodFrom: '2011',
      periodTo: '2012',
      internal: false,
    });
    const table = within(result).getByTestId('stat-table');
    expect(table.querySelectorAll('[data-status="Suppressed"]').length).toBe(2);
    expect(table.querySelectorAll('[data-status="SecondarySuppressed"]').length).toBe(1);
    expect(within(result).getByTestId('suppression-legend')).toBeTruthy();
    expect(within(result).getByTestId('sources').textContent).toContain('Table 1');
    expect(within(result).getByRole('button', { name: /as a PNG image/ })).toBeTruthy();
    expect(within(result).getByRole('button', { name: /as CSV/ })).toBeTruthy();
    expect(within(result).getByRole('button', { name: /as an Excel file/ })).toBeTruthy();
    expect(screen.queryByTestId('internal-banner')).toBeNull();
  });

  it('refuses a period of the wrong form', () => {
    stubApi({});
    renderWithProviders(<PivotPage />, { queryClient: sessionClient(READ) });
    fireEvent.change(screen.getByRole('textbox', { name: 'From' }), {
      target: { value: '2011Q1' },
    });
    expect(screen.getByText('Enter a period like 2024.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show table' }).hasAttribute('disabled')).toBe(true);
  });

  it('offers the internal view to statistic_internal readers, under a banner', async () => {
    const calls = stubApi({ '/api/statistics/query': answer });
    renderWithProviders(<PivotPage />, { queryClient: sessionClient(READ_INTERNAL) });
    fireEvent.click(screen.getByRole('switch', { name: 'Internal view (unsuppressed)' }));
    expect(screen.getByTestId('internal-banner').textContent).toContain(
      'Internal — not for publication',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show table' }));
    const result = await screen.findByTestId('pivot-result');
    await vi.waitFor(() => {
      const body = calls.find((c) => c.method === 'POST')?.body as
        | { internal?: boolean }
        | undefined;
      expect(body?.internal).toBe(true);
    });
    // Unsuppressed figures: no suppression marks, the banner stays.
    expect(
      within(result).getByTestId('stat-table').querySelector('[data-status="Suppressed"]'),
    ).toBeNull();
    expect(screen.getByTestId('internal-banner')).toBeTruthy();
  });
});
