import type { HotlineCallSummary } from '@ctip/domain';
import { Alert, Badge, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type ReactElement, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { hotlineApi } from '../../api/hotline.api';
import { useAgencyOptions } from '../../api/queries';
import { errorText } from '../../i18n/errors';
import { DataTable } from '../DataTable/DataTable';
import { DateText } from '../DateText/DateText';
import { HotlineCallActions } from './HotlineCallActions';
import { useLanguageLabel } from './language-label';

const URGENCY_COLOR = { Low: 'gray', Medium: 'blue', High: 'orange', Emergency: 'red' } as const;

/** Local midnight today and tomorrow, as ISO instants. */
export function todayRange(now = new Date()): { from: string; to: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

/** Today's calls of the operator's scope, newest first, coded fields only. */
export function HotlineCallList(): ReactElement {
  const { t } = useTranslation();
  const range = useMemo(() => todayRange(), []);
  const agencies = useAgencyOptions();
  const languageLabel = useLanguageLabel();
  const calls = useQuery({
    queryKey: ['hotline', 'calls', 'today', range],
    queryFn: () => hotlineApi.list({ ...range, pageSize: 200 }),
  });
  const agencyName = useCallback(
    (id: string | null) => (id ? (agencies.data?.find((a) => a.id === id)?.name ?? '') : ''),
    [agencies.data],
  );

  const columns = useMemo<ColumnDef<HotlineCallSummary, unknown>[]>(
    () => [
      {
        id: 'time',
        header: t('hotline.field.receivedAt'),
        cell: ({ row }) => <DateText value={row.original.receivedAt} withTime />,
      },
      {
        id: 'category',
        header: t('hotline.field.category'),
        cell: ({ row }) => t(`hotline.category.${row.original.category}`),
      },
      {
        id: 'urgency',
        header: t('hotline.field.urgency'),
        cell: ({ row }) => (
          <Badge color={URGENCY_COLOR[row.original.urgency]} miw="max-content">
            {t(`hotline.urgency.${row.original.urgency}`)}
          </Badge>
        ),
      },
      {
        id: 'channel',
        header: t('hotline.field.channel'),
        cell: ({ row }) => t(`hotline.channel.${row.original.channel}`),
      },
      {
        id: 'language',
        header: t('hotline.field.language'),
        cell: ({ row }) => languageLabel(row.original.language),
      },
      {
        id: 'outcome',
        header: t('hotline.field.outcome'),
        cell: ({ row }) => (
          <div>
            <Text size="sm">{t(`hotline.outcome.${row.original.outcome}`)}</Text>
            {row.original.referredAgencyId ? (
              <Text size="xs" c="dimmed">
                {t('hotline.list.referredTo', {
                  agency: agencyName(row.original.referredAgencyId),
                })}
              </Text>
            ) : null}
            {row.original.caseId ? (
              <Text size="xs" c="dimmed">
                {t('hotline.list.linkedCase')}
              </Text>
            ) : null}
          </div>
        ),
      },
      {
        id: 'actions',
        header: t('common.actions'),
        cell: ({ row }) => <HotlineCallActions call={row.original} />,
      },
    ],
    [t, agencyName, languageLabel],
  );

  if (calls.isError) {
    return <Alert color="red">{errorText(t, calls.error)}</Alert>;
  }
  const rows = calls.data?.items ?? [];
  return (
    <div>
      <DataTable
        label={t('hotline.list.title')}
        columns={columns}
        rows={rows}
        getRowId={(r) => r.id}
        loading={calls.isPending}
        data-testid="hotline-today"
      />
      {!calls.isPending && rows.length === 0 ? (
        <Text c="dimmed" mt="sm">
          {t('hotline.list.empty')}
        </Text>
      ) : null}
    </div>
  );
}
