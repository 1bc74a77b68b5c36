import type { ParticipantList } from '@ctip/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders, testQueryClient } from '../../../test/render';
import { stubApi, withSession } from '../../statistics/entry/test-fixtures';
import { ParticipantsPanel } from './ParticipantsPanel';

const MEETING = '00000000-0000-4000-8000-000000000001';
const P1 = '00000000-0000-4000-8000-000000000101';

const LIST: ParticipantList = {
  meetingId: MEETING,
  total: 2,
  bySection: { Participant: 1, HonoredGuest: 0, Observer: 0, Organizer: 0, MC: 1 },
  groups: [
    {
      section: 'Participant',
      countryOrGroup: 'Cambodia',
      countryCode: 'KH',
      participants: [
        {
          id: P1,
          meetingId: MEETING,
          section: 'Participant',
          countryOrGroup: 'Cambodia',
          countryCode: 'KH',
          listNo: 1,
          name: 'H.E. TOCH Channy',
          position: 'General Director of Technical',
          organisation: 'MoSVY',
          sex: null,
          isYouth: false,
          isSeeded: true,
          version: 1,
        },
      ],
    },
    {
      section: 'MC',
      countryOrGroup: 'MC',
      countryCode: null,
      participants: [
        {
          id: '00000000-0000-4000-8000-000000000102',
          meetingId: MEETING,
          section: 'MC',
          countryOrGroup: 'MC',
          countryCode: null,
          listNo: 1,
          name: 'Ms. Pusa Srivilas',
          position: 'Consultant',
          organisation: null,
          sex: null,
          isYouth: false,
          isSeeded: true,
          version: 1,
        },
      ],
    },
  ],
};

const PERMISSIONS = [
  { resource: 'meeting' as const, action: 'read' as const, scope: 'country' as const },
  { resource: 'meeting' as const, action: 'update' as const, scope: 'country' as const },
];

function render(editable: boolean, importReply?: (body: Record<string, unknown>) => unknown) {
  const calls = stubApi([
    { method: 'GET', path: /\/participants$/, reply: () => LIST },
    {
      method: 'POST',
      path: /\/participants\/import$/,
      reply: (c) => importReply?.(c.body as Record<string, unknown>) ?? {},
    },
    {
      method: 'PATCH',
      path: /\/participants\/[\w-]+$/,
      reply: () => ({ ...LIST.groups[0]?.participants[0], position: 'Director', version: 2 }),
    },
  ]);
  const queryClient = testQueryClient();
  withSession(queryClient, PERMISSIONS);
  renderWithProviders(<ParticipantsPanel meetingId={MEETING} editable={editable} />, {
    queryClient,
  });
  return calls;
}

describe(ParticipantsPanel.name, () => {
  it('lists participants by section and country, read-only without the right', async () => {
    render(false);
    expect(await screen.findByText('H.E. TOCH Channy')).toBeTruthy();
    expect(screen.getByTestId('participants-section-Participant')).toBeTruthy();
    expect(screen.getByTestId('participants-section-MC').textContent).toContain(
      'Ms. Pusa Srivilas',
    );
    expect(screen.getByTestId('participants-total').textContent).toContain('2');
    expect(screen.queryByText('Import a CSV')).toBeNull();
    expect(screen.queryByLabelText('Edit H.E. TOCH Channy')).toBeNull();
  });

  it('edits a participant at its version', async () => {
    const calls = render(true);
    fireEvent.click(await screen.findByLabelText('Edit H.E. TOCH Channy'));
    const position = await screen.findByLabelText('Position');
    fireEvent.change(position, { target: { value: 'Director' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.url).toContain(`/participants/${P1}`);
    expect(patch?.body).toMatchObject({
      version: 1,
      position: 'Director',
      name: 'H.E. TOCH Channy',
    });
  });

  it('previews a CSV with its row errors and allows no import until they are fixed', async () => {
    const calls = render(true, (body) =>
      body.csv === 'bad'
        ? {
            committed: false,
            mode: 'replace',
            rowCount: 2,
            errors: [{ line: 3, field: 'section', message: 'not a known section' }],
            rows: [],
            bySection: { Participant: 1, HonoredGuest: 0, Observer: 0, Organizer: 0, MC: 0 },
          }
        : {
            committed: Boolean(body.commit),
            mode: 'replace',
            rowCount: 1,
            errors: [],
            rows: [{ line: 2, section: 'Participant', countryOrGroup: 'Cambodia', name: 'A' }],
            bySection: { Participant: 1, HonoredGuest: 0, Observer: 0, Organizer: 0, MC: 0 },
          },
    );
    fireEvent.click(await screen.findByText('Import a CSV'));
    const text = await screen.findByLabelText('CSV text');
    fireEvent.change(text, { target: { value: 'bad' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const errors = await screen.findByTestId('import-errors');
    expect(errors.textContent).toContain('not a known section');
    const importButton = screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    fireEvent.change(text, { target: { value: 'good' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByText(/Ready: the current list will be replaced by 1 participants/);
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() =>
      expect(calls.some((c) => (c.body as { commit?: boolean } | undefined)?.commit === true)).toBe(
        true,
      ),
    );
    const commit = calls.find((c) => (c.body as { commit?: boolean } | undefined)?.commit);
    expect(commit?.body).toEqual({ csv: 'good', commit: true, mode: 'replace' });
  });
});
