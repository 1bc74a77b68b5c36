import type { StatViolationView } from '@ctip/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stubApi, withSession } from '../../components/statistics/entry/test-fixtures';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { ValidationPage } from './ValidationPage';

const OPEN: StatViolationView = {
  id: '00000000-0000-4000-8000-0000000000f1',
  ruleCode: 'AGE_U18_SUM',
  kind: 'SumOfParts',
  dataElement: 'VICTIMS_RETURNED',
  country: 'TH',
  period: '2012',
  cells: [
    {
      dataElement: 'VICTIMS_RETURNED',
      country: 'TH',
      province: '',
      period: '2012',
      disaggregation: { age_group: 'U18' },
    },
    {
      dataElement: 'VICTIMS_RETURNED',
      country: 'TH',
      province: '',
      period: '2012',
      disaggregation: { age_group: '0-14' },
    },
    {
      dataElement: 'VICTIMS_RETURNED',
      country: 'TH',
      province: '',
      period: '2012',
      disaggregation: { age_group: '15-17' },
    },
  ],
  actual: 40,
  expected: 38,
  status: 'Open',
  annotation: null,
  firstSeenAt: '2026-11-01T00:00:00Z',
  lastSeenAt: '2026-11-01T00:00:00Z',
};

describe(ValidationPage.name, () => {
  it('lists findings with the rule in words, cells and actual vs expected, and annotates one', async () => {
    const calls = stubApi([
      { method: 'GET', path: /^\/api\/statistics\/elements$/, reply: () => ({ items: [] }) },
      {
        method: 'GET',
        path: /^\/api\/statistics\/violations$/,
        reply: () => ({
          items: [
            OPEN,
            {
              ...OPEN,
              id: `${OPEN.id.slice(0, -1)}2`,
              ruleCode: 'PAST_RANGE',
              kind: 'PastRange',
              status: 'Annotated',
              annotation: 'As printed in S004',
            },
          ],
          total: 2,
        }),
      },
      {
        method: 'POST',
        path: /^\/api\/statistics\/violations\/[\w-]+\/annotate$/,
        reply: () => ({ ...OPEN, status: 'Annotated', annotation: 'As printed' }),
      },
    ]);
    const queryClient = testQueryClient();
    withSession(queryClient);
    renderWithProviders(<ValidationPage />, {
      queryClient,
      route: '/statistics/validation?status=any',
    });
    const row = await screen.findByTestId(`violation-${OPEN.id}`);
    expect(row.textContent).toContain('0–14 + 15–17 ≠ under 18');
    expect(row.textContent).toMatch(/15.17/);
    expect(row.querySelector('[data-testid="actual"]')?.textContent).toBe('40');
    expect(row.querySelector('[data-testid="expected"]')?.textContent).toBe('38');
    expect(row.textContent).toContain('Open');
    expect(screen.getByText('Explained: As printed in S004')).toBeTruthy();
    expect(screen.getByTestId(`violation-${OPEN.id.slice(0, -1)}2`).textContent).toContain(
      'Annotated',
    );
    // The list asked for the chosen status and the user's own country.
    const list = calls.find((c) => c.url.startsWith('/api/statistics/violations'));
    expect(list?.url).toContain('status=any');
    expect(list?.url).toContain('country=TH');

    fireEvent.click(row.querySelector('button') as HTMLButtonElement);
    const reason = await screen.findByRole('textbox', { name: /Reason/ });
    fireEvent.click(screen.getByRole('button', { name: 'Save explanation' }));
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    fireEvent.change(reason, { target: { value: 'As printed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save explanation' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.url).toBe(`/api/statistics/violations/${OPEN.id}/annotate`);
    expect(post?.body).toEqual({ annotation: 'As printed' });
  });
});
