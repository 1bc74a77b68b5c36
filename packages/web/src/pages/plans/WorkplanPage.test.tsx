import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { sessionClient, stubApi } from '../../components/statistics/shared/fixtures.test-util';
import { renderWithProviders } from '../../test/render';
import { WorkplanPage } from './WorkplanPage';
import { PLAN_FOCAL, workplan } from './workplans.test-util';

function renderEditor(permissions = PLAN_FOCAL) {
  return renderWithProviders(
    <Routes>
      <Route path="/plans/workplans/:id" element={<WorkplanPage />} />
    </Routes>,
    { route: `/plans/workplans/${workplan.id}`, queryClient: sessionClient(permissions) },
  );
}

describe(WorkplanPage.name, () => {
  it('lists the activities with national titles, lead, partners and USD totals per area', async () => {
    stubApi({ [`/api/plans/workplans/${workplan.id}`]: () => workplan });
    renderEditor();
    const table = await screen.findByTestId('workplan-activities');
    expect(within(table).getByText('P&C 1')).toBeTruthy();
    expect(within(table).getByText('อบรมเจ้าหน้าที่ด่านพรมแดน')).toBeTruthy();
    expect(within(table).getByText('DATIP')).toBeTruthy();
    expect(within(table).getByText('IOM')).toBeTruthy();
    const totals = screen.getByTestId('workplan-totals');
    expect(within(totals).getAllByText('$20,000.00')).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Copy into 2014' })).toBeTruthy();
  });

  it('adds an activity picked from the framework, sending the planned amount', async () => {
    const calls = stubApi({
      [`/api/plans/workplans/${workplan.id}/activities`]: () => workplan,
      [`/api/plans/workplans/${workplan.id}`]: () => workplan,
    });
    renderEditor();
    fireEvent.click(await screen.findByRole('button', { name: 'Add an activity' }));
    const picker = await screen.findByRole('combobox', { name: /Framework activity/ });
    fireEvent.click(picker);
    fireEvent.change(picker, { target: { value: 'CJ' } });
    fireEvent.click(
      await screen.findByRole('option', { name: /CJ 1 — not given in the source/, hidden: true }),
    );
    expect(screen.getByText("The source does not give this activity's title.")).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /National title \(English\)/ }), {
      target: { value: 'Prosecutor training' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /Planned amount \(THB\)/ }), {
      target: { value: '1000' },
    });
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toMatchObject({
      nodeId: workplan.frameworkActivities[1]?.id,
      title: 'Prosecutor training',
      plannedAmount: 1000,
    });
  });

  it('is read-only without plan:update', async () => {
    stubApi({ [`/api/plans/workplans/${workplan.id}`]: () => workplan });
    renderEditor([{ resource: 'plan', action: 'read', scope: 'country' }]);
    await screen.findByTestId('workplan-activities');
    expect(screen.queryByRole('button', { name: 'Add an activity' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Copy into/ })).toBeNull();
  });
});
