import { REFERRAL_STATUSES, type ReferralStatus } from '@ctip/domain';
import { Badge, Button, Checkbox, Group, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationsApi, type ReferralBox, referralsApi } from '../../api/referrals.api';
import { referralColumns } from '../../components/case/CaseReferralsPanel';
import { DataTable } from '../../components/DataTable/DataTable';
import { DateText } from '../../components/DateText/DateText';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';

const PAGE_SIZE = 50;

/** The referral inbox: incoming and outgoing referrals with their actions, overdue first in mind. */
export function ReferralInboxPage(): ReactElement {
  const { t } = useTranslation();
  const [box, setBox] = useState<ReferralBox>('incoming');
  const [status, setStatus] = useState<ReferralStatus | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['referrals', 'inbox', { box, status, overdue, page }],
    queryFn: () =>
      referralsApi.inbox({ box, status: status ?? undefined, overdue: overdue || undefined, page }),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo(() => referralColumns(t, false), [t]);
  const overdueCount = list.data?.items.filter((r) => r.isOverdue).length ?? 0;

  return (
    <Stack data-testid="ReferralInboxPage">
      <PageHeader
        title={t('referrals.inbox.title')}
        description={t('referrals.inbox.description')}
      />
      <Tabs
        value={box}
        onChange={(v) => {
          setBox((v as ReferralBox) ?? 'incoming');
          setPage(1);
        }}
      >
        <Tabs.List>
          <Tabs.Tab value="incoming">{t('referrals.inbox.incoming')}</Tabs.Tab>
          <Tabs.Tab value="outgoing">{t('referrals.inbox.outgoing')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Group align="flex-end">
        <Select
          label={t('referrals.statusLabel')}
          placeholder={t('referrals.inbox.allStatuses')}
          data={REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`referrals.status.${s}`) }))}
          value={status}
          onChange={(v) => {
            setStatus(v as ReferralStatus | null);
            setPage(1);
          }}
          clearable
        />
        <Checkbox
          label={t('referrals.inbox.overdueOnly')}
          checked={overdue}
          onChange={(e) => {
            setOverdue(e.currentTarget.checked);
            setPage(1);
          }}
          mb={8}
        />
        {overdueCount > 0 ? (
          <Badge color="red" size="lg" mb={6} data-testid="overdue-count">
            {t('referrals.inbox.overdueCount', { count: overdueCount })}
          </Badge>
        ) : null}
      </Group>
      <ErrorAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? (
        <Text c="dimmed">{t('referrals.empty')}</Text>
      ) : (
        <DataTable
          label={t(box === 'incoming' ? 'referrals.inbox.incoming' : 'referrals.inbox.outgoing')}
          columns={columns}
          rows={list.data?.items ?? []}
          getRowId={(r) => r.id}
          loading={list.isFetching}
          paging={
            list.data
              ? { page, pageSize: PAGE_SIZE, total: list.data.total, onPageChange: setPage }
              : undefined
          }
          data-testid="referral-inbox"
        />
      )}
      <NotificationsList />
    </Stack>
  );
}

/** The caller's notifications (referral offers, outcomes, consent withdrawn, overdue). */
function NotificationsList(): ReactElement | null {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const notes = useQuery({ queryKey: ['notifications'], queryFn: () => notificationsApi.list() });
  if (!notes.data || notes.data.items.length === 0) {
    return null;
  }
  return (
    <Stack gap="xs" mt="lg">
      <Title order={3}>
        {t('notifications.title')}{' '}
        {notes.data.unread > 0 ? <Badge>{notes.data.unread}</Badge> : null}
      </Title>
      {notes.data.items.map((n) => (
        <Group key={n.id} justify="space-between" wrap="nowrap">
          <Text size="sm" fw={n.readAt ? undefined : 700}>
            <DateText value={n.createdAt} withTime />{' '}
            {t(`notifications.kind.${n.kind}`, { caseCode: String(n.params.caseCode ?? '') })}
          </Text>
          {n.readAt ? null : (
            <Button
              size="xs"
              variant="subtle"
              onClick={async () => {
                await notificationsApi.markRead(n.id);
                await queryClient.invalidateQueries({ queryKey: ['notifications'] });
              }}
            >
              {t('notifications.markRead')}
            </Button>
          )}
        </Group>
      ))}
    </Stack>
  );
}
