import { COMMIT_COUNTRIES } from '@ctip/domain';
import { Alert, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../api/queries';
import { useSession } from '../../auth/session';
import { reconciliationApi } from '../../components/crossborder/meeting/meetings.api';
import { ReconciliationChart } from '../../components/crossborder/meeting/ReconciliationChart';
import { DateText } from '../../components/DateText/DateText';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';

const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;

/** Returns sent by A against returns received by B, per period, by sex and age; mismatches. */
export function ReconciliationPage(): ReactElement {
  const { t } = useTranslation();
  const session = useSession();
  const countryLabel = useCountryLabel();
  const mine = session?.user.countryCode ?? 'TH';
  const thisYear = new Date().getFullYear();
  const [from, setFrom] = useState<string>(mine);
  const [to, setTo] = useState<string>(COMMIT_COUNTRIES.find((c) => c !== mine) ?? 'MM');
  const [year, setYear] = useState<string>(String(thisYear));
  const [quarter, setQuarter] = useState<string | null>(null);
  const period = `${year}${quarter ?? ''}`;
  const params = { from, to, period };
  const result = useQuery({
    queryKey: ['reconciliation', params],
    queryFn: () => reconciliationApi.get(params),
    enabled: from !== to,
    placeholderData: keepPreviousData,
  });
  const countries = COMMIT_COUNTRIES.map((c) => ({ value: c, label: countryLabel(c) }));
  const years = Array.from({ length: 12 }, (_, i) => String(thisYear - i));
  const r = result.data;
  const sexLabel = (s: string) => t(`reconciliation.sex.${s}`, { defaultValue: s });
  const ageLabel = (a: string) => t(`reconciliation.age.${a}`, { defaultValue: a });

  return (
    <Stack data-testid="ReconciliationPage">
      <PageHeader
        title={t('reconciliation.title')}
        description={t('reconciliation.description')}
        actions={
          r ? (
            <Button component="a" href={reconciliationApi.csvUrl(params)} variant="light" download>
              {t('reconciliation.downloadCsv')}
            </Button>
          ) : null
        }
      />
      <Group align="flex-end">
        <Select
          label={t('reconciliation.from')}
          data={countries}
          value={from}
          onChange={(v) => v && setFrom(v)}
          allowDeselect={false}
        />
        <Select
          label={t('reconciliation.to')}
          data={countries}
          value={to}
          onChange={(v) => v && setTo(v)}
          allowDeselect={false}
        />
        <Select
          label={t('reconciliation.year')}
          data={years}
          value={year}
          onChange={(v) => v && setYear(v)}
          allowDeselect={false}
        />
        <Select
          label={t('reconciliation.quarter')}
          placeholder={t('reconciliation.wholeYear')}
          data={QUARTERS.map((q) => ({ value: q, label: q }))}
          value={quarter}
          onChange={setQuarter}
          clearable
        />
      </Group>
      {from === to ? <Alert color="yellow">{t('reconciliation.samePair')}</Alert> : null}
      <ErrorAlert error={result.error} />
      {r ? (
        <>
          <Table striped withTableBorder data-testid="reconciliation-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reconciliation.sexCol')}</Table.Th>
                <Table.Th>{t('reconciliation.ageCol')}</Table.Th>
                <Table.Th>{t('reconciliation.sentBy', { country: countryLabel(r.from) })}</Table.Th>
                <Table.Th>
                  {t('reconciliation.receivedBy', { country: countryLabel(r.to) })}
                </Table.Th>
                <Table.Th>{t('reconciliation.difference')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.cells.map((c) => (
                <Table.Tr key={`${c.sex}|${c.ageGroup}`}>
                  <Table.Td>{sexLabel(c.sex)}</Table.Td>
                  <Table.Td>{ageLabel(c.ageGroup)}</Table.Td>
                  <Table.Td>{c.sent}</Table.Td>
                  <Table.Td>{c.received}</Table.Td>
                  <Table.Td c={c.sent !== c.received ? 'red' : undefined}>
                    {c.sent - c.received}
                  </Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr fw={700}>
                <Table.Td colSpan={2}>{t('reconciliation.total')}</Table.Td>
                <Table.Td data-testid="total-sent">{r.totals.sent}</Table.Td>
                <Table.Td data-testid="total-received">{r.totals.received}</Table.Td>
                <Table.Td>{r.totals.sent - r.totals.received}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {r.cells.length > 0 ? <ReconciliationChart data={r} /> : null}
          <Title order={2} size="h4">
            {t('reconciliation.mismatches')}
          </Title>
          {r.mismatches.length === 0 ? (
            <Text c="dimmed">{t('reconciliation.noMismatch')}</Text>
          ) : (
            <Table data-testid="mismatches">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reconciliation.caseCode')}</Table.Th>
                  <Table.Th>{t('reconciliation.problemCol')}</Table.Th>
                  <Table.Th>{t('reconciliation.handedOverOn')}</Table.Th>
                  <Table.Th>{t('reconciliation.receivedOn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.mismatches.map((m) => (
                  <Table.Tr key={m.ref}>
                    <Table.Td>{m.caseCode}</Table.Td>
                    <Table.Td>
                      <Badge color="orange" variant="light">
                        {t(`reconciliation.problem.${m.problem}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <DateText value={m.handedOverOn} empty="—" />
                    </Table.Td>
                    <Table.Td>
                      <DateText value={m.receivedOn} empty="—" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      ) : null}
    </Stack>
  );
}
