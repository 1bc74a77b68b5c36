import type { StatApprovalView } from '@ctip/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stubApi, withSession } from '../../components/statistics/entry/test-fixtures';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { ApprovalsPage, periodsInYear } from './ApprovalsPage';

const YEAR = new Date().getUTCFullYear();
const LAST = String(YEAR - 1);

const DATA_SETS = {
  items: [
    {
      code: 'VICTIMS',
      periodType: 'Yearly',
      name: 'Victims',
      isBuiltIn: true,
      elements: [{ dataElement: 'VICTIMS_IDENTIFIED', formDimensions: ['sex'] }],
    },
    {
      code: 'HOTLINE',
      periodType: 'Monthly',
      name: 'Hotline',
      isBuiltIn: true,
      elements: [{ dataElement: 'HOTLINE_CALLS', formDimensions: [] }],
    },
  ],
};

function approval(period: string, status: StatApprovalView['status']): StatApprovalView {
  return {
    dataSet: 'VICTIMS',
    country: 'TH',
    period,
    status,
    version: status === 'Open' ? 0 : 1,
    approvedAt: status === 'Approved' ? '2026-11-20T10:00:00Z' : null,
    approvedBy: null,
    unapprovedAt: null,
    reason: null,
  };
}

function finding(dataElement: string) {
  return {
    id: `00000000-0000-4000-8000-${dataElement.length.toString().padStart(12, '0')}`,
    ruleCode: 'SEX_SUM',
    kind: 'SumOfParts',
    dataElement,
    country: 'TH',
    period: LAST,
    cells: [],
    actual: 3,
    expected: 2,
    status: 'Open',
    annotation: null,
    firstSeenAt: '2026-11-01T00:00:00Z',
    lastSeenAt: '2026-11-01T00:00:00Z',
  };
}

function render(permissions?: Parameters<typeof withSession>[1]) {
  const calls = stubApi([
    { method: 'GET', path: /^\/api\/statistics\/data-sets$/, reply: () => DATA_SETS },
    {
      method: 'GET',
      path: /^\/api\/statistics\/settings$/,
      reply: () => ({ threshold: 5, suppressZeros: false, fiscalStartMonths: { TH: 10 } }),
    },
    {
      method: 'GET',
      path: /^\/api\/statistics\/approvals$/,
      reply: () => ({ items: [approval(String(YEAR - 2), 'Approved')] }),
    },
    {
      method: 'GET',
      path: /^\/api\/statistics\/violations$/,
      // One finding of the data set, one of another data set (not counted).
      reply: () => ({ items: [finding('VICTIMS_IDENTIFIED'), finding('HOTLINE_CALLS')], total: 2 }),
    },
    {
      method: 'POST',
      path: /^\/api\/statistics\/approvals\/approve$/,
      reply: () => approval(LAST, 'Approved'),
    },
    {
      method: 'POST',
      path: /^\/api\/statistics\/approvals\/unapprove$/,
      reply: () => approval(String(YEAR - 2), 'Unapproved'),
    },
  ]);
  const queryClient = testQueryClient();
  withSession(queryClient, permissions);
  renderWithProviders(<ApprovalsPage />, { queryClient });
  return calls;
}

describe(periodsInYear.name, () => {
  it('lists the periods of a year column by period type', () => {
    expect(periodsInYear('Yearly', 2024, 1)).toEqual(['2024']);
    // Thai budget year 2015 = Oct 2014 – Sep 2015, shown in the 2015 column.
    expect(periodsInYear('FinancialYear', 2015, 10)).toEqual(['2014Oct']);
    expect(periodsInYear('Quarterly', 2024, 1)).toEqual(['2024Q1', '2024Q2', '2024Q3', '2024Q4']);
    expect(periodsInYear('Monthly', 2024, 1)).toHaveLength(12);
  });
});

describe(ApprovalsPage.name, () => {
  it('approves a data set for a period after showing its open findings', async () => {
    const calls = render();
    const cell = await screen.findByTestId(`approval-VICTIMS-${LAST}`);
    expect(cell.dataset.status).toBe('Open');
    expect(screen.getByTestId(`approval-VICTIMS-${YEAR - 2}`).dataset.status).toBe('Approved');
    // Monthly data sets show their twelve months in the year's column.
    expect(screen.getByTestId(`approval-HOTLINE-${LAST}03`)).toBeTruthy();
    fireEvent.click(cell);
    expect(await screen.findByText(/Open validation findings: 1\./)).toBeTruthy();
    fireEvent.click(screen.getByTestId('confirm-button'));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/approve'))).toBe(true),
    );
    const post = calls.find((c) => c.url.endsWith('/approve'));
    expect(post?.body).toEqual({ dataSet: 'VICTIMS', country: 'TH', period: LAST });
  });

  it('withdraws an approval only with a reason', async () => {
    const calls = render();
    fireEvent.click(await screen.findByTestId(`approval-VICTIMS-${YEAR - 2}`));
    fireEvent.click(await screen.findByTestId('unapprove-submit'));
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    expect(calls.some((c) => c.url.endsWith('/unapprove'))).toBe(false);
    fireEvent.change(screen.getByRole('textbox', { name: /Reason/ }), {
      target: { value: 'Figures of the south were missing' },
    });
    fireEvent.click(screen.getByTestId('unapprove-submit'));
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/unapprove'))).toBe(true));
    expect(calls.find((c) => c.url.endsWith('/unapprove'))?.body).toEqual({
      dataSet: 'VICTIMS',
      country: 'TH',
      period: String(YEAR - 2),
      reason: 'Figures of the south were missing',
    });
  });

  it('shows the matrix read-only without statistic:approve', async () => {
    render([{ resource: 'statistic', action: 'read', scope: 'country' }]);
    expect(await screen.findByTestId('read-only')).toBeTruthy();
    await screen.findByTestId(`approval-VICTIMS-${LAST}`);
    expect(screen.queryByRole('button', { name: /Victims/ })).toBeNull();
  });
});
