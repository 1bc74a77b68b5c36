import { type BudgetView, budgetTotals, type Permission } from '@ctip/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stubApi, withSession } from '../../components/statistics/entry/test-fixtures';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { BudgetsPage, budgetChartOption } from './BudgetsPage';

function budget(over: Partial<BudgetView>): BudgetView {
  return {
    id: '00000000-0000-4000-8000-000000000501',
    countryCode: 'TH',
    entity: null,
    recipient: 'government agencies to implement the anti-trafficking plan of action',
    amountLocal: 210_000_000,
    currency: 'THB',
    usdRate: 32.3,
    usdAmount: 6_500_000,
    usdIsStated: true,
    amountText: 'THB 210 million (about 6.5 million USD)',
    periodKind: 'Annual',
    yearStart: 2014,
    yearEnd: 2014,
    fiscalYear: false,
    periodText: '2014',
    frameworkId: null,
    areaNodeId: null,
    areaCode: null,
    areaTitle: null,
    source: 'seed',
    note: null,
    isSeeded: true,
    version: 1,
    ...over,
  };
}

const ROWS = [
  budget({}),
  budget({
    id: '00000000-0000-4000-8000-000000000502',
    recipient: 'anti-trafficking budget allocation',
    amountLocal: null,
    usdRate: null,
    usdAmount: null,
    usdIsStated: false,
    amountText: 'Increased budget allocation in 2018 by 13.5 percent from the previous year',
    periodKind: 'Change',
    yearStart: 2018,
    yearEnd: 2018,
  }),
];

const FOCAL: Permission[] = (['read', 'create', 'update', 'export'] as const).map((action) => ({
  resource: 'plan',
  action,
  scope: 'country',
}));

function render() {
  const calls = stubApi([
    {
      method: 'GET',
      path: /^\/api\/plans\/budgets$/,
      reply: () => ({ items: ROWS, totals: budgetTotals(ROWS) }),
    },
    {
      method: 'POST',
      path: /^\/api\/plans\/budgets$/,
      reply: (c) => ({ status: 201, body: budget({ ...(c.body as object), isSeeded: false }) }),
    },
  ]);
  const queryClient = testQueryClient();
  withSession(queryClient, FOCAL, { countryCode: 'TH' });
  renderWithProviders(<BudgetsPage />, { queryClient });
  return calls;
}

describe(BudgetsPage.name, () => {
  it('shows the national amount, rate and stated USD, and the totals that leave a change out', async () => {
    render();
    const row = await screen.findByTestId(`budget-${ROWS[0]?.id}`);
    expect(row.textContent).toContain('210,000,000');
    expect(row.textContent).toContain('THB');
    expect(row.textContent).toContain('6,500,000');
    expect(row.textContent).toContain('THB 210 million (about 6.5 million USD)');
    expect(screen.getByTestId(`budget-${ROWS[1]?.id}`).textContent).toContain('Change (no amount)');
    const totals = screen.getByTestId('budget-totals');
    expect(totals.textContent).toContain('2014');
    expect(totals.textContent).not.toContain('2018');
    expect(screen.getByText(/Not summed \(changes, or no USD value\): 1/)).toBeTruthy();
    // A focal point holds no plan:delete.
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
  });

  it('asks for the USD rate before saving a national-currency amount', async () => {
    const calls = render();
    fireEvent.click(await screen.findByRole('button', { name: 'Record an allocation' }));
    fireEvent.change(await screen.findByLabelText(/Recipient or purpose/), {
      target: { value: 'Shelter running costs' },
    });
    fireEvent.change(screen.getByLabelText('Amount'), { target: { value: '3300000' } });
    const save = screen.getByTestId('budget-save') as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(true));
    expect(screen.getByText('Give the USD rate for an amount not in USD')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/USD rate/), { target: { value: '33' } });
    await waitFor(() => expect(save.disabled).toBe(false));
    expect(screen.getByTestId('budget-usd-preview').textContent).toContain('100,000');
    fireEvent.change(screen.getByLabelText('From year'), { target: { value: '2016' } });
    fireEvent.click(save);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      countryCode: 'TH',
      recipient: 'Shelter running costs',
      amountLocal: 3_300_000,
      currency: 'THB',
      usdRate: 33,
      periodKind: 'Annual',
      yearStart: 2016,
    });
  });

  it('charts yearly totals per country, never a whole-period or undated amount', () => {
    const option = budgetChartOption(
      budgetTotals([
        budget({}),
        budget({ id: 'x', periodKind: 'MultiYear', yearStart: 2011, yearEnd: 2014 }),
      ]),
      (c) => c,
    );
    expect(option?.xAxis.data).toEqual(['2014']);
    expect(option?.series).toEqual([expect.objectContaining({ name: 'TH', data: [6_500_000] })]);
  });
});
