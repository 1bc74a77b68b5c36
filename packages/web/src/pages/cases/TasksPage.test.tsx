import type { SessionInfo, Task } from '@ctip/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_QUERY_KEY } from '../../auth/session';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { TasksPage } from './TasksPage';

const ME = '00000000-0000-4000-8000-000000000001';
const task: Task = {
  id: '00000000-0000-4000-8000-0000000000b1',
  caseId: '00000000-0000-4000-8000-0000000000c1',
  caseCode: 'TH-2026-000042',
  kind: 'deadline_step',
  params: { ruleKey: 'work_outside_shelter_2', stepNo: 2 },
  dueOn: '2026-01-15',
  isOverdue: true,
  assigneeUserId: ME,
  doneAt: null,
};

describe(TasksPage.name, () => {
  it('shows translated titles, flags overdue tasks and completes with an undo', async () => {
    const calls: { path: string; body: unknown }[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const path = new URL(url, 'http://x').pathname;
      if (init?.method === 'POST') {
        calls.push({ path, body: JSON.parse(String(init.body)) });
        return new Response(JSON.stringify({ id: task.id, doneAt: null }), { status: 200 });
      }
      return new Response(JSON.stringify([task]), { status: 200 });
    });
    const queryClient = testQueryClient();
    queryClient.setQueryData<Partial<SessionInfo>>(SESSION_QUERY_KEY, {
      user: {
        id: ME,
        agencyId: 'a',
        countryCode: 'TH',
        calendar: 'gregory',
      } as SessionInfo['user'],
      permissions: [{ resource: 'case', action: 'read', scope: 'agency' }],
      csrfToken: 'x',
      stage: 'complete',
    });
    renderWithProviders(<TasksPage />, { queryClient });
    expect(await screen.findByText('Apply for a temporary stay in the Kingdom')).toBeTruthy();
    expect(screen.getByTestId('task-overdue')).toBeTruthy();
    expect(screen.getByText('TH-2026-000042')).toBeTruthy();
    expect(screen.getByText('My agency')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Mark done' }));
    const undo = await screen.findByTestId('task-undo');
    fireEvent.click(undo.querySelector('button') as HTMLButtonElement);
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls.map((c) => c.body)).toEqual([{ done: true }, { done: false }]);
  });
});
