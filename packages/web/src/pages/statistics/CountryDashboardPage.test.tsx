import type { StatQuery } from '@ctip/domain';
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import {
  type Call,
  comparisonRows,
  identifiedTable,
  overview,
  query,
  READ,
  sessionClient,
  stubApi,
} from '../../components/statistics/shared/fixtures.test-util';
import { renderWithProviders } from '../../test/render';
import { CountryDashboardPage } from './CountryDashboardPage';

/** A by-period table echoing the asked query. */
const table = (call: Call) => {
  const q = call.body as StatQuery;
  return {
    ...identifiedTable(),
    query: query(q),
    rowAxes: ['period'],
    columnAxes: q.columns,
    rowHeaders: [['2011'], ['2012'], ['']],
    columnHeaders: q.columns.length ? [['M'], ['F'], ['']] : [[]],
  };
};

describe(CountryDashboardPage.name, () => {
  it("shows the country's charts, justice, indicator and the official-vs-cases panel", async () => {
    const calls = stubApi({
      '/api/statistics/overview': () => overview(),
      '/api/statistics/query': table,
      '/api/statistics/comparison': () => ({ rows: comparisonRows }),
    });
    renderWithProviders(
      <Routes>
        <Route path="/statistics/country/:country" element={<CountryDashboardPage />} />
      </Routes>,
      { route: '/statistics/country/KH', queryClient: sessionClient(READ, 'buddhist') },
    );
    expect(await screen.findByRole('heading', { name: 'Statistics: Cambodia' })).toBeTruthy();
    await screen.findByTestId('chart-country-sex');
    await screen.findByTestId('chart-country-justice');
    await screen.findByTestId('chart-country-indicator');
    const posts = calls.filter((c) => c.method === 'POST').map((c) => c.body as StatQuery);
    expect(posts.every((q) => q.filters.country?.[0] === 'KH')).toBe(true);
    expect(posts.map((q) => q.dataElement ?? q.indicator).sort()).toEqual([
      'PROSECUTIONS',
      'SDG_16_2_2',
      'VICTIMS_IDENTIFIED',
      'VICTIMS_IDENTIFIED',
    ]);
    // Buddhist Era years where the user's calendar says so (2012 → 2555).
    expect(
      within(screen.getByTestId('chart-country-sex')).getAllByText(/2555/).length,
    ).toBeGreaterThan(0);
    const panel = await screen.findByTestId('comparison-panel');
    expect(
      within(panel).getByText('Not every agency records its cases in this system'),
    ).toBeTruthy();
    expect(within(panel).getByText('The publisher withheld the official figure')).toBeTruthy();
    expect(calls.some((c) => c.url.startsWith('/api/statistics/comparison?country=KH'))).toBe(true);
  });
});
