import type { DataEntryForm, StatViolationView } from '@ctip/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stubApi, withSession } from '../../components/statistics/entry/test-fixtures';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { DataEntryPage } from './DataEntryPage';

const DATA_SETS = {
  items: [
    {
      code: 'VICTIMS',
      periodType: 'Yearly',
      name: 'Victims',
      isBuiltIn: true,
      elements: [{ dataElement: 'VICTIMS_IDENTIFIED', formDimensions: ['sex'] }],
    },
  ],
};

const FINDING: StatViolationView = {
  id: '00000000-0000-4000-8000-0000000000f1',
  ruleCode: 'SEX_SUM',
  kind: 'SumOfParts',
  dataElement: 'VICTIMS_IDENTIFIED',
  country: 'TH',
  period: '2024',
  cells: [
    {
      dataElement: 'VICTIMS_IDENTIFIED',
      country: 'TH',
      province: '',
      period: '2024',
      disaggregation: {},
    },
    {
      dataElement: 'VICTIMS_IDENTIFIED',
      country: 'TH',
      province: '',
      period: '2024',
      disaggregation: { sex: 'M' },
    },
  ],
  actual: 10,
  expected: 4,
  status: 'Open',
  annotation: null,
  firstSeenAt: '2026-11-01T00:00:00Z',
  lastSeenAt: '2026-11-01T00:00:00Z',
};

function entryForm(over: Partial<DataEntryForm> = {}): DataEntryForm {
  return {
    dataSet: 'VICTIMS',
    periodType: 'Yearly',
    country: 'TH',
    period: '2024',
    approval: {
      dataSet: 'VICTIMS',
      country: 'TH',
      period: '2024',
      status: 'Open',
      version: 0,
      approvedAt: null,
      approvedBy: null,
      unapprovedAt: null,
      reason: null,
    },
    isLocked: false,
    elements: [
      {
        dataElement: 'VICTIMS_IDENTIFIED',
        formDimensions: ['sex'],
        options: { sex: ['M', 'F', 'X'] },
        values: [
          { disaggregation: {}, status: 'Reported', value: 10, note: null, source: null },
          { disaggregation: { sex: 'M' }, status: 'Reported', value: 4, note: null, source: null },
        ],
      },
    ],
    openViolations: [FINDING],
    ...over,
  };
}

const ROUTE = '/statistics/entry?dataSet=VICTIMS&country=TH&period=2024';

function cell(container: HTMLElement, key: string): HTMLInputElement {
  const el = [...container.querySelectorAll<HTMLInputElement>('input[data-cell]')].find(
    (i) => i.dataset.cell === key,
  );
  if (!el) {
    throw new Error(`no cell ${key}`);
  }
  return el;
}

function render(form: DataEntryForm, put: (body: unknown) => unknown = () => form) {
  const calls = stubApi([
    { method: 'GET', path: /^\/api\/statistics\/data-sets$/, reply: () => DATA_SETS },
    {
      method: 'GET',
      path: /^\/api\/statistics\/settings$/,
      reply: () => ({ threshold: 5, suppressZeros: false, fiscalStartMonths: { TH: 10 } }),
    },
    { method: 'GET', path: /^\/api\/statistics\/entry$/, reply: () => form },
    { method: 'PUT', path: /^\/api\/statistics\/entry$/, reply: (c) => put(c.body) },
  ]);
  const queryClient = testQueryClient();
  withSession(queryClient);
  const result = renderWithProviders(<DataEntryPage />, { queryClient, route: ROUTE });
  return { ...result, calls };
}

describe(DataEntryPage.name, () => {
  it('enters values by keyboard: Enter moves on, Alt+M marks missing, Ctrl+S saves only what changed', async () => {
    const saved = entryForm({ openViolations: [] });
    const { container, calls } = render(entryForm(), () => saved);
    await screen.findByTestId('entry-grid');
    // Stored values show; an empty cell stays empty (never a zero).
    expect(cell(container, 'VICTIMS_IDENTIFIED|').value).toBe('10');
    expect(cell(container, 'VICTIMS_IDENTIFIED|sex=M').value).toBe('4');
    expect(cell(container, 'VICTIMS_IDENTIFIED|sex=X').value).toBe('');

    const female = cell(container, 'VICTIMS_IDENTIFIED|sex=F');
    female.focus();
    fireEvent.change(female, { target: { value: '6' } });
    expect(female.dataset.dirty).toBe('true');
    fireEvent.keyDown(female, { key: 'Enter' });
    const other = cell(container, 'VICTIMS_IDENTIFIED|sex=X');
    expect(document.activeElement).toBe(other);
    fireEvent.keyDown(other, { key: 'm', code: 'KeyM', altKey: true });
    expect(other.dataset.status).toBe('Missing');
    expect(other.value).toBe('missing');
    expect(screen.getByTestId('save-state').textContent).toContain('Unsaved changes: 2');

    fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({
      dataSet: 'VICTIMS',
      country: 'TH',
      period: '2024',
      values: [
        {
          dataElement: 'VICTIMS_IDENTIFIED',
          country: 'TH',
          period: '2024',
          disaggregation: { sex: 'F' },
          status: 'Reported',
          value: 6,
        },
        {
          dataElement: 'VICTIMS_IDENTIFIED',
          country: 'TH',
          period: '2024',
          disaggregation: { sex: 'X' },
          status: 'Missing',
          value: null,
        },
      ],
    });
    await waitFor(() =>
      expect(screen.getByTestId('save-state').textContent).toBe('All changes saved'),
    );
  });

  it('shows a value the server refused on its cell, and saves nothing else', async () => {
    const { container } = render(entryForm(), () => ({
      status: 400,
      body: {
        error: {
          code: 'INVALID_INPUT',
          message: 'must be a whole number',
          field: 'values.0.value',
        },
      },
    }));
    await screen.findByTestId('entry-grid');
    const female = cell(container, 'VICTIMS_IDENTIFIED|sex=F');
    fireEvent.change(female, { target: { value: '2.5' } });
    fireEvent.keyDown(female, { key: 's', ctrlKey: true });
    expect(await screen.findByText('Must be a whole number.')).toBeTruthy();
    expect(female.getAttribute('aria-invalid')).toBe('true');
    // Still unsaved: nothing was written.
    expect(female.dataset.dirty).toBe('true');
  });

  it('refuses a typed text and clearing a stored figure before sending', async () => {
    const { container, calls } = render(entryForm());
    await screen.findByTestId('entry-grid');
    fireEvent.change(cell(container, 'VICTIMS_IDENTIFIED|sex=F'), { target: { value: 'abc' } });
    fireEvent.change(cell(container, 'VICTIMS_IDENTIFIED|sex=M'), { target: { value: '' } });
    fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    expect(
      await screen.findByText('Enter a number, or mark the cell missing or suppressed.'),
    ).toBeTruthy();
    expect(screen.getByText('To remove a saved figure, mark it missing.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('saves by itself after a pause', async () => {
    const { container, calls } = render(entryForm());
    await screen.findByTestId('entry-grid');
    fireEvent.change(cell(container, 'VICTIMS_IDENTIFIED|sex=F'), { target: { value: '6' } });
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true), {
      timeout: 5000,
    });
  });

  it('locks an approved form and lists its findings with their cells outlined', async () => {
    const { container } = render(
      entryForm({
        isLocked: true,
        approval: {
          ...entryForm().approval,
          status: 'Approved',
          version: 1,
          approvedAt: '2026-11-20T10:00:00Z',
        },
      }),
    );
    expect((await screen.findByTestId('locked-banner')).textContent).toContain('Approved');
    expect(cell(container, 'VICTIMS_IDENTIFIED|sex=F').disabled).toBe(true);
    const findings = screen.getByTestId('entry-findings');
    expect(findings.textContent).toContain('Male + female ≠ total');
    expect(findings.textContent).toContain('10');
    expect(cell(container, 'VICTIMS_IDENTIFIED|').dataset.flagged).toBe('true');
    expect(cell(container, 'VICTIMS_IDENTIFIED|sex=M').dataset.flagged).toBe('true');
    expect(cell(container, 'VICTIMS_IDENTIFIED|sex=F').dataset.flagged).toBeUndefined();
  });
});
