import {
  COUNTRY_FISCAL_START_MONTH,
  type DataEntryForm,
  type Disaggregation,
  PERIOD_TYPES,
  type PeriodType,
  parsePeriod,
  type StatViolationView,
} from '@ctip/domain';
import { Alert, Badge, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type ReactElement, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { type StatDataSetView, statisticsDataApi } from '../../api/statistics-data.api';
import { DateText } from '../../components/DateText/DateText';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { EntryGrid } from '../../components/statistics/entry/EntryGrid';
import {
  type CellDraft,
  type CellErrorCode,
  cellKey,
  originalCells,
  pendingValues,
  sameCell,
  valueIndexOfField,
} from '../../components/statistics/entry/entry-model';
import { useStatLabels } from '../../components/statistics/entry/labels';
import { defaultPeriod, PeriodPicker } from '../../components/statistics/entry/PeriodPicker';
import { useStatCountries } from '../../components/statistics/entry/scope';
import { ViolationTable } from '../../components/statistics/validation/ViolationTable';
import { errorText } from '../../i18n/errors';
import { notify } from '../../i18n/notify';

/** Autosave waits this long after the last keystroke. */
export const AUTOSAVE_DELAY_MS = 2500;

const LOCAL_ERROR_KEYS: Record<CellErrorCode, string> = {
  notNumber: 'statisticsData.entry.error.notNumber',
  negative: 'statisticsData.entry.error.negative',
  clearStored: 'statisticsData.entry.error.clearStored',
};

/** Known field messages of StatValueInputSchema, by translation key (others: "not accepted"). */
const SERVER_MESSAGE_KEYS: Record<string, string> = {
  'must not be negative': 'statisticsData.entry.error.negative',
  'a reported value needs a number': 'statisticsData.entry.error.notNumber',
  'must be a whole number': 'statisticsData.entry.error.integer',
};

function serverCellMessage(t: TFunction, message: string): string {
  const key = SERVER_MESSAGE_KEYS[message];
  return key ? t(key) : t('statisticsData.entry.error.rejected');
}

function asPeriodType(v: string | undefined): PeriodType {
  return (PERIOD_TYPES as readonly string[]).includes(v ?? '') ? (v as PeriodType) : 'Yearly';
}

type ChangedCell = {
  key: string;
  dataElement: string;
  disaggregation: Disaggregation;
  draft: CellDraft;
};

/** Every cell of the form with its element and disaggregation, by key. */
function formCells(
  form: DataEntryForm,
): Map<string, { dataElement: string; disaggregation: Disaggregation }> {
  const out = new Map<string, { dataElement: string; disaggregation: Disaggregation }>();
  for (const el of form.elements) {
    const dims = el.formDimensions;
    const rows = dims[0] ? [...(el.options[dims[0]] ?? []), ''] : [''];
    const cols = dims[1] ? [...(el.options[dims[1]] ?? []), ''] : [''];
    for (const r of rows) {
      for (const c of cols) {
        const d: Disaggregation = {};
        if (dims[0] && r !== '') {
          d[dims[0]] = r;
        }
        if (dims[1] && c !== '') {
          d[dims[1]] = c;
        }
        out.set(cellKey(el.dataElement, d), { dataElement: el.dataElement, disaggregation: d });
      }
    }
  }
  return out;
}

/** The cells a finding involves within this form (same country and period). */
function flaggedCells(form: DataEntryForm, selected: StatViolationView | null): Set<string> {
  const out = new Set<string>();
  for (const v of selected ? [selected] : form.openViolations) {
    for (const c of v.cells) {
      if (c.country === form.country && c.period === form.period && (c.province ?? '') === '') {
        out.add(cellKey(c.dataElement, c.disaggregation));
      }
    }
  }
  return out;
}

/**
 * /statistics/entry: choose a data set, a reporting country (within the user's scope) and a
 * period; enter each element's values in a grid (a number, "missing" or "suppressed at source";
 * an empty cell stays empty). Tab and Enter move between cells, Ctrl+S saves, and changes save by
 * themselves after a pause. A refused value is shown on its cell; an approved form is locked; the
 * form's open validation findings are listed under it with their cells outlined.
 */
export function DataEntryPage(): ReactElement {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const countries = useStatCountries('create');

  const dataSets = useQuery({
    queryKey: ['stat-data-sets'],
    queryFn: statisticsDataApi.dataSets,
    staleTime: 5 * 60_000,
  });
  const settings = useQuery({
    queryKey: ['stat-settings'],
    queryFn: statisticsDataApi.settings,
    staleTime: 5 * 60_000,
    retry: false,
  });

  const dataSetCode = params.get('dataSet') ?? dataSets.data?.[0]?.code ?? null;
  const dataSet: StatDataSetView | undefined = dataSets.data?.find((d) => d.code === dataSetCode);
  const periodType = asPeriodType(dataSet?.periodType);
  const countryParam = params.get('country');
  const country =
    countryParam && countries.includes(countryParam) ? countryParam : (countries[0] ?? null);
  const fiscalStartMonth =
    (country &&
      (settings.data?.fiscalStartMonths?.[country] ?? COUNTRY_FISCAL_START_MONTH[country])) ||
    1;
  const periodParam = params.get('period');
  const parsedParam = periodParam ? parsePeriod(periodParam) : null;
  // A fiscal year must start in the country's fiscal start month (Thailand: October).
  const period =
    parsedParam?.type === periodType &&
    (periodType !== 'FinancialYear' || parsedParam.index === fiscalStartMonth)
      ? parsedParam.id
      : defaultPeriod(periodType, new Date(), fiscalStartMonth);

  const choose = (key: 'dataSet' | 'country' | 'period', value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    if (key === 'dataSet') {
      next.delete('period');
    }
    setParams(next, { replace: true });
  };

  const formKey = ['stat-entry', dataSetCode, country, period] as const;
  const form = useQuery({
    queryKey: formKey,
    queryFn: () =>
      statisticsDataApi.entryForm({
        dataSet: dataSetCode as string,
        country: country as string,
        period,
      }),
    enabled: dataSetCode !== null && country !== null && dataSet !== undefined,
  });

  const [drafts, setDrafts] = useState<Record<string, CellDraft>>({});
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const [selected, setSelected] = useState<StatViolationView | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const formId = formKey.join('|');
  // A new form (other data set, country or period) starts clean.
  // biome-ignore lint/correctness/useExhaustiveDependencies: formId is the trigger.
  useEffect(() => {
    setDrafts({});
    setCellErrors({});
    setSelected(null);
    setSavedAt(null);
  }, [formId]);

  const stored = useMemo(
    () => (form.data ? originalCells(form.data) : new Map<string, CellDraft>()),
    [form.data],
  );
  const cells = useMemo(
    () =>
      form.data
        ? formCells(form.data)
        : new Map<string, { dataElement: string; disaggregation: Disaggregation }>(),
    [form.data],
  );
  const flagged = useMemo(
    () => (form.data ? flaggedCells(form.data, selected) : new Set<string>()),
    [form.data, selected],
  );

  const handleChange = useCallback(
    (id: string, draft: CellDraft) => {
      setDrafts((prev) => {
        const next = { ...prev };
        const base = stored.get(id) ?? { status: 'Empty', text: '' };
        if (
          sameCell(draft, base) ||
          (draft.status !== 'Missing' &&
            draft.status !== 'SuppressedAtSource' &&
            draft.text === '' &&
            base.status === 'Empty')
        ) {
          delete next[id];
        } else {
          next[id] = draft;
        }
        return next;
      });
      setCellErrors((prev) => {
        if (!(id in prev)) {
          return prev;
        }
        const next = { ...prev };
        delete next[id];
        return next;
      });
    },
    [stored],
  );

  const gridRef = useRef<HTMLDivElement>(null);
  const handleMove = useCallback((index: number, step: number) => {
    const next = gridRef.current?.querySelector<HTMLInputElement>(
      `[data-entry-index="${index + step}"]`,
    );
    next?.focus();
    next?.select();
  }, []);

  const save = useMutation({
    mutationFn: async (pending: ReturnType<typeof pendingValues>['values']) => {
      const result = await statisticsDataApi.saveEntry({
        dataSet: dataSetCode as string,
        country: country as string,
        period,
        values: pending.map((p) => p.input),
      });
      return { result, pending };
    },
    onSuccess: ({ result, pending }) => {
      queryClient.setQueryData(formKey, result);
      // Cells typed again while the save was on its way stay unsaved.
      setDrafts((prev) => {
        const next = { ...prev };
        for (const p of pending) {
          const now = next[p.key];
          if (now && sameCell(now, p.draft)) {
            delete next[p.key];
          }
        }
        return next;
      });
      setSavedAt(new Date());
      void queryClient.invalidateQueries({ queryKey: ['stat-violations'] });
    },
    onError: (err, pending) => {
      const i = isApiError(err) ? valueIndexOfField(err.field) : null;
      const p = i !== null ? pending[i] : undefined;
      if (p && isApiError(err)) {
        setCellErrors((prev) => ({ ...prev, [p.key]: serverCellMessage(t, err.message) }));
        const inputs =
          gridRef.current?.querySelectorAll<HTMLInputElement>('input[data-cell]') ?? [];
        [...inputs].find((el) => el.dataset.cell === p.key)?.focus();
      }
      notify('error', p ? t('statisticsData.entry.saveRefused') : errorText(t, err));
    },
  });

  const isLocked = form.data?.isLocked ?? false;
  const dirtyCount = Object.keys(drafts).length;

  const saveNow = useCallback(() => {
    if (!form.data || isLocked || save.isPending) {
      return;
    }
    const changed: ChangedCell[] = [];
    for (const [key, draft] of Object.entries(drafts)) {
      const cell = cells.get(key);
      if (cell) {
        changed.push({ key, ...cell, draft });
      }
    }
    const { values, errors } = pendingValues(changed, stored, form.data.country, form.data.period);
    const local: Record<string, string> = {};
    for (const [key, code] of errors) {
      local[key] = t(LOCAL_ERROR_KEYS[code]);
    }
    setCellErrors(local);
    if (values.length > 0) {
      save.mutate(values);
    }
  }, [form.data, isLocked, save, drafts, cells, stored, t]);

  // Ctrl+S / Cmd+S saves.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        saveNow();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saveNow]);

  // Autosave after a pause; not while a refused value waits for a correction.
  const hasErrors = Object.keys(cellErrors).length > 0;
  const saveRef = useRef(saveNow);
  saveRef.current = saveNow;
  // biome-ignore lint/correctness/useExhaustiveDependencies: every keystroke (drafts) restarts the pause.
  useEffect(() => {
    if (dirtyCount === 0 || isLocked || hasErrors) {
      return;
    }
    const timer = setTimeout(() => saveRef.current(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [drafts, dirtyCount, isLocked, hasErrors]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (dirtyCount === 0) {
      return;
    }
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirtyCount]);

  const saveState = save.isPending ? (
    <Badge color="blue" variant="light" leftSection={<Loader size={10} />} data-testid="save-state">
      {t('statisticsData.entry.saving')}
    </Badge>
  ) : dirtyCount > 0 ? (
    <Badge color="yellow" variant="filled" data-testid="save-state">
      {t('statisticsData.entry.unsaved', { count: dirtyCount })}
    </Badge>
  ) : savedAt ? (
    <Badge color="green" variant="light" data-testid="save-state">
      {t('statisticsData.entry.saved')}
    </Badge>
  ) : null;

  return (
    <Stack>
      <PageHeader
        title={t('statisticsData.entry.title')}
        description={t('statisticsData.entry.description')}
        actions={saveState}
      />
      {countries.length === 0 ? (
        <Alert color="yellow">{t('statisticsData.noCountry')}</Alert>
      ) : null}
      <Group align="flex-end">
        <Select
          label={t('statisticsData.dataSetLabel')}
          data={(dataSets.data ?? []).map((d) => ({
            value: d.code,
            label: labels.dataSet(d.code, d.name),
          }))}
          value={dataSetCode}
          onChange={(v) => v && choose('dataSet', v)}
          allowDeselect={false}
          data-testid="data-set"
        />
        <Select
          label={t('statisticsData.country')}
          data={countries.map((c) => ({ value: c, label: labels.country(c) }))}
          value={country}
          onChange={(v) => v && choose('country', v)}
          allowDeselect={false}
          disabled={countries.length <= 1}
        />
        <PeriodPicker
          periodType={periodType}
          value={period}
          onChange={(v) => choose('period', v)}
          fiscalStartMonth={fiscalStartMonth}
        />
      </Group>
      <Text size="sm" c="dimmed">
        {t('statisticsData.entry.keys')}
      </Text>
      <ErrorAlert error={dataSets.error ?? form.error} />
      {form.isLoading ? <Loader /> : null}
      {form.data?.isLocked ? (
        <Alert
          color="blue"
          title={t('statisticsData.entry.lockedTitle')}
          data-testid="locked-banner"
        >
          {form.data.approval.approvedAt ? (
            <>
              {t('statisticsData.entry.lockedSince')}{' '}
              <DateText value={form.data.approval.approvedAt} />.{' '}
            </>
          ) : null}
          {t('statisticsData.entry.locked')}
        </Alert>
      ) : null}
      {form.data ? (
        <div ref={gridRef} data-testid="entry-grid">
          <EntryGrid
            form={form.data}
            drafts={drafts}
            stored={stored}
            errors={cellErrors}
            flagged={flagged}
            onChange={handleChange}
            onMove={handleMove}
          />
        </div>
      ) : null}
      {form.data ? (
        <section aria-label={t('statisticsData.entry.findings')}>
          <Title order={2} size="h4" mt="lg" mb="xs">
            {t('statisticsData.entry.findings')}
          </Title>
          {form.data.openViolations.length === 0 ? (
            <Text c="dimmed" data-testid="no-findings">
              {t('statisticsData.entry.noFindings')}
            </Text>
          ) : (
            <ViolationTable
              items={form.data.openViolations}
              showBlock={false}
              onSelect={(v) => setSelected((s) => (s?.id === v.id ? null : v))}
              data-testid="entry-findings"
            />
          )}
        </section>
      ) : null}
    </Stack>
  );
}
