import type { ReportRunView, ReportView } from '@ctip/domain';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Progress,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useCan } from '../../auth/session';
import { DateText } from '../../components/DateText/DateText';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { isRunActive, reportApi, reportKeys } from '../../components/plans/report/report.api';
import { errorText } from '../../i18n/errors';

/** The progress bar of a run under way, polling it every second until it ends. */
function RunProgress({
  report,
  run,
  onEnded,
}: {
  report: ReportView;
  run: ReportRunView;
  onEnded: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const poll = useQuery({
    queryKey: reportKeys.run(report.id, run.id),
    queryFn: () => reportApi.run(report.id, run.id),
    initialData: run,
    refetchInterval: (q) => (isRunActive(q.state.data) ? 1000 : false),
  });
  const current = poll.data ?? run;
  const active = isRunActive(current);
  useEffect(() => {
    if (!active) {
      onEnded();
    }
  }, [active, onEnded]);
  return (
    <Stack gap={4} data-testid="run-progress">
      <Progress
        value={current.progress}
        animated={active}
        aria-label={t('plansReport.run.progressLabel')}
      />
      <Text size="sm">
        {t('plansReport.run.progressText', {
          progress: current.progress,
          stage: t(`plansReport.stage.${current.stage ?? 'queued'}`, {
            defaultValue: current.stage ?? '',
          }),
        })}
      </Text>
    </Stack>
  );
}

/** Downloads and preview of a finished run. */
function RunOutputs({ report, run }: { report: ReportView; run: ReportRunView }): ReactElement {
  const { t } = useTranslation();
  return (
    <Stack data-testid="run-outputs">
      <Group>
        <Button component="a" href={reportApi.outputUrl(report.id, run.id, 'pdf')} target="_blank">
          {t('plansReport.run.pdf')}
        </Button>
        <Button
          component="a"
          variant="default"
          href={reportApi.outputUrl(report.id, run.id, 'xlsx')}
          download
        >
          {t('plansReport.run.xlsx')}
        </Button>
        <Anchor href={reportApi.outputUrl(report.id, run.id, 'html')} target="_blank">
          {t('plansReport.run.html')}
        </Anchor>
        {run.pageCount ? (
          <Text size="sm" c="dimmed">
            {t('plansReport.run.pages', { n: run.pageCount })}
          </Text>
        ) : null}
      </Group>
      <iframe
        title={t('plansReport.run.preview')}
        src={reportApi.outputUrl(report.id, run.id, 'html')}
        style={{ width: '100%', height: '70vh', border: '1px solid var(--mantine-color-gray-4)' }}
        sandbox="allow-same-origin"
      />
    </Stack>
  );
}

/** Edit the introduction and conclusion of a Draft (version-locked). */
function TextsEditor({ report }: { report: ReportView }): ReactElement {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [introduction, setIntroduction] = useState(report.introduction ?? '');
  const [conclusion, setConclusion] = useState(report.conclusion ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const locked = report.status === 'Final';
  const save = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const next = await reportApi.update(report.id, {
        version: report.version,
        introduction: introduction.trim() || null,
        conclusion: conclusion.trim() || null,
      });
      qc.setQueryData(reportKeys.one(report.id), next);
      setMessage(t('plansReport.saved'));
    } catch (err) {
      setMessage(
        isApiError(err) && err.code === 'CONFLICT' ? t('plansReport.conflict') : errorText(t, err),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <Textarea
        label={t('plansReport.builder.introduction')}
        rows={4}
        value={introduction}
        onChange={(e) => setIntroduction(e.currentTarget.value)}
        readOnly={locked}
      />
      <Textarea
        label={t('plansReport.builder.conclusion')}
        rows={4}
        value={conclusion}
        onChange={(e) => setConclusion(e.currentTarget.value)}
        readOnly={locked}
      />
      {!locked ? (
        <Group>
          <Button variant="default" loading={busy} onClick={() => void save()}>
            {t('plansReport.save')}
          </Button>
          {message ? (
            <Text size="sm" role="status">
              {message}
            </Text>
          ) : null}
        </Group>
      ) : null}
    </Stack>
  );
}

/** One monitoring report: generate with a progress bar, preview, download, finalise, reopen. */
export function ReportPage(): ReactElement {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const qc = useQueryClient();
  const report = useQuery({ queryKey: reportKeys.one(id), queryFn: () => reportApi.get(id) });
  const runs = useQuery({ queryKey: reportKeys.runs(id), queryFn: () => reportApi.runs(id) });
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [confirmFinal, setConfirmFinal] = useState(false);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: reportKeys.one(id) });
    void qc.invalidateQueries({ queryKey: reportKeys.runs(id) });
  };
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setActionError(null);
    try {
      await fn();
      refresh();
      return true;
    } catch (err) {
      setActionError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (report.isPending) {
    return <Loader />;
  }
  if (!report.data) {
    return <ErrorAlert error={report.error} />;
  }
  const r = report.data;
  const latest = r.latestRun;
  const active = isRunActive(latest);
  const done = runs.data?.find((x) => x.status === 'Done') ?? null;
  const locked = r.status === 'Final';

  return (
    <Stack>
      <Anchor component={Link} to="/plans/reports" size="sm">
        {t('plansReport.backToList')}
      </Anchor>
      <PageHeader
        title={r.title}
        description={
          r.kind === 'Annual'
            ? t('plansReport.annualOf', { framework: r.frameworkId, year: r.year })
            : t('plansReport.finalOf', { framework: r.frameworkId })
        }
        actions={
          <>
            <Badge color={locked ? 'green' : 'gray'} size="lg" variant="light">
              {t(`plansReport.status.${r.status}`)}
            </Badge>
            {!locked && can('update', 'plan') ? (
              <Button
                loading={busy}
                disabled={active}
                onClick={() => void act(() => reportApi.start(r.id))}
                data-testid="report-generate"
              >
                {t('plansReport.run.generate')}
              </Button>
            ) : null}
            {!locked && can('approve', 'plan') ? (
              <Button
                variant="default"
                disabled={active || latest?.status !== 'Done'}
                onClick={() => setConfirmFinal(true)}
                data-testid="report-finalise"
              >
                {t('plansReport.finalise')}
              </Button>
            ) : null}
            {locked && can('approve', 'plan') ? (
              <Button
                variant="default"
                onClick={() => setReopening(true)}
                data-testid="report-reopen"
              >
                {t('plansReport.reopen')}
              </Button>
            ) : null}
          </>
        }
      />
      {locked ? (
        <Alert color="green" title={t('plansReport.lockedTitle')} data-testid="report-locked">
          {t('plansReport.lockedMessage')} <DateText value={r.finalisedAt} withTime />
        </Alert>
      ) : null}
      <Text size="sm">
        {t('plansReport.countriesLine', {
          countries: r.countries
            .map((c) => t(`plansReport.country.${c}`, { defaultValue: c }))
            .join(', '),
        })}
        {r.secondLanguage
          ? ` · ${t('plansReport.languageLine', { language: t(`plansReport.language.${r.secondLanguage}`) })}`
          : ''}
      </Text>
      {actionError ? (
        <Alert color="red" role="alert">
          {isApiError(actionError) && actionError.code === 'CONFLICT'
            ? t('plansReport.conflict')
            : errorText(t, actionError)}
        </Alert>
      ) : null}
      {latest && active ? <RunProgress report={r} run={latest} onEnded={refresh} /> : null}
      {latest?.status === 'Failed' ? (
        <Alert color="red" data-testid="run-failed">
          {t('plansReport.run.failed', { reason: latest.failure ?? '' })}
        </Alert>
      ) : null}
      {done ? <RunOutputs report={r} run={done} /> : null}
      {!latest ? <Text c="dimmed">{t('plansReport.run.none')}</Text> : null}

      <Title order={2} size="h4">
        {t('plansReport.textsTitle')}
      </Title>
      <TextsEditor key={`${r.id}-${r.version}`} report={r} />

      {runs.data && runs.data.length > 0 ? (
        <>
          <Title order={2} size="h4">
            {t('plansReport.run.history')}
          </Title>
          <Table data-testid="runs-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plansReport.run.started')}</Table.Th>
                <Table.Th>{t('plansReport.col.status')}</Table.Th>
                <Table.Th>{t('plansReport.run.pagesCol')}</Table.Th>
                <Table.Th>{t('plansReport.run.finished')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data.map((run) => (
                <Table.Tr key={run.id}>
                  <Table.Td>
                    <DateText value={run.createdAt} withTime />
                  </Table.Td>
                  <Table.Td>{t(`plansReport.runStatus.${run.status}`)}</Table.Td>
                  <Table.Td>{run.pageCount ?? ''}</Table.Td>
                  <Table.Td>
                    <DateText value={run.finishedAt} withTime />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}

      <Modal
        opened={confirmFinal}
        onClose={() => setConfirmFinal(false)}
        title={t('plansReport.finalise')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text>{t('plansReport.finaliseConfirm')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmFinal(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              loading={busy}
              data-testid="finalise-confirm"
              onClick={() =>
                void act(() => reportApi.finalise(r.id, r.version)).then(() =>
                  setConfirmFinal(false),
                )
              }
            >
              {t('plansReport.finalise')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        opened={reopening}
        onClose={() => setReopening(false)}
        title={t('plansReport.reopen')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Textarea
            label={t('plansReport.reopenReason')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={reasonError}
            data-testid="reopen-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setReopening(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              loading={busy}
              data-testid="reopen-confirm"
              onClick={() => {
                if (reason.trim().length < 3) {
                  setReasonError(t('plansReport.reopenReasonRequired'));
                  return;
                }
                setReasonError(null);
                void act(() => reportApi.reopen(r.id, r.version, reason.trim())).then((ok) => {
                  if (ok) {
                    setReopening(false);
                    setReason('');
                  }
                });
              }}
            >
              {t('plansReport.reopen')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
