import {
  BUDGET_PERIOD_KINDS,
  type BudgetInput,
  type BudgetPeriodKind,
  type BudgetView,
  budgetUsd,
  COUNTRY_CURRENCY,
  CURRENCIES,
  checkBudget,
  checkMoney,
} from '@ctip/domain';
import {
  Checkbox,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseStudiesApi } from '../case-studies/case-studies.api';
import { WritableCountrySelect } from '../shared/fields';
import { FormActions, useSubmit } from '../shared/form';
import { formatNumber } from './budgets.api';

export type BudgetFormProps = {
  /** The allocation to edit, or null for a new one. */
  initial: BudgetView | null;
  /** Countries the caller may write for ('' = an entity, region scope). */
  countries: { value: string; label: string }[];
  frameworks: string[];
  onSubmit: (input: BudgetInput) => Promise<void>;
  onClose: () => void;
};

type Draft = {
  countryCode: string;
  entity: string;
  recipient: string;
  amountLocal: number | '';
  currency: string;
  usdRate: number | '';
  usdStated: number | '';
  amountText: string;
  periodKind: BudgetPeriodKind;
  yearStart: number | '';
  yearEnd: number | '';
  fiscalYear: boolean;
  periodText: string;
  frameworkId: string;
  areaNodeId: string;
  source: string;
  note: string;
};

function draftOf(b: BudgetView | null, country: string): Draft {
  return {
    countryCode: b ? (b.countryCode ?? '') : country,
    entity: b?.entity ?? '',
    recipient: b?.recipient ?? '',
    amountLocal: b?.amountLocal ?? '',
    currency: b?.currency ?? COUNTRY_CURRENCY[country] ?? 'USD',
    usdRate: b?.usdRate ?? '',
    usdStated: b?.usdIsStated ? (b.usdAmount ?? '') : '',
    amountText: b?.amountText ?? '',
    periodKind: b?.periodKind ?? 'Annual',
    yearStart: b?.yearStart ?? '',
    yearEnd: b?.yearEnd ?? '',
    fiscalYear: b?.fiscalYear ?? false,
    periodText: b?.periodText ?? '',
    frameworkId: b?.frameworkId ?? '',
    areaNodeId: b?.areaNodeId ?? '',
    source: b?.source ?? '',
    note: b?.note ?? '',
  };
}

const n = (v: number | '') => (v === '' ? null : v);
const s = (v: string) => (v.trim() === '' ? null : v.trim());

/** The input the API takes, from the form's draft. */
export function budgetInputOf(d: Draft): BudgetInput {
  return {
    countryCode: s(d.countryCode),
    entity: s(d.countryCode) ? null : s(d.entity),
    recipient: d.recipient.trim(),
    amountLocal: n(d.amountLocal),
    currency: d.currency as BudgetInput['currency'],
    usdRate: d.currency === 'USD' ? null : n(d.usdRate),
    usdStated: n(d.usdStated),
    amountText: s(d.amountText),
    periodKind: d.periodKind,
    yearStart: n(d.yearStart),
    yearEnd: n(d.yearEnd),
    fiscalYear: d.fiscalYear,
    periodText: s(d.periodText),
    frameworkId: s(d.frameworkId),
    areaNodeId: s(d.areaNodeId),
    source: s(d.source),
    note: s(d.note),
  };
}

/**
 * Create or edit a budget allocation: the currency offered is the country's own or USD, a rate is
 * asked for any other currency, and the USD value is shown as it will be stored.
 */
export function BudgetForm({
  initial,
  countries,
  frameworks,
  onSubmit,
  onClose,
}: BudgetFormProps): ReactElement {
  const { t, i18n } = useTranslation();
  const [d, setD] = useState<Draft>(() => draftOf(initial, countries[0]?.value ?? ''));
  const { busy, error, submit } = useSubmit(onSubmit);
  const areas = useQuery({
    queryKey: ['plans', 'areas', d.frameworkId],
    queryFn: () => caseStudiesApi.areas(d.frameworkId),
    enabled: d.frameworkId !== '',
  });
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const input = budgetInputOf(d);
  const own = d.countryCode ? COUNTRY_CURRENCY[d.countryCode] : undefined;
  const currencies = own ? [own, 'USD'] : [...CURRENCIES];
  const issues = [
    ...checkMoney({
      countryCode: input.countryCode ?? null,
      currency: d.currency,
      amount: input.amountLocal ?? null,
      usdRate: input.usdRate ?? null,
    }).map((i) => ({ path: i.path, message: t(`plansBudgets.check.${i.code}`) })),
    ...checkBudget({ ...input, periodKind: d.periodKind }).map((i) => ({
      path: i.path,
      message: t(`plansBudgets.check.${i.path}`),
    })),
    ...(d.recipient.trim() === ''
      ? [{ path: 'recipient', message: t('plansBudgets.check.required') }]
      : []),
  ];
  const errorOf = (path: string) => issues.find((i) => i.path === path)?.message;
  const usd = budgetUsd({
    amountLocal: input.amountLocal ?? null,
    currency: d.currency,
    usdRate: input.usdRate ?? null,
    usdStated: input.usdStated ?? null,
  });
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={t(initial ? 'plansBudgets.budget.editTitle' : 'plansBudgets.budget.createTitle')}
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <WritableCountrySelect
            label={t('plansBudgets.field.country')}
            countries={countries}
            value={d.countryCode}
            onChange={(code) => {
              setD((x) => ({
                ...x,
                countryCode: code,
                currency: COUNTRY_CURRENCY[code] ?? (code ? 'USD' : x.currency),
              }));
            }}
          />
          {d.countryCode === '' ? (
            <TextInput
              label={t('plansBudgets.field.entity')}
              value={d.entity}
              error={errorOf('countryCode')}
              onChange={(e) => set('entity', e.currentTarget.value)}
            />
          ) : (
            <div />
          )}
        </SimpleGrid>
        <Textarea
          label={t('plansBudgets.field.recipient')}
          required
          rows={2}
          value={d.recipient}
          error={errorOf('recipient')}
          onChange={(e) => set('recipient', e.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <NumberInput
            label={t('plansBudgets.field.amountLocal')}
            min={0}
            decimalScale={2}
            thousandSeparator=","
            value={d.amountLocal}
            error={errorOf('amountLocal')}
            onChange={(v) => set('amountLocal', typeof v === 'number' ? v : '')}
          />
          <Select
            label={t('plansBudgets.field.currency')}
            data={currencies}
            value={d.currency}
            allowDeselect={false}
            error={errorOf('currency')}
            onChange={(v) => set('currency', v ?? 'USD')}
          />
          <NumberInput
            label={t('plansBudgets.field.usdRate')}
            description={t('plansBudgets.field.usdRateHint')}
            min={0}
            decimalScale={6}
            disabled={d.currency === 'USD'}
            value={d.currency === 'USD' ? '' : d.usdRate}
            error={errorOf('usdRate')}
            onChange={(v) => set('usdRate', typeof v === 'number' ? v : '')}
          />
          <NumberInput
            label={t('plansBudgets.field.usdStated')}
            description={t('plansBudgets.field.usdStatedHint')}
            min={0}
            decimalScale={2}
            thousandSeparator=","
            value={d.usdStated}
            onChange={(v) => set('usdStated', typeof v === 'number' ? v : '')}
          />
        </SimpleGrid>
        <Text size="sm" data-testid="budget-usd-preview">
          {t('plansBudgets.field.usdAmount')}: {formatNumber(i18n.language, usd.usdAmount, 2)}{' '}
          {usd.usdAmount !== null
            ? t(usd.usdIsStated ? 'plansBudgets.usdStated' : 'plansBudgets.usdComputed')
            : ''}
        </Text>
        <TextInput
          label={t('plansBudgets.field.amountText')}
          value={d.amountText}
          onChange={(e) => set('amountText', e.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <Select
            label={t('plansBudgets.field.periodKind')}
            data={BUDGET_PERIOD_KINDS.map((k) => ({
              value: k,
              label: t(`plansBudgets.kind.${k}`),
            }))}
            value={d.periodKind}
            allowDeselect={false}
            onChange={(v) => set('periodKind', (v as BudgetPeriodKind | null) ?? 'Annual')}
          />
          <NumberInput
            label={t('plansBudgets.field.yearStart')}
            min={1990}
            max={2100}
            allowDecimal={false}
            value={d.yearStart}
            onChange={(v) => set('yearStart', typeof v === 'number' ? v : '')}
          />
          <NumberInput
            label={t('plansBudgets.field.yearEnd')}
            min={1990}
            max={2100}
            allowDecimal={false}
            value={d.yearEnd}
            error={errorOf('yearEnd')}
            onChange={(v) => set('yearEnd', typeof v === 'number' ? v : '')}
          />
          <Checkbox
            mt="xl"
            label={t('plansBudgets.field.fiscalYear')}
            checked={d.fiscalYear}
            onChange={(e) => set('fiscalYear', e.currentTarget.checked)}
          />
        </SimpleGrid>
        <TextInput
          label={t('plansBudgets.field.periodText')}
          value={d.periodText}
          onChange={(e) => set('periodText', e.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('plansBudgets.field.framework')}
            clearable
            data={frameworks}
            value={d.frameworkId || null}
            error={errorOf('frameworkId')}
            onChange={(v) => setD((x) => ({ ...x, frameworkId: v ?? '', areaNodeId: '' }))}
          />
          <Select
            label={t('plansBudgets.field.area')}
            clearable
            disabled={d.frameworkId === ''}
            data={(areas.data ?? []).map((a) => ({
              value: a.id,
              label: `${a.code} ${a.title ?? ''}`,
            }))}
            value={d.areaNodeId || null}
            onChange={(v) => set('areaNodeId', v ?? '')}
          />
        </SimpleGrid>
        <TextInput
          label={t('plansBudgets.field.source')}
          value={d.source}
          onChange={(e) => set('source', e.currentTarget.value)}
        />
        <Textarea
          label={t('plansBudgets.field.note')}
          rows={2}
          value={d.note}
          onChange={(e) => set('note', e.currentTarget.value)}
        />
        <FormActions
          error={error}
          busy={busy}
          disabled={issues.length > 0}
          cancelLabel={t('plansBudgets.cancel')}
          saveLabel={t('plansBudgets.save')}
          saveTestId="budget-save"
          onCancel={onClose}
          onSave={() => void submit(input)}
        />
      </Stack>
    </Modal>
  );
}
