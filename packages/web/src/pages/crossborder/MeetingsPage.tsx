import {
  MEETING_STATUSES,
  MEETING_TYPES,
  type MeetingListItem,
  type MeetingScheduleItem,
  type MeetingStatus,
  type MeetingType,
} from '@ctip/domain';
import { Anchor, Badge, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCountries, useCountryLabel } from '../../api/queries';
import { useCan } from '../../auth/session';
import { DueBadge } from '../../components/crossborder/meeting/DueBadge';
import {
  MeetingFormModal,
  type MeetingPreset,
} from '../../components/crossborder/meeting/MeetingFormModal';
import { meetingsApi } from '../../components/crossborder/meeting/meetings.api';
import { DataTable } from '../../components/DataTable/DataTable';
import { DateText } from '../../components/DateText/DateText';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';

const STATUS_COLOR: Record<MeetingStatus, string> = {
  Planned: 'blue',
  Held: 'green',
  Cancelled: 'gray',
};

/** Meetings: the schedule per country pair (next due, overdue highlighted), the list, planning. */
export function MeetingsPage(): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const countries = useCountries();
  const countryLabel = useCountryLabel();
  const [country, setCountry] = useState<string | null>(null);
  const [type, setType] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [planning, setPlanning] = useState<MeetingPreset | null | undefined>(undefined);
  const schedule = useQuery({ queryKey: ['meetings', 'schedule'], queryFn: meetingsApi.schedule });
  const filters = {
    country: country ?? undefined,
    type: (type ?? undefined) as MeetingType | undefined,
    status: (status ?? undefined) as MeetingStatus | undefined,
    from: from || undefined,
    to: to || undefined,
  };
  const list = useQuery({
    queryKey: ['meetings', 'list', filters],
    queryFn: () => meetingsApi.list(filters),
    placeholderData: keepPreviousData,
  });

  const scheduleColumns = useMemo<ColumnDef<MeetingScheduleItem, unknown>[]>(
    () => [
      {
        id: 'pair',
        header: t('meetings.schedule.pair'),
        cell: ({ row }) => (
          <Stack gap={0}>
            <Text size="sm" fw={500}>
              {row.original.countries.map((c) => countryLabel(c)).join(' – ')}
            </Text>
            <Text size="xs" c="dimmed">
              {row.original.agreementCode}
            </Text>
          </Stack>
        ),
      },
      {
        id: 'rhythm',
        header: t('meetings.schedule.rhythm'),
        cell: ({ row }) =>
          row.original.rhythm.reviewEveryMonths
            ? t('meetings.schedule.rhythmWithReview', {
                months: row.original.rhythm.cadenceMonths,
                review: row.original.rhythm.reviewEveryMonths,
              })
            : t('meetings.schedule.rhythmEvery', { months: row.original.rhythm.cadenceMonths }),
      },
      {
        id: 'last',
        header: t('meetings.schedule.lastMeeting'),
        cell: ({ row }) => <DateText value={row.original.lastMeetingOn} empty="—" />,
      },
      {
        id: 'next',
        header: t('meetings.schedule.nextDue'),
        cell: ({ row }) => (
          <DueBadge dueOn={row.original.meetingDueOn} state={row.original.meetingState} />
        ),
      },
      {
        id: 'review',
        header: t('meetings.schedule.reviewDue'),
        cell: ({ row }) => (
          <DueBadge dueOn={row.original.reviewDueOn} state={row.original.reviewState} />
        ),
      },
      {
        id: 'planned',
        header: t('meetings.schedule.planned'),
        cell: ({ row }) =>
          row.original.nextPlanned ? (
            <Anchor component={Link} to={`/cross-border/meetings/${row.original.nextPlanned.id}`}>
              <DateText
                value={row.original.nextPlanned.scheduledOn}
                empty={row.original.nextPlanned.title}
              />
            </Anchor>
          ) : can('create', 'meeting', { countryCode: row.original.countries[0] }) ||
            can('create', 'meeting', { countryCode: row.original.countries[1] }) ? (
            <Button
              size="xs"
              variant="light"
              onClick={() =>
                setPlanning({
                  countries: row.original.countries,
                  agreementId: row.original.agreementId,
                })
              }
            >
              {t('meetings.plan')}
            </Button>
          ) : (
            '—'
          ),
      },
    ],
    [t, can, countryLabel],
  );

  const columns = useMemo<ColumnDef<MeetingListItem, unknown>[]>(
    () => [
      {
        id: 'date',
        header: t('meetings.field.date'),
        cell: ({ row }) =>
          row.original.heldOn || row.original.scheduledOn ? (
            <DateText value={row.original.heldOn ?? row.original.scheduledOn} />
          ) : (
            <Text size="sm" c="dimmed">
              {row.original.dateNote ?? '—'}
            </Text>
          ),
      },
      {
        id: 'title',
        header: t('meetings.field.title'),
        cell: ({ row }) => (
          <Anchor component={Link} to={`/cross-border/meetings/${row.original.id}`}>
            {row.original.title}
          </Anchor>
        ),
      },
      {
        id: 'type',
        header: t('meetings.field.type'),
        cell: ({ row }) => t(`meetings.type.${row.original.type}`),
      },
      {
        id: 'countries',
        header: t('meetings.field.countries'),
        cell: ({ row }) => row.original.countries.join(', '),
      },
      {
        id: 'status',
        header: t('meetings.field.status'),
        cell: ({ row }) => (
          <Group gap={4}>
            <Badge color={STATUS_COLOR[row.original.status]} variant="light">
              {t(`meetings.status.${row.original.status}`)}
            </Badge>
            {row.original.statusNote && row.original.isSeeded ? (
              <Text size="xs" c="dimmed">
                {row.original.statusNote}
              </Text>
            ) : null}
          </Group>
        ),
      },
      {
        id: 'actions',
        header: t('meetings.actions.title'),
        cell: ({ row }) =>
          row.original.overdueActions > 0 ? (
            <Badge color="red">
              {t('meetings.actions.overdueCount', { count: row.original.overdueActions })}
            </Badge>
          ) : row.original.openActions > 0 ? (
            t('meetings.actions.openCount', { count: row.original.openActions })
          ) : (
            '—'
          ),
      },
    ],
    [t],
  );

  const commitOptions = (countries.data ?? [])
    .filter((c) => c.isCommit)
    .map((c) => ({ value: c.code, label: countryLabel(c.code) }));

  return (
    <Stack data-testid="MeetingsPage">
      <PageHeader
        title={t('meetings.title')}
        description={t('meetings.description')}
        actions={
          can('create', 'meeting') ? (
            <Button onClick={() => setPlanning(null)} data-testid="meeting-plan">
              {t('meetings.plan')}
            </Button>
          ) : null
        }
      />
      <Title order={2} size="h4">
        {t('meetings.schedule.title')}
      </Title>
      <ErrorAlert error={schedule.error} />
      {schedule.data && schedule.data.length === 0 ? (
        <Text c="dimmed">{t('meetings.schedule.none')}</Text>
      ) : (
        <DataTable
          label={t('meetings.schedule.title')}
          columns={scheduleColumns}
          rows={schedule.data ?? []}
          getRowId={(s) => s.agreementId}
          loading={schedule.isFetching}
          data-testid="meeting-schedule"
        />
      )}
      <Title order={2} size="h4">
        {t('meetings.listTitle')}
      </Title>
      <Group align="flex-end">
        <Select
          label={t('meetings.field.country')}
          placeholder={t('common.all')}
          data={commitOptions}
          value={country}
          onChange={setCountry}
          clearable
        />
        <Select
          label={t('meetings.field.type')}
          placeholder={t('common.all')}
          data={MEETING_TYPES.map((v) => ({ value: v, label: t(`meetings.type.${v}`) }))}
          value={type}
          onChange={setType}
          clearable
        />
        <Select
          label={t('meetings.field.status')}
          placeholder={t('common.all')}
          data={MEETING_STATUSES.map((v) => ({ value: v, label: t(`meetings.status.${v}`) }))}
          value={status}
          onChange={setStatus}
          clearable
        />
        <TextInput
          type="date"
          label={t('meetings.field.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('meetings.field.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      <ErrorAlert error={list.error} />
      {list.data && list.data.length === 0 ? (
        <Text c="dimmed">{t('common.noResults')}</Text>
      ) : (
        <DataTable
          label={t('meetings.listTitle')}
          columns={columns}
          rows={list.data ?? []}
          getRowId={(m) => m.id}
          loading={list.isFetching}
          data-testid="meeting-table"
        />
      )}
      <MeetingFormModal
        opened={planning !== undefined}
        preset={planning ?? null}
        onClose={() => setPlanning(undefined)}
      />
    </Stack>
  );
}
