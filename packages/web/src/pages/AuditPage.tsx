import { AUDIT_ACTIONS, type AuditOutcome } from '@ctip/domain';
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { type FormEvent, type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { type AuditFilters, type AuditRow, auditApi } from '../api/endpoints';
import { useCan } from '../auth/session';
import { DataTable } from '../components/DataTable/DataTable';
import { DateText } from '../components/DateText/DateText';
import { ErrorAlert } from '../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../components/PageHeader/PageHeader';

const PAGE_SIZE = 50;
const OUTCOMES: readonly AuditOutcome[] = ['success', 'denied', 'failure'];
const OUTCOME_COLOR: Record<AuditOutcome, string> = {
  success: 'green',
  denied: 'orange',
  failure: 'red',
};

type FilterForm = {
  action: string | null;
  outcome: string | null;
  actorUserId: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
};

const EMPTY: FilterForm = {
  action: null,
  outcome: null,
  actorUserId: '',
  targetType: '',
  targetId: '',
  from: '',
  to: '',
};

/** The translation of an audit action (`auth.login` → `auditAction.auth_login`). */
export function auditActionLabel(t: TFunction, action: string): string {
  return t(`auditAction.${action.replace(/\./g, '_')}`, { defaultValue: action });
}

/** A local calendar day (yyyy-mm-dd) as the ISO instant it starts, optionally a day later. */
function dayStart(day: string, plusDays = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    return undefined;
  }
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

function toFilters(form: FilterForm): AuditFilters {
  const trimmed = (s: string): string | undefined => s.trim() || undefined;
  return {
    action: form.action ?? undefined,
    outcome: OUTCOMES.find((o) => o === form.outcome),
    actorUserId: trimmed(form.actorUserId),
    targetType: trimmed(form.targetType),
    targetId: trimmed(form.targetId),
    from: dayStart(form.from),
    // The API's upper bound is exclusive: "to 5 March" means before 6 March.
    to: dayStart(form.to, 1),
  };
}

/** The audit log: filters, a paged table and verification of the hash chain. */
export function AuditPage(): ReactElement {
  const { t } = useTranslation();
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);

  const events = useQuery({
    queryKey: ['audit', { ...filters, page }],
    queryFn: () => auditApi.list({ ...filters, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: auditApi.verify });
  const can = useCan();
  const exportHref = `/api/audit/export?${new URLSearchParams(
    Object.entries(filters).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
    ),
  ).toString()}`;

  const fieldError = (name: keyof FilterForm): string | undefined =>
    isApiError(events.error) && events.error.field === name ? t('validation.invalid') : undefined;

  function set<K extends keyof FilterForm>(key: K, value: FilterForm[K]): void {
    setForm((f) => ({ ...f, [key]: value }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setFilters(toFilters(form));
    setPage(1);
  }

  function handleReset(): void {
    setForm(EMPTY);
    setFilters({});
    setPage(1);
  }

  const actionOptions = AUDIT_ACTIONS.map((a) => ({ value: a, label: auditActionLabel(t, a) }));
  const outcomeOptions = OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }));

  const columns = useMemo<ColumnDef<AuditRow, unknown>[]>(
    () => [
      { id: 'seq', header: t('audit.seq'), accessorKey: 'seq' },
      {
        id: 'time',
        header: t('audit.time'),
        cell: ({ row }) => <DateText value={row.original.occurredAt} withTime />,
      },
      {
        id: 'actor',
        header: t('audit.actor'),
        cell: ({ row }) => row.original.actorUsername ?? row.original.actorUserId ?? '',
      },
      {
        id: 'action',
        header: t('audit.action'),
        cell: ({ row }) => auditActionLabel(t, row.original.action),
      },
      {
        id: 'outcome',
        header: t('audit.outcome'),
        cell: ({ row }) => (
          <Badge color={OUTCOME_COLOR[row.original.outcome] ?? 'gray'} variant="light">
            {t(`outcome.${row.original.outcome}`)}
          </Badge>
        ),
      },
      {
        id: 'target',
        header: t('audit.target'),
        cell: ({ row }) =>
          row.original.targetType
            ? `${row.original.targetType}${row.original.targetId ? `: ${row.original.targetId}` : ''}`
            : '',
      },
      {
        id: 'requestId',
        header: t('audit.requestId'),
        cell: ({ row }) => (row.original.requestId ? <Code>{row.original.requestId}</Code> : null),
      },
    ],
    [t],
  );

  return (
    <Stack>
      <PageHeader
        title={t('nav.audit')}
        description={t('audit.description')}
        actions={
          <Group>
            {can('export', 'audit') ? (
              <Button
                component="a"
                variant="default"
                href={exportHref}
                download
                data-testid="audit-export"
              >
                {t('audit.export')}
              </Button>
            ) : null}
            <Button
              variant="light"
              onClick={() => verify.mutate()}
              loading={verify.isPending}
              data-testid="audit-verify"
            >
              {t('audit.verify')}
            </Button>
          </Group>
        }
      />
      {verify.data ? (
        verify.data.ok ? (
          <Alert color="green" role="status" data-testid="audit-verify-result">
            {t('audit.verifyOk', { checked: verify.data.checked })}
          </Alert>
        ) : (
          <Alert color="red" role="alert" data-testid="audit-verify-result">
            <Text>
              {t('audit.verifyBroken', {
                checked: verify.data.checked,
                seq: verify.data.firstBrokenSeq ?? '?',
              })}
            </Text>
            {verify.data.reason ? <Code>{verify.data.reason}</Code> : null}
          </Alert>
        )
      ) : null}
      <ErrorAlert error={verify.error} />
      <form onSubmit={handleSubmit} aria-label={t('audit.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <Select
            label={t('audit.action')}
            placeholder={t('common.all')}
            data={actionOptions}
            searchable
            clearable
            value={form.action}
            onChange={(v) => set('action', v)}
            error={fieldError('action')}
          />
          <Select
            label={t('audit.outcome')}
            placeholder={t('common.all')}
            data={outcomeOptions}
            clearable
            value={form.outcome}
            onChange={(v) => set('outcome', v)}
            error={fieldError('outcome')}
          />
          <TextInput
            label={t('audit.actorUserId')}
            value={form.actorUserId}
            onChange={(e) => set('actorUserId', e.currentTarget.value)}
            error={fieldError('actorUserId')}
          />
          <TextInput
            label={t('audit.targetType')}
            value={form.targetType}
            onChange={(e) => set('targetType', e.currentTarget.value)}
            error={fieldError('targetType')}
          />
          <TextInput
            label={t('audit.targetId')}
            value={form.targetId}
            onChange={(e) => set('targetId', e.currentTarget.value)}
            error={fieldError('targetId')}
          />
          <TextInput
            type="date"
            label={t('audit.from')}
            value={form.from}
            onChange={(e) => set('from', e.currentTarget.value)}
            error={fieldError('from')}
          />
          <TextInput
            type="date"
            label={t('audit.to')}
            value={form.to}
            onChange={(e) => set('to', e.currentTarget.value)}
            error={fieldError('to')}
          />
          <Group align="flex-end">
            <Button type="submit" data-testid="audit-apply">
              {t('common.apply')}
            </Button>
            <Button variant="default" onClick={handleReset}>
              {t('common.reset')}
            </Button>
          </Group>
        </SimpleGrid>
      </form>
      {isApiError(events.error) && events.error.field ? null : <ErrorAlert error={events.error} />}
      <DataTable
        label={t('nav.audit')}
        columns={columns}
        rows={events.data?.items ?? []}
        getRowId={(e) => String(e.seq)}
        loading={events.isFetching}
        paging={{
          page,
          pageSize: PAGE_SIZE,
          total: events.data?.total ?? 0,
          onPageChange: setPage,
        }}
        data-testid="audit-table"
      />
    </Stack>
  );
}
