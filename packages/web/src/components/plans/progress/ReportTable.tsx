import type { ProgressReportSummary } from '@ctip/domain';
import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCalendar } from '../../../auth/session';
import { DateText } from '../../DateText/DateText';
import { periodLabel, REPORT_STATUS_COLORS } from './api';

/** Progress reports as a table: country, workplan, period, status, progress, dates. */
export function ReportTable({
  items,
  showSubmitted = false,
}: {
  items: ProgressReportSummary[];
  showSubmitted?: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const calendar = useCalendar();
  if (items.length === 0) {
    return <Text c="dimmed">{t('common.noResults')}</Text>;
  }
  return (
    <Table striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('plansProgress.col.country')}</Table.Th>
          <Table.Th>{t('plansProgress.col.workplan')}</Table.Th>
          <Table.Th>{t('plansProgress.col.period')}</Table.Th>
          <Table.Th>{t('plansProgress.col.status')}</Table.Th>
          <Table.Th>{t('plansProgress.col.completed')}</Table.Th>
          <Table.Th>
            {showSubmitted ? t('plansProgress.col.submitted') : t('plansProgress.col.updated')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((r) => (
          <Table.Tr key={r.id} data-testid={`report-row-${r.id}`}>
            <Table.Td>
              {t(`plansProgress.country.${r.countryCode}`, { defaultValue: r.countryCode })}
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/plans/progress/${r.id}`}>
                {r.workplanTitle ?? `${r.frameworkId} ${r.year}`}
              </Anchor>{' '}
              {r.isDemo ? (
                <Badge size="xs" color="grape">
                  {t('plansProgress.demo')}
                </Badge>
              ) : null}
            </Table.Td>
            <Table.Td>{periodLabel(r.period, calendar)}</Table.Td>
            <Table.Td>
              <Badge color={REPORT_STATUS_COLORS[r.status]}>
                {t(`plansProgress.status.${r.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              {r.completedCount} / {r.entryCount}
            </Table.Td>
            <Table.Td>
              <DateText value={showSubmitted ? r.submittedAt : r.updatedAt} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
