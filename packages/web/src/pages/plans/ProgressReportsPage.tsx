import { PROGRESS_REPORT_STATUSES, type ProgressReportStatus } from '@ctip/domain';
import { Button, Group, Loader, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { useCan } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { progressApi, progressKeys } from '../../components/plans/progress/api';
import { ReportTable } from '../../components/plans/progress/ReportTable';
import { errorText } from '../../i18n/errors';

function StartDialog({ opened, onClose }: { opened: boolean; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const workplans = useQuery({
    queryKey: progressKeys.workplans,
    queryFn: progressApi.workplans,
    enabled: opened,
  });
  const [workplanId, setWorkplanId] = useState<string | null>(null);
  const [period, setPeriod] = useState('');
  const [errors, setErrors] = useState<{ workplanId?: string; period?: string; other?: string }>(
    {},
  );
  const [busy, setBusy] = useState(false);
  const chosen = workplans.data?.items.find((w) => w.id === workplanId);
  const start = async () => {
    if (!workplanId) {
      setErrors({ workplanId: t('validation.required') });
      return;
    }
    const p = period.trim() || String(chosen?.year ?? '');
    setBusy(true);
    try {
      const r = await progressApi.create({ workplanId, period: p });
      onClose();
      navigate(`/plans/progress/${r.id}`);
    } catch (err) {
      if (isApiError(err) && err.code === 'CONFLICT' && typeof err.details?.id === 'string') {
        onClose();
        navigate(`/plans/progress/${err.details.id}`);
      } else if (isApiError(err) && err.field === 'period') {
        setErrors({ period: t('plansProgress.start.periodError', { year: chosen?.year }) });
      } else {
        setErrors({ other: errorText(t, err) });
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('plansProgress.start.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Select
          label={t('plansProgress.start.workplan')}
          required
          searchable
          data={(workplans.data?.items ?? []).map((w) => ({
            value: w.id,
            label: `${t(`plansProgress.country.${w.countryCode}`, { defaultValue: w.countryCode })} · ${w.year} · ${w.title ?? w.frameworkId}`,
          }))}
          value={workplanId}
          onChange={setWorkplanId}
          error={errors.workplanId}
        />
        <TextInput
          label={t('plansProgress.start.period')}
          description={t('plansProgress.start.periodHint')}
          placeholder={chosen ? String(chosen.year) : '2024'}
          value={period}
          onChange={(e) => setPeriod(e.currentTarget.value)}
          error={errors.period}
        />
        {errors.other ? (
          <Text c="red" size="sm" role="alert">
            {errors.other}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy} onClick={() => void start()} data-testid="start-report">
            {t('plansProgress.start.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The progress reports the user may read (a focal point: their country's), by workplan and period. */
export function ProgressReportsPage(): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const [status, setStatus] = useState<ProgressReportStatus | null>(null);
  const [year, setYear] = useState('');
  const [starting, setStarting] = useState(false);
  const q = {
    ...(status ? { status } : {}),
    ...(/^\d{4}$/.test(year) ? { year: Number(year) } : {}),
  };
  const query = useQuery({ queryKey: progressKeys.list(q), queryFn: () => progressApi.list(q) });
  return (
    <Stack>
      <PageHeader
        title={t('plansProgress.title')}
        description={t('plansProgress.description')}
        actions={
          <>
            {can('approve', 'plan') ? (
              <Button component={Link} to="/plans/review" variant="default">
                {t('plansProgress.queue.title')}
              </Button>
            ) : null}
            {can('create', 'plan') ? (
              <Button onClick={() => setStarting(true)}>{t('plansProgress.start.title')}</Button>
            ) : null}
          </>
        }
      />
      <Group>
        <Select
          label={t('plansProgress.col.status')}
          clearable
          data={PROGRESS_REPORT_STATUSES.map((s) => ({
            value: s,
            label: t(`plansProgress.status.${s}`),
          }))}
          value={status}
          onChange={(v) => setStatus(v as ProgressReportStatus | null)}
          w={180}
        />
        <TextInput
          label={t('plansProgress.col.year')}
          value={year}
          onChange={(e) => setYear(e.currentTarget.value)}
          w={120}
        />
      </Group>
      {query.isPending ? <Loader /> : null}
      <ErrorAlert error={query.error} />
      {query.data ? <ReportTable items={query.data} /> : null}
      <StartDialog opened={starting} onClose={() => setStarting(false)} />
    </Stack>
  );
}
