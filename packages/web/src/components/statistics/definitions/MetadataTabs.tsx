import { COMMIT_COUNTRIES, COUNTRY_FISCAL_START_MONTH } from '@ctip/domain';
import { Button, Group, NumberInput, Select, Stack, Switch, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useEffect } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { type StatSettingsView, statisticsDataApi } from '../../../api/statistics-data.api';
import { applyFieldError, errorText } from '../../../i18n/errors';
import { notify } from '../../../i18n/notify';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { useStatLabels } from '../entry/labels';

/** The data sets: what is entered, approved and pushed together, with each element's form breakdown. */
export function DataSetsTab(): ReactElement {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const list = useQuery({ queryKey: ['stat-data-sets'], queryFn: statisticsDataApi.dataSets });
  return (
    <Stack>
      <ErrorAlert error={list.error} />
      <Table
        striped
        aria-label={t('statisticsData.definitions.tab.dataSets')}
        data-testid="data-sets"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('statisticsData.dataSetLabel')}</Table.Th>
            <Table.Th>{t('statisticsData.definitions.periodType')}</Table.Th>
            <Table.Th>{t('statisticsData.definitions.elementsOfSet')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((d) => (
            <Table.Tr key={d.code}>
              <Table.Td>
                {labels.dataSet(d.code, d.name)} <code>{d.code}</code>
              </Table.Td>
              <Table.Td>
                {t(`statistics.period.type.${d.periodType}`, { defaultValue: d.periodType })}
              </Table.Td>
              <Table.Td>
                {d.elements.map((e) => (
                  <Text key={e.dataElement} size="xs">
                    {labels.element(e.dataElement)}
                    {e.formDimensions.length > 0
                      ? ` — ${e.formDimensions.map((dim) => labels.dimension(dim)).join(' × ')}`
                      : ''}
                  </Text>
                ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Validation rules: what each checks, switched on or off. */
export function RulesTab({ canEdit }: { canEdit: boolean }): ReactElement {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['stat-rules'], queryFn: statisticsDataApi.rules });
  const toggle = useMutation({
    mutationFn: (v: { code: string; isEnabled: boolean }) =>
      statisticsDataApi.setRuleEnabled(v.code, v.isEnabled),
    onSuccess: () => {
      notify('success', t('statisticsData.definitions.saved'));
      void queryClient.invalidateQueries({ queryKey: ['stat-rules'] });
    },
    onError: (err) => notify('error', errorText(t, err)),
  });
  return (
    <Stack>
      <ErrorAlert error={list.error} />
      <Table striped aria-label={t('statisticsData.definitions.tab.rules')} data-testid="rules">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('statisticsData.definitions.code')}</Table.Th>
            <Table.Th>{t('statisticsData.definitions.reportedWhen')}</Table.Th>
            <Table.Th>{t('statisticsData.element')}</Table.Th>
            <Table.Th>{t('statisticsData.definitions.enabled')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((r) => (
            <Table.Tr key={r.code}>
              <Table.Td>
                <code>{r.code}</code>
              </Table.Td>
              <Table.Td>{labels.ruleText(r.code, r.kind)}</Table.Td>
              <Table.Td>
                {r.dataElement
                  ? labels.element(r.dataElement)
                  : t('statisticsData.definitions.allElements')}
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={t('statisticsData.definitions.enableRule', { rule: r.code })}
                  checked={r.isEnabled}
                  disabled={!canEdit || toggle.isPending}
                  onChange={(e) =>
                    toggle.mutate({ code: r.code, isEnabled: e.currentTarget.checked })
                  }
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The sources cited by the values (publication, table, page), as printed. */
export function SourcesTab(): ReactElement {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['stat-sources'], queryFn: statisticsDataApi.sources });
  return (
    <Stack>
      <ErrorAlert error={list.error} />
      <Table striped aria-label={t('statisticsData.definitions.tab.sources')} data-testid="sources">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('statisticsData.definitions.code')}</Table.Th>
            <Table.Th>{t('statisticsData.definitions.sourceTitle')}</Table.Th>
            <Table.Th>{t('statisticsData.definitions.citation')}</Table.Th>
            <Table.Th>{t('statisticsData.definitions.publisher')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((s) => (
            <Table.Tr key={s.code}>
              <Table.Td>
                <code>{s.code}</code>
              </Table.Td>
              <Table.Td>{s.title}</Table.Td>
              <Table.Td>
                <Text size="sm">{s.citation}</Text>
              </Table.Td>
              <Table.Td>{s.publisher ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

type SettingsValues = { threshold: number; suppressZeros: boolean; months: Record<string, string> };

function toValues(s: StatSettingsView): SettingsValues {
  const months: Record<string, string> = {};
  for (const c of COMMIT_COUNTRIES) {
    months[c] = String(s.fiscalStartMonths?.[c] ?? COUNTRY_FISCAL_START_MONTH[c] ?? 1);
  }
  return { threshold: s.threshold, suppressZeros: s.suppressZeros, months };
}

/** Disclosure control (threshold, zeros) and each country's fiscal year start. */
export function DisclosureTab({ canEdit }: { canEdit: boolean }): ReactElement {
  const { t, i18n } = useTranslation();
  const labels = useStatLabels();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['stat-settings'], queryFn: statisticsDataApi.settings });
  const form = useForm<SettingsValues>({
    defaultValues: { threshold: 5, suppressZeros: false, months: {} },
  });
  useEffect(() => {
    if (settings.data) {
      form.reset(toValues(settings.data));
    }
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (v: SettingsValues) =>
      statisticsDataApi.saveSettings({
        threshold: Number(v.threshold),
        suppressZeros: v.suppressZeros,
        fiscalStartMonths: Object.fromEntries(
          Object.entries(v.months).map(([c, m]) => [c, Number(m)]),
        ),
      }),
    onSuccess: (s) => {
      notify('success', t('statisticsData.definitions.saved'));
      queryClient.setQueryData(['stat-settings'], s);
    },
    onError: (err) => {
      if (!applyFieldError(t, err, form.setError, ['threshold', 'suppressZeros'])) {
        notify('error', errorText(t, err));
      }
    },
  });
  const locale = i18n.resolvedLanguage ?? 'en';
  const months = Array.from({ length: 12 }, (_, i) => ({
    value: String(i + 1),
    label: new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2000, i, 1)),
    ),
  }));
  return (
    <form onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
      <Stack maw={560}>
        <ErrorAlert error={settings.error} />
        <Text size="sm" c="dimmed">
          {t('statisticsData.definitions.disclosureHint')}
        </Text>
        <Controller
          control={form.control}
          name="threshold"
          rules={{ min: { value: 1, message: t('validation.too_small') } }}
          render={({ field, fieldState }) => (
            <NumberInput
              label={t('statisticsData.definitions.threshold')}
              description={t('statisticsData.definitions.thresholdHint')}
              min={1}
              max={100}
              allowDecimal={false}
              disabled={!canEdit}
              value={field.value}
              onChange={(v) => field.onChange(typeof v === 'number' ? v : 0)}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="suppressZeros"
          render={({ field }) => (
            <Switch
              label={t('statisticsData.definitions.suppressZeros')}
              checked={field.value}
              disabled={!canEdit}
              onChange={(e) => field.onChange(e.currentTarget.checked)}
            />
          )}
        />
        <Text fw={600}>{t('statisticsData.definitions.fiscalStart')}</Text>
        {COMMIT_COUNTRIES.map((c) => (
          <Controller
            key={c}
            control={form.control}
            name={`months.${c}`}
            render={({ field }) => (
              <Select
                label={labels.country(c)}
                data={months}
                value={field.value ?? '1'}
                onChange={(v) => field.onChange(v ?? '1')}
                allowDeselect={false}
                disabled={!canEdit}
              />
            )}
          />
        ))}
        {canEdit ? (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
