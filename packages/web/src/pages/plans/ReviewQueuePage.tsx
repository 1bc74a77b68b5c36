import { Loader, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { progressApi, progressKeys } from '../../components/plans/progress/api';
import { ReportTable } from '../../components/plans/progress/ReportTable';

/**
 * The Secretariat's review queue: submitted progress reports, oldest first. Opening one shows the
 * report with comment per entry, return with a comment, and approve (lock).
 */
export function ReviewQueuePage(): ReactElement {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: progressKeys.queue, queryFn: progressApi.queue });
  return (
    <Stack>
      <PageHeader
        title={t('plansProgress.queue.title')}
        description={t('plansProgress.queue.description')}
      />
      {query.isPending ? <Loader /> : null}
      <ErrorAlert error={query.error} />
      {query.data ? <ReportTable items={query.data} showSubmitted /> : null}
    </Stack>
  );
}
