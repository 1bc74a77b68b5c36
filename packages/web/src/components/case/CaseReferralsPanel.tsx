import type { Referral } from '@ctip/domain';
import { Button, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCaseQuery } from '../../api/cases.api';
import { referralsApi } from '../../api/referrals.api';
import { useCan } from '../../auth/session';
import { DataTable } from '../DataTable/DataTable';
import { DateText } from '../DateText/DateText';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';
import { ReferralActions } from '../ReferralActions/ReferralActions';
import { ReferralFormModal } from '../ReferralForm/ReferralFormModal';
import { ReferralStatusBadge } from '../ReferralStatusBadge/ReferralStatusBadge';

export type CaseReferralsPanelProps = { caseId: string };

/** Tab of the case page: the case's referrals with their state and actions, and a new referral. */
export function CaseReferralsPanel({ caseId }: CaseReferralsPanelProps): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const detail = useCaseQuery(caseId);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['referrals', 'case', caseId],
    queryFn: () => referralsApi.ofCase(caseId),
  });
  const columns = useMemo<ColumnDef<Referral, unknown>[]>(() => referralColumns(t, true), [t]);

  return (
    <Stack data-testid="CaseReferralsPanel">
      <Group justify="space-between">
        <Title order={3}>{t('referrals.title')}</Title>
        {can('create', 'referral') ? (
          <Button onClick={() => setCreating(true)} data-testid="referral-create">
            {t('referrals.create')}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={list.error} />
      {list.data && list.data.length === 0 ? (
        <Text c="dimmed">{t('referrals.empty')}</Text>
      ) : (
        <DataTable
          label={t('referrals.title')}
          columns={columns}
          rows={list.data ?? []}
          getRowId={(r) => r.id}
          loading={list.isPending}
        />
      )}
      <ReferralFormModal
        caseId={caseId}
        ownerAgencyId={detail.data?.agencyId ?? null}
        opened={creating}
        onClose={() => setCreating(false)}
      />
    </Stack>
  );
}

/** The columns of a referral table (shared with the inbox); outside a case, the case code too. */
export function referralColumns(t: TFunction, inCase: boolean): ColumnDef<Referral, unknown>[] {
  return [
    ...(inCase
      ? []
      : [
          {
            id: 'case',
            header: t('referrals.case'),
            cell: ({ row }: { row: { original: Referral } }) => (
              <Link to={`/cases/${row.original.caseId}`}>{row.original.caseCode}</Link>
            ),
          },
        ]),
    {
      id: 'kind',
      header: t('referrals.kindLabel'),
      cell: ({ row }) => t(`referrals.kind.${row.original.kind}`),
    },
    {
      id: 'from',
      header: t('referrals.from'),
      cell: ({ row }) => row.original.fromAgencyName,
    },
    {
      id: 'to',
      header: t('referrals.to'),
      cell: ({ row }) => (
        <Stack gap={0}>
          <span>{row.original.toAgencyName}</span>
          {row.original.toProviderName ? (
            <Text size="xs" c="dimmed">
              {row.original.toProviderName}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    {
      id: 'services',
      header: t('referrals.services'),
      cell: ({ row }) => row.original.services.map((s) => t(`referrals.service.${s}`)).join(', '),
    },
    {
      id: 'status',
      header: t('referrals.statusLabel'),
      cell: ({ row }) => (
        <Stack gap={2}>
          <ReferralStatusBadge status={row.original.status} isOverdue={row.original.isOverdue} />
          {row.original.isConsentOverridden ? (
            <Tooltip label={t('referrals.overriddenHelp')}>
              <Text size="xs" c="orange" tabIndex={0}>
                {t('referrals.overridden')}
              </Text>
            </Tooltip>
          ) : null}
          {row.original.responseReason ? (
            <Text size="xs" c="dimmed">
              {row.original.responseReason}
            </Text>
          ) : null}
          {row.original.outcome ? <Text size="xs">{row.original.outcome}</Text> : null}
        </Stack>
      ),
    },
    {
      id: 'dueOn',
      header: t('referrals.dueOn'),
      cell: ({ row }) => (
        <Text
          size="sm"
          c={row.original.isOverdue ? 'red' : undefined}
          fw={row.original.isOverdue ? 700 : undefined}
        >
          <DateText value={row.original.dueOn} />
        </Text>
      ),
    },
    {
      id: 'created',
      header: t('referrals.created'),
      cell: ({ row }) => <DateText value={row.original.createdAt} />,
    },
    {
      id: 'actions',
      header: t('common.actions'),
      cell: ({ row }) => <ReferralActions referral={row.original} />,
    },
  ];
}
