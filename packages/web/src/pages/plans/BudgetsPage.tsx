import {
  type BudgetInput,
  type BudgetTotals,
  type BudgetView,
  COMMIT_COUNTRIES,
} from '@ctip/domain';
import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../api/queries';
import { useCan } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { BudgetForm } from '../../components/plans/budgets/BudgetForm';
import {
  type BudgetFilters,
  budgetsApi,
  formatNumber,
} from '../../components/plans/budgets/budgets.api';
import { EChart } from '../../components/statistics/charts/EChart';
import { notify } from '../../i18n/notify';

const FRAMEWORKS = ['SPA3', 'SPA4'];

function periodOf(b: BudgetView): string {
  if (b.yearStart !== null && b.yearEnd !== null && b.yearStart !== b.yearEnd) {
    return `${b.yearStart}–${b.yearEnd}`;
  }
  const y = b.yearStart ?? b.yearEnd;
  return y !== null ? String(y) : (b.periodText ?? '');
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
  const can = useCan();
  const countryLabel = useCountryLabel();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<BudgetFilters>({});
  const [editing, setEditing] = useState<BudgetView | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const list = useQuery({
    queryKey: ['plans', 'budgets', filters],
    queryFn: () => budgetsApi.list(filters),
  });
  const writable = useMemo(() => {
    const out: { value: string; label: string }[] = COMMIT_COUNTRIES.filter((c) =>
      can('create', 'plan', { countryCode: c }),
    ).map((c) => ({ value: c, label: countryLabel(c) }));
    if (can('create', 'plan', { countryCode: null })) {
      out.push({ value: '', label: t('plansBudgets.entity') });
    }
    return out;
  }, [can, countryLabel, t]);
  const holderLabel = (code: string) =>
    (COMMIT_COUNTRIES as readonly string[]).includes(code) ? countryLabel(code) : code;
  const fmt = (v: number | null, digits = 0) => formatNumber(i18n.language, v, digits);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['plans', 'budgets'] });
  const setFilter = <K extends keyof BudgetFilters>(k: K, v: BudgetFilters[K] | undefined) =>
    setFilters((f) => {
      const next = { ...f };
      if (v === undefined || v === '') {
        delete next[k];
      } else {
        next[k] = v;
      }
      return next;
    });
  async function save(input: BudgetInput) {
    if (editing && editing !== 'new') {
      await budgetsApi.update(editing.id, { ...input, version: editing.version });
    } else {
      await budgetsApi.create(input);
    }
    notify('success', t('plansBudgets.saved'));
    setEditing(null);
    await refresh();
  }
  async function remove(b: BudgetView) {
    setError(null);
    try {
      await budgetsApi.remove(b.id);
      notify('success', t('plansBudgets.deleted'));
      await refresh();
    } catch (err) {
      setError(err);
    }
  }
  const items = list.data?.items ?? [];
  const totals = list.data?.totals;
  const option = totals ? budgetChartOption(totals, holderLabel) : null;
  return (
    <Stack data-testid="BudgetsPage">
      <PageHeader
        title={t('plansBudgets.budget.title')}
        description={t('plansBudgets.budget.description')}
        actions={
          writable.length > 0 ? (
            <Button onClick={() => setEditing('new')}>{t('plansBudgets.budget.create')}</Button>
          ) : null
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('plansBudgets.filter.country')}
          clearable
          data={COMMIT_COUNTRIES.map((c) => ({ value: c, label: countryLabel(c) }))}
          value={filters.country ?? null}
          onChange={(v) => setFilter('country', v ?? undefined)}
        />
        <NumberInput
          label={t('plansBudgets.filter.year')}
          min={1990}
          max={2100}
          allowDecimal={false}
          value={filters.year ?? ''}
          onChange={(v) => setFilter('year', typeof v === 'number' ? v : undefined)}
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
              {items.map((b) => {
                const record = { countryCode: b.countryCode };
                return (
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
                      <Group gap={4} wrap="nowrap">
                        {can('update', 'plan', record) ? (
                          <Button size="xs" variant="subtle" onClick={() => setEditing(b)}>
                            {t('plansBudgets.edit')}
                          </Button>
                        ) : null}
                        {can('delete', 'plan', record) ? (
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => void remove(b)}
                          >
                            {t('plansBudgets.delete')}
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
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
