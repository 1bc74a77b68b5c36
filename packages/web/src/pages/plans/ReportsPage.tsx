import type { ReportView } from '@ctip/domain';
import { Badge, Button, Loader, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../auth/session';
import { DateText } from '../../components/DateText/DateText';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { ReportBuilder } from '../../components/plans/report/ReportBuilder';
import { reportApi, reportKeys } from '../../components/plans/report/report.api';

/** The report's years as the list shows them: its year, or the whole period. */
function yearsOf(r: ReportView, t: (k: string) => string): string {
  return r.kind === 'Annual' ? String(r.year ?? '') : t('plansReport.kind.Final');
}

/** Monitoring reports the user may see (a focal point: their own country's), and the builder. */
export function ReportsPage(): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [building, setBuilding] = useState(false);
  const list = useQuery({ queryKey: reportKeys.list, queryFn: reportApi.list });
  const options = useQuery({
    queryKey: reportKeys.options,
    queryFn: reportApi.options,
    enabled: building,
  });
  return (
    <Stack>
      <PageHeader
        title={t('plansReport.title')}
        description={t('plansReport.description')}
        actions={
          can('create', 'plan') ? (
            <Button onClick={() => setBuilding(true)} data-testid="report-create">
              {t('plansReport.create')}
            </Button>
          ) : null
        }
      />
      {list.isPending ? <Loader /> : null}
      <ErrorAlert error={list.error} />
      {list.data && list.data.length === 0 ? (
        <Text c="dimmed">{t('plansReport.empty')}</Text>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <Table striped data-testid="reports-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plansReport.col.title')}</Table.Th>
              <Table.Th>{t('plansReport.col.framework')}</Table.Th>
              <Table.Th>{t('plansReport.col.years')}</Table.Th>
              <Table.Th>{t('plansReport.col.countries')}</Table.Th>
              <Table.Th>{t('plansReport.col.status')}</Table.Th>
              <Table.Th>{t('plansReport.col.lastRun')}</Table.Th>
              <Table.Th>{t('plansReport.col.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Link to={`/plans/reports/${r.id}`}>{r.title}</Link>
                </Table.Td>
                <Table.Td>{r.frameworkId}</Table.Td>
                <Table.Td>{yearsOf(r, t)}</Table.Td>
                <Table.Td>{r.countries.join(', ')}</Table.Td>
                <Table.Td>
                  <Badge color={r.status === 'Final' ? 'green' : 'gray'} variant="light">
                    {t(`plansReport.status.${r.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {r.latestRun ? t(`plansReport.runStatus.${r.latestRun.status}`) : '—'}
                </Table.Td>
                <Table.Td>
                  <DateText value={r.updatedAt} withTime />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {building ? (
        <ReportBuilder
          opened={building}
          options={options.data}
          onClose={() => setBuilding(false)}
          onCreated={(id) => {
            setBuilding(false);
            navigate(`/plans/reports/${id}`);
          }}
        />
      ) : null}
    </Stack>
  );
}
