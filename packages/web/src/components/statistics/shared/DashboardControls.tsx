import { Group, SegmentedControl, Select, Stack, Switch, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/session';
import type { StatLabels } from './labels';

export type StatSource = 'national' | 'regional';

/** Years offered by the year pickers: 2000 to next year. */
export function yearChoices(now: Date = new Date()): string[] {
  const last = now.getFullYear() + 1;
  return Array.from({ length: last - 2000 + 1 }, (_, i) => String(last - i));
}

/** Does the actor may see unsuppressed internal figures (statistic_internal:read)? */
export function useCanReadInternal(): boolean {
  const can = useCan();
  return can('read', 'statistic_internal');
}

export type DashboardControlsProps = {
  labels: StatLabels;
  source: StatSource;
  onSource: (s: StatSource) => void;
  from: string | null;
  to: string | null;
  onFrom: (y: string) => void;
  onTo: (y: string) => void;
  internal: boolean;
  onInternal: (v: boolean) => void;
};

/** Source (national / regional), year range and, where allowed, the internal view. */
export function DashboardControls({
  labels,
  source,
  onSource,
  from,
  to,
  onFrom,
  onTo,
  internal,
  onInternal,
}: DashboardControlsProps): ReactElement {
  const { t } = useTranslation();
  const canInternal = useCanReadInternal();
  const years = yearChoices().map((y) => ({ value: y, label: labels.year(Number(y)) }));
  return (
    <Group align="flex-end" wrap="wrap">
      <Stack gap={4}>
        <Text size="sm" fw={500} id="stat-source-label">
          {t('statistics.source.label')}
        </Text>
        <SegmentedControl
          aria-labelledby="stat-source-label"
          value={source}
          onChange={(v) => onSource(v as StatSource)}
          data={[
            { value: 'national', label: t('statistics.source.national') },
            { value: 'regional', label: t('statistics.source.regional') },
          ]}
        />
      </Stack>
      <Select
        label={t('statistics.range.from')}
        data={years}
        value={from}
        onChange={(v) => v && onFrom(v)}
        allowDeselect={false}
        searchable
        w={140}
      />
      <Select
        label={t('statistics.range.to')}
        data={years}
        value={to}
        onChange={(v) => v && onTo(v)}
        allowDeselect={false}
        searchable
        w={140}
        error={from && to && from > to ? t('statistics.range.toBeforeFrom') : undefined}
      />
      {canInternal && source === 'national' ? (
        <Switch
          label={t('statistics.internal.toggle')}
          checked={internal}
          onChange={(e) => onInternal(e.currentTarget.checked)}
          data-testid="internal-toggle"
        />
      ) : null}
    </Group>
  );
}
