import type { ImportJobView } from '@ctip/domain';
import { Alert, Group, Progress, ScrollArea, Stack, Table, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

/** Whether the job has stopped (written everything, or nothing). */
export function importJobIsFinished(job: ImportJobView | undefined): boolean {
  return job?.status === 'Done' || job?.status === 'Failed';
}

/**
 * A row problem in the user's language, by its code; the server's own words (which name the row,
 * option or element concerned) follow in small print.
 */
function ProblemText({ code, message }: { code: string; message: string }): ReactElement {
  const { t } = useTranslation();
  const text = /^[a-z_]+$/.test(code)
    ? t(`statisticsData.importError.${code}`, { defaultValue: '' })
    : '';
  if (!text) {
    return <>{message}</>;
  }
  return (
    <>
      {text}
      <Text size="xs" c="dimmed">
        {message}
      </Text>
    </>
  );
}

/**
 * An import's progress bar, then its result: values inserted / updated / unchanged, or the
 * row-level error report (row, column, field, problem), in which case nothing was written.
 */
export function ImportJobReport({ job }: { job: ImportJobView }): ReactElement {
  const { t } = useTranslation();
  const total = Math.max(job.progress.total, 1);
  const percent =
    job.status === 'Done' ? 100 : Math.min(100, Math.round((job.progress.processed / total) * 100));
  const isFinished = importJobIsFinished(job);
  return (
    <Stack gap="sm" data-testid="import-job">
      <Group justify="space-between">
        <Text>{t(`statisticsData.importStatus.${job.status}`)}</Text>
        <Text size="sm" c="dimmed" data-testid="import-progress-text">
          {t('statisticsData.import.progressOf', {
            processed: job.progress.processed,
            total: job.progress.total,
          })}
        </Text>
      </Group>
      <Progress
        value={percent}
        animated={!isFinished}
        color={job.status === 'Failed' ? 'red' : job.status === 'Done' ? 'green' : undefined}
        aria-label={t('statisticsData.import.progress')}
      />
      {job.status === 'Done' ? (
        <Alert color="green" data-testid="import-done" title={t('statisticsData.import.doneTitle')}>
          {t('statisticsData.import.doneCounts', {
            inserted: job.inserted,
            updated: job.updated,
            unchanged: job.unchanged,
          })}
        </Alert>
      ) : null}
      {job.status === 'Failed' ? (
        <Alert
          color="red"
          data-testid="import-failed"
          title={t('statisticsData.import.nothingWritten')}
        >
          {t('statisticsData.import.failedCount', { count: job.errorCount })}
        </Alert>
      ) : null}
      {job.errors.length > 0 ? (
        <>
          {job.errorCount > job.errors.length ? (
            <Text size="sm" c="dimmed">
              {t('statisticsData.import.errorsShown', {
                shown: job.errors.length,
                total: job.errorCount,
              })}
            </Text>
          ) : null}
          <ScrollArea.Autosize mah={420}>
            <Table
              striped
              aria-label={t('statisticsData.import.errors')}
              data-testid="import-errors"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('statisticsData.import.row')}</Table.Th>
                  <Table.Th>{t('statisticsData.import.column')}</Table.Th>
                  <Table.Th>{t('statisticsData.import.field')}</Table.Th>
                  <Table.Th>{t('statisticsData.import.problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {job.errors.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one row may have several errors of one field.
                  <Table.Tr key={i}>
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td>{e.column ? <code>{e.column}</code> : '—'}</Table.Td>
                    <Table.Td>
                      {t(`statisticsData.import.fieldName.${e.field}`, { defaultValue: e.field })}
                    </Table.Td>
                    <Table.Td>
                      <ProblemText code={e.code} message={e.message} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </>
      ) : null}
    </Stack>
  );
}
