import type { IndicatorDashboard, PlanIndicatorView } from '@ctip/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionClient, stubApi } from '../../components/statistics/shared/fixtures.test-util';
import { renderWithProviders } from '../../test/render';
import { IndicatorsPage } from './IndicatorsPage';
import { PLAN_FOCAL } from './workplans.test-util';

const ind = (id: string, code: string, bound: boolean): PlanIndicatorView => ({
  id,
  frameworkId: 'SPA3',
  nodeId: '00000000-0000-4000-8000-0000000000c1',
  nodeCode: '3.1',
  nodeKind: 'target',
  nodeTitle: null,
  code,
  title: `${code} title`,
  unit: 'persons',
  direction: 'Increase',
  statElementCode: bound ? 'VICTIMS_IDENTIFIED' : null,
  statFilter: {},
  source: null,
  isSeeded: false,
  version: 1,
  countries: bound ? ['TH'] : [],
});

const bound = ind('00000000-0000-4000-8000-0000000000d1', 'T-3.1-VI', true);
const manual = ind('00000000-0000-4000-8000-0000000000d2', 'T-1.1-DUR', false);

const dashboard: IndicatorDashboard = {
  framework: { id: 'SPA3', title: 'SPA III', first: 2012, last: 2013 },
  frameworks: [{ id: 'SPA3', title: 'SPA III', first: 2012, last: 2013 }],
  countries: ['TH'],
  country: 'TH',
  indicators: [manual, bound],
  rows: [
    {
      indicator: bound,
      selection: {
        id: '00000000-0000-4000-8000-0000000000e1',
        indicatorId: bound.id,
        countryCode: 'TH',
        baselineValue: 300,
        baselineYear: 2010,
        baselineNote: null,
        version: 3,
        years: [
          {
            year: 2012,
            markerValue: 330,
            markerNote: null,
            actualValue: 350,
            actualSource: 'Statistics',
            actualNote: null,
            status: 'on_track',
          },
          {
            year: 2013,
            markerValue: 340,
            markerNote: null,
            actualValue: 280,
            actualSource: 'Statistics',
            actualNote: null,
            status: 'off_track',
          },
        ],
        status: 'off_track',
        statusYear: 2013,
      },
    },
  ],
  totals: { on_track: 0, off_track: 1, no_data: 0 },
};

describe(IndicatorsPage.name, () => {
  it('shows the selected indicators with markers, actuals from the statistics and status', async () => {
    const calls = stubApi({
      '/api/plans/indicator-dashboard': () => dashboard,
      '/api/plans/indicators/': (c) => ({ ...dashboard.rows[0]?.selection, body: c.body }),
    });
    renderWithProviders(<IndicatorsPage />, {
      route: '/plans/indicators',
      queryClient: sessionClient(PLAN_FOCAL),
    });
    const card = await screen.findByTestId('indicator-T-3.1-VI');
    expect(within(card).getAllByText('Off track').length).toBeGreaterThan(0);
    expect(within(card).getByText('Statistics: VICTIMS_IDENTIFIED')).toBeTruthy();
    expect(within(card).getByText('350')).toBeTruthy();
    expect(within(card).getByText('Baseline 300 (2010)')).toBeTruthy();
    expect(screen.getByText('1 off track')).toBeTruthy();
    // A focal point asks for no other country than their own.
    expect(calls.every((c) => !c.url.includes('country='))).toBe(true);

    // Select the manual indicator for the country.
    const available = screen.getByTestId('indicator-available');
    fireEvent.click(within(available).getByRole('button', { name: 'Select indicator T-1.1-DUR' }));
    await waitFor(() =>
      expect(
        calls.some(
          (c) => c.method === 'PUT' && c.url === `/api/plans/indicators/${manual.id}/countries/TH`,
        ),
      ).toBe(true),
    );

    // The editor of a bound indicator offers markers only, no actuals.
    fireEvent.click(within(card).getByRole('button', { name: 'Edit' }));
    const years = await screen.findByTestId('indicator-editor-years');
    expect(within(years).getByLabelText('Marker 2012')).toBeTruthy();
    expect(within(years).queryByLabelText('Actual 2012')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'PUT' && c.url.endsWith('/countries/TH/years'))).toBe(
        true,
      ),
    );
    const yearsCall = calls.find((c) => c.url.endsWith('/countries/TH/years'));
    expect(yearsCall?.body).toMatchObject({
      years: [
        { year: 2012, markerValue: 330 },
        { year: 2013, markerValue: 340 },
      ],
    });
    expect(JSON.stringify(yearsCall?.body)).not.toContain('actualValue');
  });
});
