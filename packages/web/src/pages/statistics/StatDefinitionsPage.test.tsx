import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  FOCAL_POINT_PERMISSIONS,
  stubApi,
  withSession,
} from '../../components/statistics/entry/test-fixtures';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { StatDefinitionsPage } from './StatDefinitionsPage';

const ELEMENTS = {
  items: [
    {
      code: 'VICTIMS_IDENTIFIED',
      group: 'victims',
      valueType: 'Integer',
      unit: 'persons',
      dimensions: ['sex', 'age_group'],
      caseDerived: true,
      name: 'Victims identified',
      description: null,
      isBuiltIn: true,
    },
  ],
};

function render(tab: string, permissions = FOCAL_POINT_PERMISSIONS) {
  const calls = stubApi([
    { method: 'GET', path: /^\/api\/statistics\/elements$/, reply: () => ELEMENTS },
    { method: 'POST', path: /^\/api\/statistics\/elements$/, reply: (c) => c.body },
    {
      method: 'GET',
      path: /^\/api\/statistics\/indicators$/,
      reply: () => ({
        items: [
          {
            code: 'SDG_16_2_2',
            name: 'SDG 16.2.2',
            expression: '#{VICTIMS_IDENTIFIED} / #{POPULATION} * 100000',
            unit: 'per100k',
            decimals: 2,
            isBuiltIn: true,
          },
        ],
      }),
    },
    {
      method: 'POST',
      path: /^\/api\/statistics\/indicators$/,
      reply: () => ({
        status: 400,
        body: {
          error: {
            code: 'INVALID_INPUT',
            message: 'expected a number, a reference or ( (at character 15)',
            field: 'expression',
          },
        },
      }),
    },
    {
      method: 'GET',
      path: /^\/api\/statistics\/rules$/,
      reply: () => ({
        items: [
          {
            code: 'SEX_SUM',
            kind: 'SumOfParts',
            dataElement: null,
            params: {},
            isEnabled: true,
            isBuiltIn: true,
          },
        ],
      }),
    },
    {
      method: 'PUT',
      path: /^\/api\/statistics\/rules\/SEX_SUM$/,
      reply: () => ({
        code: 'SEX_SUM',
        kind: 'SumOfParts',
        dataElement: null,
        params: {},
        isEnabled: false,
        isBuiltIn: true,
      }),
    },
    {
      method: 'GET',
      path: /^\/api\/statistics\/settings$/,
      reply: () => ({ threshold: 5, suppressZeros: false, fiscalStartMonths: { TH: 10, MM: 10 } }),
    },
    { method: 'PUT', path: /^\/api\/statistics\/settings$/, reply: (c) => c.body },
  ]);
  const queryClient = testQueryClient();
  withSession(queryClient, permissions);
  renderWithProviders(<StatDefinitionsPage />, {
    queryClient,
    route: `/statistics/definitions?tab=${tab}`,
  });
  return calls;
}

describe(StatDefinitionsPage.name, () => {
  it('lists the data elements and creates one', async () => {
    const calls = render('elements');
    const table = await screen.findByTestId('elements');
    await waitFor(() => expect(table.textContent).toContain('VICTIMS_IDENTIFIED'));
    fireEvent.click(screen.getByRole('button', { name: 'New data element' }));
    fireEvent.change(await screen.findByRole('textbox', { name: /Code/ }), {
      target: { value: 'shelter nights' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /Name/ }), {
      target: { value: 'Shelter nights' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(
        'Use capital letters, digits and underscores, starting with a letter.',
      ),
    ).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /Code/ }), {
      target: { value: 'SHELTER_NIGHTS' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      code: 'SHELTER_NIGHTS',
      name: 'Shelter nights',
      group: 'victims',
      valueType: 'Integer',
      dimensions: [],
    });
  });

  it("shows the server's syntax error of an indicator expression at the field", async () => {
    render('indicators');
    await screen.findByText('#{VICTIMS_IDENTIFIED} / #{POPULATION} * 100000');
    fireEvent.click(screen.getByRole('button', { name: 'New indicator' }));
    fireEvent.change(await screen.findByRole('textbox', { name: /Code/ }), {
      target: { value: 'RATE' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /Name/ }), { target: { value: 'Rate' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Expression/ }), {
      target: { value: '#{ARRESTS} / ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The expression is not valid at character 15.')).toBeTruthy();
  });

  it('switches a validation rule off', async () => {
    const calls = render('rules');
    const toggle = await screen.findByRole('switch', { name: 'Rule SEX_SUM enabled' });
    expect(screen.getByTestId('rules').textContent).toContain('Male + female ≠ total');
    fireEvent.click(toggle);
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ isEnabled: false });
  });

  it('saves the disclosure settings, and shows them read-only to others', async () => {
    const calls = render('disclosure');
    const threshold = await screen.findByRole('textbox', { name: /Threshold/ });
    await waitFor(() => expect((threshold as HTMLInputElement).value).toBe('5'));
    fireEvent.change(threshold, { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({
      threshold: 10,
      suppressZeros: false,
      fiscalStartMonths: { TH: 10, MM: 10, KH: 1 },
    });
  });

  it('offers no editing without statistic:update', async () => {
    render('disclosure', [{ resource: 'statistic', action: 'read', scope: 'country' }]);
    const threshold = await screen.findByRole('textbox', { name: /Threshold/ });
    expect((threshold as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });
});
