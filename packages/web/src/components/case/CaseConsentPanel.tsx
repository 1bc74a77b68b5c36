import type { Consent } from '@ctip/domain';
import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencyOptions, useCountryLabel } from '../../api/queries';
import { consentsApi } from '../../api/referrals.api';
import { useCan } from '../../auth/session';
import { ConsentFormModal } from '../ConsentForm/ConsentFormModal';
import { ConsentWithdrawModal } from '../ConsentForm/ConsentWithdrawModal';
import { DataTable } from '../DataTable/DataTable';
import { DateText } from '../DateText/DateText';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';
import { languageName } from '../ReferralForm/options';

export type CaseConsentPanelProps = { caseId: string };

function statusOf(c: Consent): 'active' | 'withdrawn' | 'inactive' {
  if (c.withdrawnAt) {
    return 'withdrawn';
  }
  return c.isActive ? 'active' : 'inactive';
}

/** Tab of the case page: the consent ledger, recording and withdrawing consents. */
export function CaseConsentPanel({ caseId }: CaseConsentPanelProps): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const agencies = useAgencyOptions();
  const countryLabel = useCountryLabel();
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const ledger = useQuery({
    queryKey: ['consents', caseId],
    queryFn: () => consentsApi.list(caseId),
  });
  // The server decides (case update access); `case:update` at any scope decides whether to offer.
  const mayWrite = can('update', 'case');

  const columns = useMemo<ColumnDef<Consent, unknown>[]>(
    () => [
      {
        id: 'purpose',
        header: t('consent.purposeLabel'),
        cell: ({ row }) => t(`consent.purpose.${row.original.purpose}`),
      },
      {
        id: 'decision',
        header: t('consent.decision'),
        cell: ({ row }) =>
          row.original.isGranted ? (
            <Badge color="green">{t('consent.granted')}</Badge>
          ) : (
            <Badge color="red">{t('consent.refused')}</Badge>
          ),
      },
      {
        id: 'recipients',
        header: t('consent.recipients'),
        cell: ({ row }) =>
          row.original.recipients.length === 0
            ? t('consent.recipientsAny')
            : row.original.recipients
                .map((r) =>
                  row.original.purpose === 'ShareCountry'
                    ? countryLabel(r)
                    : (agencies.data?.find((a) => a.id === r)?.name ?? r),
                )
                .join(', '),
      },
      {
        id: 'givenOn',
        header: t('consent.givenOn'),
        cell: ({ row }) => <DateText value={row.original.givenOn} />,
      },
      {
        id: 'expiresOn',
        header: t('consent.expiresOn'),
        cell: ({ row }) => <DateText value={row.original.expiresOn} />,
      },
      {
        id: 'explainedIn',
        header: t('consent.explainedIn'),
        cell: ({ row }) => languageName(row.original.explainedIn),
      },
      {
        id: 'status',
        header: t('consent.status'),
        cell: ({ row }) => {
          const s = statusOf(row.original);
          return (
            <Stack gap={2}>
              <Badge
                color={s === 'active' ? 'teal' : 'gray'}
                variant={s === 'active' ? 'filled' : 'light'}
              >
                {t(`consent.${s}`)}
              </Badge>
              {row.original.withdrawalReason ? (
                <Text size="xs" c="dimmed">
                  {row.original.withdrawalReason}
                </Text>
              ) : null}
            </Stack>
          );
        },
      },
      {
        id: 'actions',
        header: t('common.actions'),
        cell: ({ row }) =>
          mayWrite && row.original.isGranted && !row.original.withdrawnAt ? (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={() => setWithdrawing(row.original)}
              data-testid="consent-withdraw"
            >
              {t('consent.withdraw')}
            </Button>
          ) : null,
      },
    ],
    [t, agencies.data, countryLabel, mayWrite],
  );

  return (
    <Stack data-testid="CaseConsentPanel">
      <Group justify="space-between">
        <Title order={3}>{t('consent.title')}</Title>
        {mayWrite ? (
          <Button onClick={() => setRecording(true)} data-testid="consent-record">
            {t('consent.record')}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={ledger.error} />
      {ledger.data && ledger.data.length === 0 ? (
        <Text c="dimmed">{t('consent.empty')}</Text>
      ) : (
        <DataTable
          label={t('consent.title')}
          columns={columns}
          rows={ledger.data ?? []}
          getRowId={(c) => c.id}
          loading={ledger.isPending}
        />
      )}
      <ConsentFormModal caseId={caseId} opened={recording} onClose={() => setRecording(false)} />
      <ConsentWithdrawModal
        caseId={caseId}
        consent={withdrawing}
        onClose={() => setWithdrawing(null)}
      />
    </Stack>
  );
}
