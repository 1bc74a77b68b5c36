import { type Permission, type TrainingView, trainingTotals } from '@ctip/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stubApi, withSession } from '../../components/statistics/entry/test-fixtures';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { TrainingsPage } from './TrainingsPage';

const EVENT: TrainingView = {
  id: '00000000-0000-4000-8000-000000000601',
  countryCode: 'KH',
  level: 'regional',
  title: 'Regional training programmes',
  curriculum: null,
  organiser: null,
  trainers: null,
  location: null,
  language: null,
  startOn: null,
  endOn: null,
  durationDays: null,
  periodText: 'per event',
  yearStart: null,
  yearEnd: null,
  eventsCount: null,
  eventsCountText: null,
  frameworkId: 'SPA3',
  areaCode: '1',
  targets: ['1.2'],
  counts: [
    {
      traineeType: 'government_official',
      traineeTypeText: 'government officials',
      sex: 'Total',
      count: 5,
      unitText: 'persons trained each time',
      isApproximate: false,
    },
    {
      traineeType: 'ngo_staff',
      traineeTypeText: 'NGO staff',
      sex: 'Total',
      count: 4,
      unitText: 'persons trained each time',
      isApproximate: false,
    },
  ],
  participants: 9,
  source: 'seed',
  quote: 'with 5 government officials and 4 non-government organisation (NGO) staff',
  isSeeded: true,
  version: 1,
};

const FOCAL: Permission[] = (['read', 'create', 'update', 'export'] as const).map((action) => ({
  resource: 'plan',
  action,
  scope: 'country',
}));

function render() {
  const calls = stubApi([
    {
      method: 'GET',
      path: /^\/api\/plans\/trainings$/,
      reply: () => ({ items: [EVENT], totals: trainingTotals([EVENT]) }),
    },
    {
      method: 'POST',
      path: /^\/api\/plans\/trainings$/,
      reply: () => ({ status: 201, body: { ...EVENT, id: 'new', isSeeded: false } }),
    },
  ]);
  const queryClient = testQueryClient();
  withSession(queryClient, FOCAL, { countryCode: 'KH' });
  renderWithProviders(<TrainingsPage />, { queryClient });
  return calls;
}

describe(TrainingsPage.name, () => {
  it('shows an event with its target, counts by type and the quote, and the totals', async () => {
    render();
    const card = await screen.findByTestId(`training-${EVENT.id}`);
    expect(card.textContent).toContain('Target 1.2');
    expect(card.textContent).toContain('Government officials');
    expect(card.textContent).toContain('NGO staff');
    expect(card.textContent).toContain('with 5 government officials');
    expect(screen.getByTestId('training-totals').textContent).toContain('People trained: 9');
  });

  it('records a training with participants by type × sex; refuses an end before the start', async () => {
    const calls = render();
    fireEvent.click(await screen.findByRole('button', { name: 'Record a training' }));
    fireEvent.change(await screen.findByLabelText(/Title/), {
      target: { value: 'Victim identification' },
    });
    fireEvent.change(screen.getByLabelText('Start date'), { target: { value: '2014-03-10' } });
    fireEvent.change(screen.getByLabelText('End date'), { target: { value: '2014-03-01' } });
    const save = screen.getByTestId('training-save') as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(true));
    expect(screen.getByText('The end date is before the start date')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('End date'), { target: { value: '2014-03-12' } });
    fireEvent.change(screen.getByLabelText('Government officials Female'), {
      target: { value: '12' },
    });
    fireEvent.change(screen.getByLabelText('Government officials Male'), {
      target: { value: '9' },
    });
    await waitFor(() => expect(save.disabled).toBe(false));
    fireEvent.click(save);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      countryCode: 'KH',
      level: 'national',
      title: 'Victim identification',
      startOn: '2014-03-10',
      endOn: '2014-03-12',
      frameworkId: 'SPA3',
      counts: [
        expect.objectContaining({ traineeType: 'government_official', sex: 'Female', count: 12 }),
        expect.objectContaining({ traineeType: 'government_official', sex: 'Male', count: 9 }),
      ],
    });
  });
});
