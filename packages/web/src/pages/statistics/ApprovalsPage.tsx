import {
  COUNTRY_FISCAL_START_MONTH,
  MONTH_ABBREVIATIONS,
  type StatApprovalView,
  UnapprovalInputSchema,
} from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  UnstyledButton,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  type ApprovalKey,
  type StatDataSetView,
  statisticsDataApi,
} from '../../api/statistics-data.api';
import { useCalendar, useCan } from '../../auth/session';
import { ConfirmDialog } from '../../components/ConfirmDialog/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { displayYear, useStatLabels } from '../../components/statistics/entry/labels';
import { useStatCountries } from '../../components/statistics/entry/scope';
import { applyFieldError, errorText } from '../../i18n/errors';
import { notify } from '../../i18n/notify';
import { translated } from '../../i18n/resolver';

const YEARS_SHOWN = 6;
const ReasonSchema = UnapprovalInputSchema.pick({ reason: true });

/**
 * The periods of a data set that belong to the column of `year`: the year, the fiscal year that
 * ends in it (named by its end year), its quarters or its months.
 */
export function periodsInYear(
  periodType: string,
  year: number,
  fiscalStartMonth: number,
): string[] {
  switch (periodType) {
    case 'FinancialYear': {
      const start = fiscalStartMonth === 1 ? year : year - 1;
      return [`${start}${MONTH_ABBREVIATIONS[fiscalStartMonth - 1]}`];
    }
    case 'Quarterly':
      return [1, 2, 3, 4].map((q) => `${year}Q${q}`);
    case 'Monthly':
      return Array.from({ length: 12 }, (_, i) => `${year}${String(i + 1).padStart(2, '0')}`);
    default:
      return [String(year)];
  }
}

const STATUS_COLORS: Record<StatApprovalView['status'], string> = {
  Approved: 'green',
  Unapproved: 'orange',
  Open: 'gray',
};

type Target = ApprovalKey & { status: StatApprovalView['status']; elements: string[] };

function UnapproveDialog({
  target,
  onClose,
  onDone,
}: {
  target: Target | null;
  onClose: () => void;
  onDone: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const form = useForm<{ reason: string }>({
    resolver: translated(zodResolver(ReasonSchema)),
    defaultValues: { reason: '' },
  });
  useEffect(() => {
    if (target) {
      form.reset({ reason: '' });
    }
  }, [target, form]);
  const save = useMutation({
    mutationFn: (reason: string) => statisticsDataApi.unapprove({ ...(target as Target), reason }),
    onSuccess: () => {
      notify('success', t('statisticsData.approvals.unapproved'));
      onDone();
      onClose();
    },
    onError: (err) => {
      if (!applyFieldError(t, err, form.setError, ['reason'])) {
        notify('error', errorText(t, err));
      }
    },
  });
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={t('statisticsData.approvals.unapproveTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {target ? (
        <form onSubmit={form.handleSubmit((v) => save.mutate(v.reason))} noValidate>
          <Text size="sm" mb="sm">
            {t('statisticsData.approvals.unapproveMessage', {
              dataSet: labels.dataSet(target.dataSet),
              period: labels.period(target.period),
              country: labels.country(target.country),
            })}
          </Text>
          <Textarea
            label={t('statisticsData.approvals.reason')}
            required
            rows={3}
            data-autofocus
            {...form.register('reason')}
            error={form.formState.errors.reason?.message}
          />
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color="orange"
              loading={save.isPending}
              data-testid="unapprove-submit"
            >
              {t('statisticsData.approvals.unapprove')}
            </Button>
          </Group>
        </form>
      ) : null}
    </Modal>
  );
}

/**
 * /statistics/approvals: for a country, the data sets × periods with their approval status. A
 * focal point approves a data set for a period (after seeing how many validation findings are still
 * open) and withdraws an approval with a reason; approved data is locked and published.
 */
export function ApprovalsPage(): ReactElement {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const calendar = useCalendar();
  const can = useCan();
  const queryClient = useQueryClient();
  const countries = useStatCountries('read');
  const thisYear = new Date().getUTCFullYear();
  const [chosenCountry, setCountry] = useState<string | null>(null);
  const country = chosenCountry ?? countries[0] ?? null;
  const [lastYear, setLastYear] = useState(thisYear);
  const [approving, setApproving] = useState<Target | null>(null);
  const [unapproving, setUnapproving] = useState<Target | null>(null);
  const canApprove = country !== null && can('approve', 'statistic', { countryCode: country });

  const dataSets = useQuery({
    queryKey: ['stat-data-sets'],
    queryFn: statisticsDataApi.dataSets,
    staleTime: 5 * 60_000,
  });
  const settings = useQuery({
    queryKey: ['stat-settings'],
    queryFn: statisticsDataApi.settings,
    staleTime: 5 * 60_000,
    retry: false,
  });
  const approvals = useQuery({
    queryKey: ['stat-approvals', country],
    queryFn: () => statisticsDataApi.approvals({ country: country as string }),
    enabled: country !== null,
  });
  const openFindings = useQuery({
    queryKey: ['stat-violations', 'approval', approving?.country, approving?.period],
    queryFn: () =>
      statisticsDataApi.violations({
        status: 'Open',
        country: approving?.country,
        period: approving?.period,
        limit: 500,
      }),
    enabled: approving !== null,
  });
  const openCount = approving
    ? (openFindings.data?.items.filter((v) => approving.elements.includes(v.dataElement)).length ??
      null)
    : null;

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['stat-approvals'] });
    void queryClient.invalidateQueries({ queryKey: ['stat-entry'] });
  };
  const approve = useMutation({
    mutationFn: (key: ApprovalKey) => statisticsDataApi.approve(key),
    onSuccess: () => {
      notify('success', t('statisticsData.approvals.approved'));
      refresh();
    },
    onError: (err) => notify('error', errorText(t, err)),
  });

  const byKey = new Map<string, StatApprovalView>();
  for (const a of approvals.data ?? []) {
    byKey.set(`${a.dataSet}|${a.period}`, a);
  }
  const fiscalStart =
    (country &&
      (settings.data?.fiscalStartMonths?.[country] ?? COUNTRY_FISCAL_START_MONTH[country])) ||
    1;
  const years = Array.from({ length: YEARS_SHOWN }, (_, i) => lastYear - YEARS_SHOWN + 1 + i);

  const cellButton = (ds: StatDataSetView, period: string) => {
    const a = byKey.get(`${ds.code}|${period}`);
    const status = a?.status ?? 'Open';
    const target: Target = {
      dataSet: ds.code,
      country: country as string,
      period,
      status,
      elements: ds.elements.map((e) => e.dataElement),
    };
    const label = `${labels.dataSet(ds.code, ds.name)}, ${labels.period(period)}: ${t(`statistics.approvals.state.${status}`)}`;
    const badge = (
      <Badge
        color={STATUS_COLORS[status]}
        variant={status === 'Approved' ? 'filled' : 'light'}
        size="sm"
      >
        {ds.periodType === 'Monthly' || ds.periodType === 'Quarterly'
          ? labels.periodShort(period)
          : t(`statistics.approvals.state.${status}`)}
      </Badge>
    );
    if (!canApprove) {
      return (
        <span
          key={period}
          title={label}
          data-testid={`approval-${ds.code}-${period}`}
          data-status={status}
        >
          {badge}
        </span>
      );
    }
    return (
      <UnstyledButton
        key={period}
        aria-label={label}
        title={label}
        data-testid={`approval-${ds.code}-${period}`}
        data-status={status}
        onClick={() => (status === 'Approved' ? setUnapproving(target) : setApproving(target))}
      >
        {badge}
      </UnstyledButton>
    );
  };

  return (
    <Stack>
      <PageHeader
        title={t('statisticsData.approvals.title')}
        description={t('statisticsData.approvals.description')}
      />
      <Group align="flex-end">
        <Select
          label={t('statisticsData.country')}
          data={countries.map((c) => ({ value: c, label: labels.country(c) }))}
          value={country}
          onChange={(v) => v && setCountry(v)}
          allowDeselect={false}
        />
        <Select
          label={t('statisticsData.approvals.lastYear')}
          data={Array.from({ length: 20 }, (_, i) => thisYear - i).map((y) => ({
            value: String(y),
            label: String(displayYear(y, calendar)),
          }))}
          value={String(lastYear)}
          onChange={(v) => v && setLastYear(Number(v))}
          allowDeselect={false}
        />
      </Group>
      {!canApprove && country ? (
        <Alert color="gray" data-testid="read-only">
          {t('statisticsData.approvals.readOnly')}
        </Alert>
      ) : null}
      <ErrorAlert error={dataSets.error ?? approvals.error} />
      {dataSets.data && country ? (
        <Table
          withTableBorder
          withColumnBorders
          data-testid="approval-matrix"
          aria-label={t('statisticsData.approvals.matrix')}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('statisticsData.dataSetLabel')}</Table.Th>
              {years.map((y) => (
                <Table.Th key={y} scope="col">
                  {displayYear(y, calendar)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {dataSets.data.map((ds) => (
              <Table.Tr key={ds.code}>
                <Table.Th scope="row">
                  {labels.dataSet(ds.code, ds.name)}
                  <Text size="xs" c="dimmed">
                    {t(`statistics.period.type.${ds.periodType}`, { defaultValue: ds.periodType })}
                  </Text>
                </Table.Th>
                {years.map((y) => (
                  <Table.Td key={y}>
                    <Group gap={4}>
                      {periodsInYear(ds.periodType, y, fiscalStart).map((p) => cellButton(ds, p))}
                    </Group>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <ConfirmDialog
        opened={approving !== null}
        title={t('statisticsData.approvals.approveTitle')}
        message={
          approving
            ? [
                t('statisticsData.approvals.approveMessage', {
                  dataSet: labels.dataSet(approving.dataSet),
                  period: labels.period(approving.period),
                  country: labels.country(approving.country),
                }),
                openCount === null
                  ? t('statisticsData.approvals.checkingFindings')
                  : openCount === 0
                    ? t('statisticsData.approvals.noOpenFindings')
                    : t('statisticsData.approvals.openFindings', { count: openCount }),
              ].join(' ')
            : ''
        }
        confirmLabel={t('statisticsData.approvals.approve')}
        danger={false}
        onClose={() => setApproving(null)}
        onConfirm={async () => {
          if (approving) {
            await approve.mutateAsync(approving).catch(() => undefined);
          }
        }}
      />
      <UnapproveDialog target={unapproving} onClose={() => setUnapproving(null)} onDone={refresh} />
    </Stack>
  );
}
