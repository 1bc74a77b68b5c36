import {
  type BudgetInput,
  type BudgetTotals,
  type BudgetView,
  COMMIT_COUNTRIES,
} from '@ctip/domain';
import { Badge, Card, Select, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { BudgetForm } from '../../components/plans/budgets/BudgetForm';
import {
  type BudgetFilters,
  budgetsApi,
  formatNumber,
} from '../../components/plans/budgets/budgets.api';
import { ListHeader, RecordActions } from '../../components/plans/shared/actions';
import { useWritableCountries } from '../../components/plans/shared/countries';
import { CountryFilter, useFilters, YearFilter } from '../../components/plans/shared/fields';
import { yearSpan } from '../../components/plans/shared/labels';
import { useRecordEditor } from '../../components/plans/shared/records';
import { EChart } from '../../components/statistics/charts/EChart';

const FRAMEWORKS = ['SPA3', 'SPA4'];

function periodOf(b: BudgetView): string {
  return yearSpan(b) || (b.periodText ?? '');
}

/** The bar chart of yearly USD totals, one series per country (entities left out). */
export function budgetChartOption(totals: BudgetTotals, label: (code: string) => string) {
  const rows = totals.byHolderYear.filter((r) => r.isCountry && r.year !== null);
  const years = [...new Set(rows.map((r) => r.year as number))].sort((a, b) => a - b);
  const holders = [...new Set(rows.map((r) => r.holder))];
  if (years.length === 0) {
    return null;
  }
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 80, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', name: 'USD' },
    series: holders.map((h) => ({
      name: label(h),
      type: 'bar',
      data: years.map((y) => rows.find((r) => r.holder === h && r.year === y)?.usd ?? 0),
    })),
  };
}

/**
 * Budget allocations (E14): the national amount with its currency and USD rate and the USD value
 * (stated by the source or computed); totals in USD by country × year and by area with a bar
 * chart; create and edit under the money checks.
 */
export function BudgetsPage(): ReactElement {
  const { t, i18n } = useTranslation();
  const countryLabel = useCountryLabel();
  const [filters, setFilter] = useFilters<BudgetFilters>();
  const list = useQuery({
    queryKey: ['plans', 'budgets', filters],
    queryFn: () => budgetsApi.list(filters),
  });
  const writable = useWritableCountries(t('plansBudgets.entity'));
  const holderLabel = (code: string) =>
    (COMMIT_COUNTRIES as readonly string[]).includes(code) ? countryLabel(code) : code;
  const fmt = (v: number | null, digits = 0) => formatNumber(i18n.language, v, digits);
  const { editing, setEditing, error, save, remove } = useRecordEditor<BudgetView, BudgetInput>({
    queryKey: ['plans', 'budgets'],
    create: budgetsApi.create,
    update: budgetsApi.update,
    remove: budgetsApi.remove,
    savedMessage: t('plansBudgets.saved'),
    deletedMessage: t('plansBudgets.deleted'),
  });
  const items = list.data?.items ?? [];
  const totals = list.data?.totals;
  const option = totals ? budgetChartOption(totals, holderLabel) : null;
  return (
    <Stack data-testid="BudgetsPage">
      <ListHeader
        title={t('plansBudgets.budget.title')}
        description={t('plansBudgets.budget.description')}
        createLabel={t('plansBudgets.budget.create')}
        canCreate={writable.length > 0}
        onCreate={() => setEditing('new')}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <CountryFilter
          label={t('plansBudgets.filter.country')}
          value={filters.country}
          onChange={(v) => setFilter('country', v)}
        />
        <YearFilter
          label={t('plansBudgets.filter.year')}
          value={filters.year}
          onChange={(v) => setFilter('year', v)}
        />
        <Select
          label={t('plansBudgets.filter.framework')}
          clearable
          data={FRAMEWORKS}
          value={filters.framework ?? null}
          onChange={(v) => setFilter('framework', v ?? undefined)}
        />
      </SimpleGrid>
      <ErrorAlert error={list.error ?? error} />
      {list.data && items.length === 0 ? (
        <Text c="dimmed">{t('plansBudgets.budget.none')}</Text>
      ) : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={900}>
          <Table striped data-testid="budget-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plansBudgets.field.country')}</Table.Th>
                <Table.Th>{t('plansBudgets.field.recipient')}</Table.Th>
                <Table.Th>{t('plansBudgets.field.period')}</Table.Th>
                <Table.Th ta="right">{t('plansBudgets.field.amountLocal')}</Table.Th>
                <Table.Th>{t('plansBudgets.field.currency')}</Table.Th>
                <Table.Th ta="right">{t('plansBudgets.field.usdRate')}</Table.Th>
                <Table.Th ta="right">{t('plansBudgets.field.usdAmount')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((b) => (
                <Table.Tr key={b.id} data-testid={`budget-${b.id}`}>
                  <Table.Td>{b.countryCode ? countryLabel(b.countryCode) : b.entity}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{b.recipient}</Text>
                    {b.amountText ? (
                      <Text size="xs" c="dimmed">
                        “{b.amountText}”
                      </Text>
                    ) : null}
                    {b.note ? (
                      <Text size="xs" c="dimmed">
                        {b.note}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{periodOf(b)}</Text>
                    <Badge size="xs" variant="light">
                      {t(`plansBudgets.kind.${b.periodKind}`)}
                    </Badge>
                    {b.fiscalYear ? (
                      <Badge size="xs" variant="outline" ml={4}>
                        {t('plansBudgets.fiscal')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right">{fmt(b.amountLocal, 2)}</Table.Td>
                  <Table.Td>{b.currency}</Table.Td>
                  <Table.Td ta="right">{fmt(b.usdRate, 6)}</Table.Td>
                  <Table.Td ta="right">
                    <Tooltip
                      label={t(
                        b.usdIsStated ? 'plansBudgets.usdStated' : 'plansBudgets.usdComputed',
                      )}
                      disabled={b.usdAmount === null}
                    >
                      <span>{fmt(b.usdAmount, 2)}</span>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <RecordActions
                      nowrap
                      countryCode={b.countryCode}
                      editLabel={t('plansBudgets.edit')}
                      deleteLabel={t('plansBudgets.delete')}
                      onEdit={() => setEditing(b)}
                      onDelete={() => void remove(b)}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {totals && items.length > 0 ? (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Card withBorder>
            <Title order={2} size="h4" mb="xs">
              {t('plansBudgets.totals.byCountryYear')}
            </Title>
            <Table data-testid="budget-totals">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('plansBudgets.field.country')}</Table.Th>
                  <Table.Th>{t('plansBudgets.field.period')}</Table.Th>
                  <Table.Th ta="right">USD</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {totals.byHolderYear.map((r) => (
                  <Table.Tr key={`${r.holder}|${r.year}|${r.period}`}>
                    <Table.Td>{holderLabel(r.holder)}</Table.Td>
                    <Table.Td>
                      {r.year ?? r.period}
                      {r.year === null ? (
                        <Text span size="xs" c="dimmed" ml={4}>
                          ({t('plansBudgets.totals.wholePeriod')})
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td ta="right">{fmt(r.usd, 2)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed" mt="xs">
              {t('plansBudgets.totals.rule', { n: totals.notSummed })}
            </Text>
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="xs">
              {t('plansBudgets.totals.byArea')}
            </Title>
            <Table data-testid="budget-area-totals">
              <Table.Tbody>
                {totals.byArea.map((a) => (
                  <Table.Tr key={a.areaNodeId ?? 'none'}>
                    <Table.Td>
                      {a.areaCode
                        ? `${a.areaCode} ${a.areaTitle ?? ''}`
                        : t('plansBudgets.totals.noArea')}
                    </Table.Td>
                    <Table.Td ta="right">{fmt(a.usd, 2)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <EChart
              option={option}
              label={t('plansBudgets.totals.chart')}
              height={280}
              data-testid="budget-chart"
            />
          </Card>
        </SimpleGrid>
      ) : null}
      {editing ? (
        <BudgetForm
          initial={editing === 'new' ? null : editing}
          countries={writable}
          frameworks={FRAMEWORKS}
          onSubmit={save}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}
