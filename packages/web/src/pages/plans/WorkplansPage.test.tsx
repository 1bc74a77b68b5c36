import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionClient, stubApi } from '../../components/statistics/shared/fixtures.test-util';
import { renderWithProviders } from '../../test/render';
import { WorkplansPage } from './WorkplansPage';
import { npas, PLAN_FOCAL, workplan } from './workplans.test-util';

describe(WorkplansPage.name, () => {
  it('shows the national plans as a timeline and the workplans, offering to start one', async () => {
    const calls = stubApi({
      '/api/plans/national-plans': () => npas,
      '/api/plans/workplans': () => ({
        items: [{ ...workplan, activityCount: 1, plannedUsd: 20000 }],
        frameworks: [
          { id: 'SPA3', title: 'SPA III', shortTitle: 'SPA III', first: 2011, last: 2014 },
        ],
      }),
    });
    renderWithProviders(<WorkplansPage />, {
      route: '/plans/workplans',
      queryClient: sessionClient(PLAN_FOCAL),
    });
    const timeline = await screen.findByTestId('npa-timeline');
    expect(within(timeline).getByRole('button', { name: 'Plan 2: 2011–2016' })).toBeTruthy();
    const table = await screen.findByTestId('workplans-table');
    expect(within(table).getByRole('link', { name: '2013' }).getAttribute('href')).toBe(
      `/plans/workplans/${workplan.id}`,
    );
    expect(within(table).getByText('$20,000.00')).toBeTruthy();
    expect(screen.getByTestId('workplan-create')).toBeTruthy();
    expect(screen.getByText('2011–2014, extension included')).toBeTruthy();
    // A focal point asks for no other country than their own.
    expect(calls.every((c) => !c.url.includes('country='))).toBe(true);
  });

  it('writes years in the Buddhist Era when the user chose it', async () => {
    stubApi({
      '/api/plans/national-plans': () => npas,
      '/api/plans/workplans': () => ({ items: [], frameworks: [] }),
    });
    renderWithProviders(<WorkplansPage />, {
      route: '/plans/workplans',
      queryClient: sessionClient(PLAN_FOCAL, 'buddhist'),
    });
    const timeline = await screen.findByTestId('npa-timeline');
    expect(within(timeline).getByRole('button', { name: /Plan 2: 2554 BE–2559 BE/ })).toBeTruthy();
    expect(await screen.findByText('No workplans yet.')).toBeTruthy();
  });
});
