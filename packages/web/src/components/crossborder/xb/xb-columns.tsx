import type { XbCaseListItem } from '@ctip/domain';
import { Stack, Text } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { DateText } from '../../DateText/DateText';
import { XbStatusBadges } from './XbBadges';

/** Columns of a table of shared cases (lists and the case page's panel). */
export function xbColumns(
  t: TFunction,
  countryLabel: (code: string) => string,
): ColumnDef<XbCaseListItem, unknown>[] {
  return [
    {
      id: 'case',
      header: t('xb.col.case'),
      cell: ({ row }) => (
        <Stack gap={0}>
          <Link to={`/cross-border/cases/${row.original.id}`}>{row.original.caseCode}</Link>
          {row.original.remoteCaseCode && row.original.remoteCaseCode !== row.original.caseCode ? (
            <Text size="xs" c="dimmed">
              {row.original.remoteCaseCode}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    {
      id: 'direction',
      header: t('xb.col.direction'),
      cell: ({ row }) =>
        t(row.original.role === 'Sender' ? 'xb.toCountry' : 'xb.fromCountry', {
          country: countryLabel(row.original.peerCountry),
        }),
    },
    {
      id: 'purpose',
      header: t('xb.col.purpose'),
      cell: ({ row }) => (
        <Stack gap={0}>
          <span>{t(`xb.purpose.${row.original.purpose}`)}</span>
          <Text size="xs" c="dimmed">
            {row.original.agreementCode}
          </Text>
        </Stack>
      ),
    },
    {
      id: 'status',
      header: t('xb.col.status'),
      cell: ({ row }) => <XbStatusBadges item={row.original} />,
    },
    {
      id: 'next',
      header: t('xb.col.nextDue'),
      cell: ({ row }) =>
        row.original.nextDueStep ? (
          <Stack gap={0}>
            <span>{t(`xb.step.${row.original.nextDueStep.step}`)}</span>
            <Text size="xs" c="dimmed">
              <DateText value={row.original.nextDueStep.dueDate} />
            </Text>
          </Stack>
        ) : (
          ''
        ),
    },
    {
      id: 'offered',
      header: t('xb.col.offered'),
      cell: ({ row }) => <DateText value={row.original.offeredAt} />,
    },
  ];
}
