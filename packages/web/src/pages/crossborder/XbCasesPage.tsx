import { XB_CASE_STATUSES, type XbCaseStatus } from '@ctip/domain';
import { Badge, Checkbox, Group, Select, Stack, Tabs, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountries, useCountryLabel } from '../../api/queries';
import { useActor } from '../../auth/session';
import { xbApi, xbKeys } from '../../components/crossborder/xb/xb.api';
import { xbColumns } from '../../components/crossborder/xb/xb-columns';
import { DataTable } from '../../components/DataTable/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';

const PAGE_SIZE = 25;
type Direction = 'outgoing' | 'incoming';

/** Outgoing and incoming cross-border referrals, with status, overdue and delivery badges. */
export function XbCasesPage(): ReactElement {
  const { t } = useTranslation();
  const actor = useActor();
  const countries = useCountries();
  const countryLabel = useCountryLabel();
  const [direction, setDirection] = useState<Direction>('outgoing');
  const [status, setStatus] = useState<XbCaseStatus | null>(null);
  const [country, setCountry] = useState<string | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const params = {
    direction,
    status: status ?? undefined,
    country: country ?? undefined,
    overdue: overdue ? ('true' as const) : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: xbKeys.list(params),
    queryFn: () => xbApi.list(params),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo(() => xbColumns(t, countryLabel), [t, countryLabel]);
  const overdueCount = list.data?.items.filter((i) => i.overdueSteps > 0).length ?? 0;
  const pending = list.data?.items.reduce((n, i) => n + i.pendingMessages, 0) ?? 0;
  const countryOptions = (countries.data ?? [])
    .filter((c) => c.isCommit && c.code !== actor?.countryCode)
    .map((c) => ({ value: c.code, label: countryLabel(c.code) }));
  const reset = () => setPage(1);

  return (
    <Stack data-testid="XbCasesPage">
      <PageHeader title={t('xb.title')} description={t('xb.description')} />
      <Tabs
        value={direction}
        onChange={(v) => {
          setDirection((v as Direction) ?? 'outgoing');
          reset();
        }}
      >
        <Tabs.List>
          <Tabs.Tab value="outgoing">{t('xb.outgoing')}</Tabs.Tab>
          <Tabs.Tab value="incoming">{t('xb.incoming')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Group align="flex-end">
        <Select
          label={t('xb.col.status')}
          placeholder={t('xb.allStatuses')}
          data={XB_CASE_STATUSES.map((s) => ({ value: s, label: t(`xb.status.${s}`) }))}
          value={status}
          onChange={(v) => {
            setStatus(v as XbCaseStatus | null);
            reset();
          }}
          clearable
        />
        <Select
          label={t('xb.peerCountry')}
          placeholder={t('xb.allCountries')}
          data={countryOptions}
          value={country}
          onChange={(v) => {
            setCountry(v);
            reset();
          }}
          clearable
          searchable
        />
        <Checkbox
          label={t('xb.overdueOnly')}
          checked={overdue}
          onChange={(e) => {
            setOverdue(e.currentTarget.checked);
            reset();
          }}
          mb={8}
        />
        {overdueCount > 0 ? (
          <Badge color="red" size="lg" mb={6}>
            {t('xb.overdueCases', { count: overdueCount })}
          </Badge>
        ) : null}
        {pending > 0 ? (
          <Badge color="yellow" size="lg" mb={6} variant="dot">
            {t('xb.pendingMessages', { count: pending })}
          </Badge>
        ) : null}
      </Group>
      <ErrorAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? (
        <Text c="dimmed">{t('xb.empty')}</Text>
      ) : (
        <DataTable
          label={t(direction === 'outgoing' ? 'xb.outgoing' : 'xb.incoming')}
          columns={columns}
          rows={list.data?.items ?? []}
          getRowId={(r) => r.id}
          loading={list.isFetching}
          paging={
            list.data
              ? { page, pageSize: PAGE_SIZE, total: list.data.total, onPageChange: setPage }
              : undefined
          }
          data-testid="xb-list"
        />
      )}
    </Stack>
  );
}
