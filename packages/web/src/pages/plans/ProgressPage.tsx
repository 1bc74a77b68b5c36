import type { ProgressReportView } from '@ctip/domain';
import { Alert, Badge, Button, Group, Loader, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCalendar, useCan } from '../../auth/session';
import { DateText } from '../../components/DateText/DateText';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import {
  periodLabel,
  progressApi,
  progressKeys,
  REPORT_STATUS_COLORS,
} from '../../components/plans/progress/api';
import {
  EntryEditor,
  type EntryEditorHandle,
  type SaveState,
} from '../../components/plans/progress/EntryEditor';
import { type ReviewAction, ReviewDialog } from '../../components/plans/progress/ReviewDialog';
import { errorText } from '../../i18n/errors';
import { notify } from '../../i18n/notify';

/** The overall save indicator from the entries' states. */
function overall(states: Record<string, SaveState>): SaveState {
  const all = Object.values(states);
  if (all.some((s) => s === 'conflict')) {
    return 'conflict';
  }
  if (all.some((s) => s === 'failed')) {
    return 'failed';
  }
  if (all.some((s) => s === 'saving')) {
    return 'saving';
  }
  if (all.some((s) => s === 'dirty')) {
    return 'dirty';
  }
  if (all.some((s) => s === 'saved')) {
    return 'saved';
  }
  return 'idle';
}

/**
 * A progress report: one editor per workplan activity, saved automatically after a pause (Ctrl+S
 * saves at once), submitted to the Secretariat; read-only with a lock banner once approved. The
 * Secretariat returns it with a comment, approves it (lock) or reopens it with a reason.
 */
export function ProgressPage(): ReactElement {
  const { t } = useTranslation();
  const { reportId = '' } = useParams();
  const can = useCan();
  const calendar = useCalendar();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: progressKeys.report(reportId),
    queryFn: () => progressApi.get(reportId),
    enabled: reportId !== '',
  });
  const [states, setStates] = useState<Record<string, SaveState>>({});
  const [review, setReview] = useState<ReviewAction | null>(null);
  const [comment, setComment] = useState('');
  const editors = useRef(new Map<string, EntryEditorHandle>());
  const statesRef = useRef<Record<string, SaveState>>({});
  const onStateChange = useCallback((id: string, s: SaveState) => {
    statesRef.current = { ...statesRef.current, [id]: s };
    setStates((prev) => (prev[id] === s ? prev : { ...prev, [id]: s }));
  }, []);
  const flushAll = useCallback(async () => {
    await Promise.all([...editors.current.values()].map((e) => e.flush()));
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void flushAll();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [flushAll]);

  const saveState = overall(states);
  useEffect(() => {
    if (saveState !== 'dirty' && saveState !== 'saving') {
      return;
    }
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [saveState]);

  if (query.isPending) {
    return <Loader />;
  }
  if (query.isError) {
    return <ErrorAlert error={query.error} />;
  }
  const report = query.data;
  const scope = { countryCode: report.countryCode };
  const canApprove = can('approve', 'plan', scope);
  const canUpdate = can('update', 'plan', scope);
  const canComment = report.status !== 'Approved' && (canApprove || canUpdate);
  const set = (r: ProgressReportView) => queryClient.setQueryData(progressKeys.report(r.id), r);

  const transition = async (action: 'submit' | ReviewAction, text = '') => {
    const body =
      action === 'reopen'
        ? { version: report.version, reason: text }
        : action === 'return' || (action === 'approve' && text)
          ? { version: report.version, comment: text }
          : { version: report.version };
    const r = await progressApi.transition(report.id, action, body);
    set(r);
    void queryClient.invalidateQueries({ queryKey: progressKeys.all });
    notify('success', t(`plansProgress.done.${action}`));
  };
  const submit = async () => {
    await flushAll();
    const after = overall(statesRef.current);
    if (after === 'conflict' || after === 'failed') {
      notify('error', t('plansProgress.fixBeforeSubmit'));
      return;
    }
    try {
      await transition('submit');
    } catch (err) {
      notify('error', errorText(t, err));
    }
  };
  const addComment = async () => {
    if (!comment.trim()) {
      return;
    }
    try {
      await progressApi.comment(report.id, { body: comment.trim() });
      setComment('');
      await queryClient.invalidateQueries({ queryKey: progressKeys.report(report.id) });
    } catch (err) {
      notify('error', errorText(t, err));
    }
  };
  const lastReturn = [...report.comments].reverse().find((c) => c.kind === 'Return');
  const reportComments = report.comments.filter((c) => c.entryId === null);

  return (
    <Stack>
      <PageHeader
        title={t('plansProgress.reportTitle', {
          country: t(`plansProgress.country.${report.countryCode}`, {
            defaultValue: report.countryCode,
          }),
          period: periodLabel(report.period, calendar),
        })}
        description={report.workplanTitle ?? undefined}
        actions={
          <>
            <Button component={Link} to="/plans/progress" variant="default">
              {t('plansProgress.backToList')}
            </Button>
            {report.editable ? (
              <Button onClick={() => void submit()} data-testid="submit-report">
                {t('plansProgress.submit')}
              </Button>
            ) : null}
            {canApprove && report.status === 'Submitted' ? (
              <>
                <Button color="orange" variant="light" onClick={() => setReview('return')}>
                  {t('plansProgress.review.return')}
                </Button>
                <Button
                  color="green"
                  onClick={() => setReview('approve')}
                  data-testid="approve-report"
                >
                  {t('plansProgress.review.approve')}
                </Button>
              </>
            ) : null}
            {canApprove && report.status === 'Approved' ? (
              <Button
                color="orange"
                variant="light"
                onClick={() => setReview('reopen')}
                data-testid="reopen-report"
              >
                {t('plansProgress.review.reopen')}
              </Button>
            ) : null}
          </>
        }
      />
      <Group gap="sm">
        <Badge color={REPORT_STATUS_COLORS[report.status]} data-testid="report-status">
          {t(`plansProgress.status.${report.status}`)}
        </Badge>
        {report.isDemo ? <Badge color="grape">{t('plansProgress.demo')}</Badge> : null}
        <Text size="sm" c="dimmed">
          {t('plansProgress.completedOf', {
            done: report.completedCount,
            total: report.entryCount,
          })}
        </Text>
        {report.editable ? (
          <Text
            size="sm"
            c={saveState === 'saved' || saveState === 'idle' ? 'green' : 'orange'}
            data-testid="overall-save-state"
            aria-live="polite"
          >
            {saveState === 'idle'
              ? t('plansProgress.saveState.idleHint')
              : t(`plansProgress.saveState.${saveState}`)}
          </Text>
        ) : null}
      </Group>
      {report.status === 'Approved' ? (
        <Alert color="green" title={t('plansProgress.lockedTitle')} data-testid="lock-banner">
          {t('plansProgress.lockedMessage')}
          {report.approvedAt ? (
            <>
              {' '}
              <DateText value={report.approvedAt} />
            </>
          ) : null}
        </Alert>
      ) : null}
      {report.status === 'Submitted' && !canApprove ? (
        <Alert color="blue">{t('plansProgress.submittedMessage')}</Alert>
      ) : null}
      {report.status === 'Returned' && lastReturn ? (
        <Alert color="orange" title={t('plansProgress.returnedTitle')}>
          {lastReturn.body}
        </Alert>
      ) : null}
      {report.entries.length === 0 ? <Text c="dimmed">{t('plansProgress.noEntries')}</Text> : null}
      {report.entries.map((entry) => (
        <EntryEditor
          key={`${entry.id}:${report.status}`}
          reportId={report.id}
          entry={entry}
          editable={report.editable}
          currency={report.currency}
          usdRate={report.usdRate}
          narrativeLanguage={report.narrativeLanguage}
          comments={report.comments.filter((c) => c.entryId === entry.id)}
          canComment={canComment}
          onStateChange={onStateChange}
          handle={(h) => {
            if (h) {
              editors.current.set(entry.id, h);
            } else {
              editors.current.delete(entry.id);
            }
          }}
        />
      ))}
      <Stack gap="xs">
        <Title order={3}>{t('plansProgress.comments.title')}</Title>
        {reportComments.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('plansProgress.comments.none')}
          </Text>
        ) : null}
        {reportComments.map((c) => (
          <Group key={c.id} gap="xs" align="flex-start" data-testid="thread-item">
            <Badge variant="light">{t(`plansProgress.commentKind.${c.kind}`)}</Badge>
            <Text size="sm">
              <b>{c.authorName ?? t('plansProgress.comments.someone')}</b> (
              <DateText value={c.createdAt} withTime />){c.body ? `: ${c.body}` : ''}
            </Text>
          </Group>
        ))}
        {canComment ? (
          <Group align="flex-end">
            <Textarea
              aria-label={t('plansProgress.comments.add')}
              placeholder={t('plansProgress.comments.add')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              rows={2}
              style={{ flex: 1 }}
            />
            <Button variant="light" onClick={() => void addComment()}>
              {t('plansProgress.comments.send')}
            </Button>
          </Group>
        ) : null}
      </Stack>
      <ReviewDialog
        action={review}
        onClose={() => setReview(null)}
        onConfirm={(action, text) => transition(action, text)}
      />
    </Stack>
  );
}
