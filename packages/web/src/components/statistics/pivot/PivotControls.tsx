import {
  BUILT_IN_DATA_ELEMENTS,
  BUILT_IN_INDICATORS,
  PERIOD_TYPES,
  type PeriodType,
  type PivotAxis,
} from '@ctip/domain';
import {
  Button,
  Fieldset,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import type { FormEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatLabels } from '../shared/labels';
import {
  axisOptions,
  PERIOD_EXAMPLES,
  type PivotState,
  pivotAxesFor,
  pivotErrors,
} from './pivot-state';

export type PivotControlsProps = {
  state: PivotState;
  onChange: (s: PivotState) => void;
  onSubmit: () => void;
  labels: StatLabels;
  canInternal: boolean;
};

/** The pivot's choices, all Mantine inputs (keyboard-usable); Enter or "Show table" asks. */
export function PivotControls({
  state,
  onChange,
  onSubmit,
  labels,
  canInternal,
}: PivotControlsProps): ReactElement {
  const { t } = useTranslation();
  const set = (patch: Partial<PivotState>) => onChange({ ...state, ...patch });
  const axes = pivotAxesFor(state.kind, state.code);
  const axisData = (exclude: readonly PivotAxis[]) =>
    axes.filter((a) => !exclude.includes(a)).map((a) => ({ value: a, label: labels.dimension(a) }));
  const errors = pivotErrors(state);
  const codes =
    state.kind === 'element'
      ? BUILT_IN_DATA_ELEMENTS.map((e) => ({ value: e.code, label: labels.element(e.code) }))
      : BUILT_IN_INDICATORS.map((i) => ({ value: i.code, label: labels.indicator(i.code) }));
  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(errors).length === 0) {
      onSubmit();
    }
  };
  return (
    <form onSubmit={handleSubmit} aria-label={t('statistics.pivot.controls')}>
      <Stack>
        <Group align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="pivot-kind-label">
              {t('statistics.pivot.what')}
            </Text>
            <SegmentedControl
              aria-labelledby="pivot-kind-label"
              value={state.kind}
              onChange={(v) => {
                const kind = v as PivotState['kind'];
                const code =
                  kind === 'element'
                    ? (BUILT_IN_DATA_ELEMENTS[0]?.code ?? '')
                    : (BUILT_IN_INDICATORS[0]?.code ?? '');
                set({ kind, code });
              }}
              data={[
                { value: 'element', label: t('statistics.pivot.element') },
                { value: 'indicator', label: t('statistics.pivot.indicator') },
              ]}
            />
          </Stack>
          <Select
            label={
              state.kind === 'element'
                ? t('statistics.pivot.element')
                : t('statistics.pivot.indicator')
            }
            data={codes}
            value={state.code}
            onChange={(v) => v && set({ code: v })}
            searchable
            allowDeselect={false}
            error={errors.code ? t(errors.code) : undefined}
            miw={260}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="pivot-source-label">
              {t('statistics.source.label')}
            </Text>
            <SegmentedControl
              aria-labelledby="pivot-source-label"
              value={state.source}
              onChange={(v) => set({ source: v as PivotState['source'] })}
              data={[
                { value: 'national', label: t('statistics.source.national') },
                { value: 'regional', label: t('statistics.source.regional') },
              ]}
            />
          </Stack>
          {canInternal && state.source === 'national' ? (
            <Switch
              label={t('statistics.internal.toggle')}
              checked={state.internal}
              onChange={(e) => set({ internal: e.currentTarget.checked })}
              data-testid="internal-toggle"
            />
          ) : null}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MultiSelect
            label={t('statistics.pivot.rows')}
            description={t('statistics.pivot.atMostTwo')}
            data={axisData(state.columns)}
            value={state.rows}
            onChange={(v) => set({ rows: v as PivotAxis[] })}
            maxValues={2}
            data-testid="pivot-rows"
          />
          <MultiSelect
            label={t('statistics.pivot.columns')}
            description={t('statistics.pivot.atMostTwo')}
            data={axisData(state.rows)}
            value={state.columns}
            onChange={(v) => set({ columns: v as PivotAxis[] })}
            maxValues={2}
            data-testid="pivot-columns"
          />
        </SimpleGrid>
        <Group align="flex-start" wrap="wrap">
          <Select
            label={t('statistics.pivot.periodType')}
            data={PERIOD_TYPES.map((p) => ({ value: p, label: t(`statistics.period.type.${p}`) }))}
            value={state.periodType}
            onChange={(v) =>
              v && set({ periodType: v as PeriodType, periodFrom: '', periodTo: '' })
            }
            allowDeselect={false}
          />
          <TextInput
            label={t('statistics.range.from')}
            placeholder={PERIOD_EXAMPLES[state.periodType]}
            value={state.periodFrom}
            onChange={(e) => set({ periodFrom: e.currentTarget.value.trim() })}
            error={
              errors.periodFrom
                ? t(errors.periodFrom, { example: PERIOD_EXAMPLES[state.periodType] })
                : undefined
            }
          />
          <TextInput
            label={t('statistics.range.to')}
            placeholder={PERIOD_EXAMPLES[state.periodType]}
            value={state.periodTo}
            onChange={(e) => set({ periodTo: e.currentTarget.value.trim() })}
            error={
              errors.periodTo
                ? t(errors.periodTo, { example: PERIOD_EXAMPLES[state.periodType] })
                : undefined
            }
          />
        </Group>
        <Fieldset legend={t('statistics.pivot.filters')}>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {axes
              .filter((a) => a !== 'period')
              .map((axis) => (
                <MultiSelect
                  key={axis}
                  label={labels.dimension(axis)}
                  placeholder={t('statistics.pivot.all')}
                  data={axisOptions(axis).map((code) => ({
                    value: code,
                    label: labels.option(axis, code),
                  }))}
                  value={state.filters[axis] ?? []}
                  onChange={(v) => set({ filters: { ...state.filters, [axis]: v } })}
                  searchable
                  clearable
                />
              ))}
          </SimpleGrid>
        </Fieldset>
        <Group>
          <Button type="submit" disabled={Object.keys(errors).length > 0}>
            {t('statistics.pivot.show')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
