import { scopeRank, type Task, widestScope } from '@ctip/domain';
import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { type ReactElement, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { protectionApi } from '../../api/protection.api';
import { useActor } from '../../auth/session';
import { DataTable } from '../../components/DataTable/DataTable';
import { DateText } from '../../components/DateText/DateText';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { errorText } from '../../i18n/errors';
import { notify } from '../../i18n/notify';

/** How long a completed task can be undone, in milliseconds. */
const UNDO_MS = 6000;

/** A task's title from its kind and params (titles are never stored as text). */
export function taskTitle(t: TFunction, task: Pick<Task, 'kind' | 'params'>): string {
  if (task.kind === 'deadline_step') {
    const key = String(task.params.ruleKey ?? '');
    return t(`tasks.step.${key}`, {
      defaultValue: t('tasks.kind.deadline_step', { step: task.params.stepNo }),
    });
  }
  if (task.kind === 'follow_up') {
    return task.params.monthsAfter
      ? t('tasks.kind.follow_up', { count: Number(task.params.monthsAfter) })
      : t('tasks.kind.follow_up_extra');
  }
  return t('tasks.kind.other');
}

/** My tasks and my agency's: due dates, overdue highlighted, complete with a short undo. */
export function TasksPage(): ReactElement {
  const { t } = useTranslation();
  const actor = useActor();
  const readScope = actor ? widestScope(actor, 'read', 'case') : null;
  const canSeeAgency = readScope !== null && scopeRank(readScope) >= scopeRank('agency');
  const queryClient = useQueryClient();
  const [scope, setScope] = useState<'mine' | 'agency'>('mine');
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [undo, setUndo] = useState<Task | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const tasks = useQuery({
    queryKey: ['tasks', scope, status],
    queryFn: () => protectionApi.tasks(scope, status),
  });
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
      }
    },
    [],
  );

  async function complete(task: Task, done: boolean): Promise<void> {
    try {
      await protectionApi.completeTask(task.id, done);
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      if (timer.current) {
        clearTimeout(timer.current);
      }
      if (done) {
        setUndo(task);
        timer.current = setTimeout(() => setUndo(null), UNDO_MS);
      } else {
        setUndo(null);
        notify('success', t('tasks.reopened'));
      }
    } catch (err) {
      notify('error', errorText(t, err));
    }
  }

  const columns: ColumnDef<Task, unknown>[] = [
    {
      id: 'title',
      header: t('tasks.title'),
      cell: ({ row }) => (
        <Text fw={row.original.isOverdue ? 600 : undefined}>{taskTitle(t, row.original)}</Text>
      ),
    },
    {
      id: 'case',
      header: t('tasks.case'),
      cell: ({ row }) =>
        row.original.caseId ? (
          <Anchor component={Link} to={`/cases/${row.original.caseId}`}>
            {row.original.caseCode}
          </Anchor>
        ) : (
          '—'
        ),
    },
    {
      id: 'due',
      header: t('tasks.due'),
      cell: ({ row }) => (
        <Group gap="xs" wrap="nowrap">
          <DateText value={row.original.dueOn} />
          {row.original.isOverdue ? (
            <Badge color="red" data-testid="task-overdue">
              {t('tasks.overdue')}
            </Badge>
          ) : null}
        </Group>
      ),
    },
    ...(status === 'done'
      ? [
          {
            id: 'doneAt',
            header: t('tasks.doneAt'),
            cell: ({ row }: { row: { original: Task } }) => (
              <DateText value={row.original.doneAt} withTime />
            ),
          } satisfies ColumnDef<Task, unknown>,
        ]
      : []),
    {
      id: 'actions',
      header: t('common.actions'),
      cell: ({ row }) =>
        status === 'open' ? (
          <Button size="xs" variant="light" onClick={() => complete(row.original, true)}>
            {t('tasks.complete')}
          </Button>
        ) : (
          <Button size="xs" variant="subtle" onClick={() => complete(row.original, false)}>
            {t('tasks.reopen')}
          </Button>
        ),
    },
  ];

  return (
    <Stack data-testid="TasksPage">
      <PageHeader title={t('tasks.pageTitle')} description={t('tasks.description')} />
      <Group>
        <SegmentedControl
          aria-label={t('tasks.scope')}
          value={scope}
          onChange={(v) => setScope(v as 'mine' | 'agency')}
          data={[
            { value: 'mine', label: t('tasks.mine') },
            ...(canSeeAgency ? [{ value: 'agency', label: t('tasks.agency') }] : []),
          ]}
        />
        <SegmentedControl
          aria-label={t('tasks.status')}
          value={status}
          onChange={(v) => setStatus(v as 'open' | 'done')}
          data={[
            { value: 'open', label: t('tasks.open') },
            { value: 'done', label: t('tasks.done') },
          ]}
        />
      </Group>
      {undo ? (
        <Group role="status" aria-live="polite" data-testid="task-undo">
          <Text>{t('tasks.completed', { title: taskTitle(t, undo) })}</Text>
          <Button size="xs" variant="outline" onClick={() => complete(undo, false)}>
            {t('tasks.undo')}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={tasks.error} />
      <DataTable
        label={t('tasks.pageTitle')}
        columns={columns}
        rows={tasks.data ?? []}
        getRowId={(x) => x.id}
        loading={tasks.isFetching}
        data-testid="tasks-table"
      />
    </Stack>
  );
}
