import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  comparisonRows,
  READ,
  sessionClient,
  stubApi,
} from '../../components/statistics/shared/fixtures.test-util';
import { renderWithProviders } from '../../test/render';
import { ComparisonPage } from './ComparisonPage';

describe(ComparisonPage.name, () => {
  it('shows official against case-derived counts, withheld ones marked, reasons translated', async () => {
    const calls = stubApi({ '/api/statistics/comparison': () => ({ rows: comparisonRows }) });
    renderWithProviders(<ComparisonPage />, {
      route: '/statistics/comparison?country=TH',
      queryClient: sessionClient(READ),
    });
    const table = await screen.findByTestId('comparison-table');
    expect(within(table).getByText('541')).toBeTruthy();
    expect(within(table).getByText('498')).toBeTruthy();
    expect(within(table).getByText('43')).toBeTruthy();
    expect(table.querySelector('[data-status="SuppressedAtSource"]')?.textContent).toBe('§');
    expect(table.querySelector('td[data-status="Suppressed"]')?.textContent).toBe('*');
    expect(
      within(table).getByText(
        'The official figure follows the fiscal year or the identification date; case records follow the date recorded',
      ),
    ).toBeTruthy();
    const panel = screen.getByTestId('comparison-panel');
    expect(within(panel).getByRole('button', { name: /as a PNG image/ })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: /as CSV/ })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: /as an Excel file/ })).toBeTruthy();
    const url = calls.find((c) => c.url.startsWith('/api/statistics/comparison'))?.url ?? '';
    expect(url).toContain('country=TH');
    expect(url).toContain('dataElement=VICTIMS_IDENTIFIED');
  });
});
