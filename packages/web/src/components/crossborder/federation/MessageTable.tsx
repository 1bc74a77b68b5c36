import { Badge, Button, Code, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../DataTable/DataTable';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { type FederationMessage, federationApi } from './federation.api';
import { useRelativeTime } from './relative-time';

const STATUSES = ['Pending', 'Delivered', 'Rejected', 'Received', 'Applied', 'Duplicate'] as const;
const STATUS_COLOURS: Record<string, string> = {
  Pending: 'yellow',
  Delivered: 'green',
  Applied: 'green',
  Received: 'blue',
  Duplicate: 'gray',
  Rejected: 'red',
};

/** Whether an outgoing message can be sent again now (failed, or refused by the peer). */
export function canRetry(m: FederationMessage): boolean {
  return (
    m.direction === 'out' &&
    (m.status === 'Rejected' || (m.status === 'Pending' && (m.attempts ?? 0) > 0))
  );
}

/** The newest outbox and inbox messages (no payloads), with retry for failed ones. */
export function MessageTable({ canUpdate }: { canUpdate: boolean }): ReactElement {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const relative = useRelativeTime();
  const [direction, setDirection] = useState<'all' | 'out' | 'in'>('all');
  const [status, setStatus] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['federation', 'messages', { direction, status }],
    queryFn: () =>
      federationApi.messages({
        direction: direction === 'all' ? undefined : direction,
        status: status ?? undefined,
        limit: 100,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
  const retry = useMutation({
    mutationFn: (id: string) => federationApi.retry(id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['federation'] }),
  });

  const columns = useMemo<ColumnDef<FederationMessage, unknown>[]>(
    () => [
      {
        id: 'direction',
        header: t('federation.messages.direction'),
        cell: ({ row }) =>
          row.original.direction === 'out'
            ? t('federation.messages.out', { node: row.original.peer })
            : t('federation.messages.in', { node: row.original.peer }),
      },
      {
        id: 'kind',
        header: t('federation.messages.kind'),
        cell: ({ row }) => (
          <Stack gap={0}>
            <Code>{row.original.kind}</Code>
            {row.original.seq ? (
              <Text size="xs" c="dimmed">
                {t('federation.messages.seq', { seq: row.original.seq })}
              </Text>
            ) : null}
          </Stack>
        ),
      },
      {
        id: 'status',
        header: t('federation.messages.status'),
        cell: ({ row }) => (
          <Badge color={STATUS_COLOURS[row.original.status] ?? 'gray'} variant="light">
            {t(`federation.status.${row.original.status}`)}
          </Badge>
        ),
      },
      {
        id: 'attempts',
        header: t('federation.messages.attempts'),
        cell: ({ row }) => (row.original.attempts === null ? '—' : String(row.original.attempts)),
      },
      {
        id: 'error',
        header: t('federation.messages.error'),
        cell: ({ row }) => (
          <Text
            size="xs"
            c={row.original.error ? 'red' : 'dimmed'}
            style={{ wordBreak: 'break-word' }}
          >
            {row.original.error ?? '—'}
          </Text>
        ),
      },
      {
        id: 'created',
        header: t('federation.messages.created'),
        cell: ({ row }) => (
          <time dateTime={row.original.createdAt}>{relative(row.original.createdAt)}</time>
        ),
      },
      {
        id: 'actions',
        header: t('common.actions'),
        cell: ({ row }) =>
          canUpdate && canRetry(row.original) ? (
            <Button
              size="xs"
              variant="light"
              loading={retry.isPending && retry.variables === row.original.id}
              onClick={() => retry.mutate(row.original.id)}
              data-testid={`retry-${row.original.id}`}
            >
              {t('federation.messages.retry')}
            </Button>
          ) : null,
      },
    ],
    [t, relative, canUpdate, retry],
  );

  return (
    <Stack data-testid="message-table">
      <Group align="flex-end">
        <SegmentedControl
          value={direction}
          onChange={(v) => setDirection(v as typeof direction)}
          data={[
            { value: 'all', label: t('common.all') },
            { value: 'out', label: t('federation.messages.outbox') },
            { value: 'in', label: t('federation.messages.inbox') },
          ]}
        />
        <Select
          label={t('federation.messages.status')}
          placeholder={t('common.all')}
          data={STATUSES.map((s) => ({ value: s, label: t(`federation.status.${s}`) }))}
          value={status}
          onChange={setStatus}
          clearable
        />
      </Group>
      <ErrorAlert error={list.error ?? retry.error} />
      {list.data && list.data.length === 0 ? (
        <Text c="dimmed">{t('federation.messages.none')}</Text>
      ) : (
        <DataTable
          label={t('federation.messages.title')}
          columns={columns}
          rows={list.data ?? []}
          getRowId={(m) => `${m.direction}-${m.id}`}
          loading={list.isFetching}
        />
      )}
    </Stack>
  );
}
