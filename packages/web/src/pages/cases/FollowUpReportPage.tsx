import {
  Anchor,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { protectionApi } from '../../api/protection.api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { FollowUpChart } from '../../components/FollowUpChart/FollowUpChart';
import { PageHeader } from '../../components/PageHeader/PageHeader';

function Stat({
  label,
  value,
  testId,
}: {
  label: string;
  value: number;
  testId: string;
}): ReactElement {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

/**
 * Follow-up report (S001 targets 3.1–3.4): re-trafficked cases and former victims who became brokers
 * (case codes only), follow-ups due/done/overdue, average satisfaction per service type. Scoped by
 * the server to the cases the caller may read.
 */
export function FollowUpReportPage(): ReactElement {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const report = useQuery({
    queryKey: ['follow-up-report', period],
    queryFn: () => protectionApi.followUpReport(period.from, period.to),
  });
  const r = report.data;
  const satisfaction = r?.satisfaction ?? [];
  const categories = useMemo(
    () =>
      satisfaction.map((s) =>
        s.serviceType === 'Unspecified'
          ? t('followUp.report.unspecified')
          : t(`protection.supportType.${s.serviceType}`),
      ),
    [satisfaction, t],
  );
  const averages = useMemo(() => satisfaction.map((s) => s.average), [satisfaction]);

  return (
    <Stack data-testid="FollowUpReportPage">
      <PageHeader
        title={t('followUp.report.title')}
        description={t('followUp.report.description')}
      />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setPeriod({ from: from || undefined, to: to || undefined });
        }}
      >
        <Group align="flex-end">
          <TextInput
            type="date"
            label={t('followUp.report.from')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('followUp.report.to')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
          <Button type="submit">{t('common.apply')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setFrom('');
              setTo('');
              setPeriod({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={report.error} />
      {r ? (
        <>
          <SimpleGrid cols={{ base: 2, sm: 5 }}>
            <Stat
              label={t('followUp.report.retrafficked')}
              value={r.retrafficked.count}
              testId="stat-retrafficked"
            />
            <Stat
              label={t('followUp.report.becameBroker')}
              value={r.becameBroker.count}
              testId="stat-broker"
            />
            <Stat label={t('followUp.report.due')} value={r.followUps.due} testId="stat-due" />
            <Stat label={t('followUp.report.done')} value={r.followUps.done} testId="stat-done" />
            <Stat
              label={t('followUp.report.overdue')}
              value={r.followUps.overdue}
              testId="stat-overdue"
            />
          </SimpleGrid>
          <Card withBorder component="section" aria-labelledby="satisfaction-title">
            <Title order={2} size="h4" id="satisfaction-title" mb="xs">
              {t('followUp.report.satisfaction')}
            </Title>
            {satisfaction.length > 0 ? (
              <FollowUpChart
                label={t('followUp.report.satisfaction')}
                categories={categories}
                values={averages}
                max={5}
                data-testid="satisfaction-chart"
              />
            ) : (
              <Text c="dimmed">{t('followUp.report.noFeedback')}</Text>
            )}
            <Table aria-label={t('followUp.report.satisfaction')} data-testid="satisfaction-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('followUp.feedback.serviceType')}</Table.Th>
                  <Table.Th>{t('followUp.report.average')}</Table.Th>
                  <Table.Th>{t('followUp.report.responses')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {satisfaction.map((s, i) => (
                  <Table.Tr key={s.serviceType}>
                    <Table.Td>{categories[i]}</Table.Td>
                    <Table.Td>{s.average.toFixed(2)}</Table.Td>
                    <Table.Td>{s.count}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {(
              [
                ['retrafficked', r.retrafficked.caseCodes],
                ['becameBroker', r.becameBroker.caseCodes],
              ] as const
            ).map(([key, codes]) => (
              <Card withBorder key={key} component="section">
                <Title order={2} size="h5" mb="xs">
                  {t(`followUp.report.${key}Cases`)}
                </Title>
                {codes.length === 0 ? (
                  <Text c="dimmed">{t('followUp.report.noCases')}</Text>
                ) : (
                  <Group gap="xs">
                    {codes.map((code) => (
                      <Anchor
                        key={code}
                        component={Link}
                        to={`/cases?code=${encodeURIComponent(code)}`}
                      >
                        {code}
                      </Anchor>
                    ))}
                  </Group>
                )}
              </Card>
            ))}
          </SimpleGrid>
        </>
      ) : null}
    </Stack>
  );
}
