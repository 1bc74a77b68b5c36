import type { NationalPlanView } from '@ctip/domain';
import { Box, Group, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../../api/queries';
import { useYearLabel } from '../shared/labels';

/**
 * National plans of action as a timeline: one row per country, one bar per plan over its period
 * (a year scale shared by all rows). A bar is a button when `onSelect` is given.
 */
export function NpaTimeline({
  plans,
  onSelect,
}: {
  plans: readonly NationalPlanView[];
  onSelect?: (plan: NationalPlanView) => void;
}): ReactElement {
  const { t } = useTranslation();
  const countryLabel = useCountryLabel();
  const year = useYearLabel();
  if (plans.length === 0) {
    return <Text c="dimmed">{t('plansWorkplans.npa.none')}</Text>;
  }
  const first = Math.min(...plans.map((p) => p.periodStart));
  const last = Math.max(...plans.map((p) => p.periodEnd));
  const span = last - first + 1;
  const countries = [...new Set(plans.map((p) => p.countryCode))];
  const pct = (y: number) => `${((y - first) / span) * 100}%`;
  return (
    <Stack gap={6} data-testid="npa-timeline" aria-label={t('plansWorkplans.npa.timeline')}>
      <Group justify="space-between" ml={120}>
        <Text size="xs" c="dimmed">
          {year(first)}
        </Text>
        <Text size="xs" c="dimmed">
          {year(last)}
        </Text>
      </Group>
      {countries.map((c) => (
        <Group key={c} gap="xs" wrap="nowrap" align="center">
          <Text size="sm" w={112} truncate>
            {countryLabel(c)}
          </Text>
          <Box pos="relative" h={26} style={{ flex: 1, background: 'var(--mantine-color-gray-1)' }}>
            {plans
              .filter((p) => p.countryCode === c)
              .map((p) => {
                const label = t('plansWorkplans.npa.bar', {
                  ordinal: p.ordinal,
                  from: year(p.periodStart),
                  to: year(p.periodEnd),
                });
                const tip = p.title ?? t('plansWorkplans.notGiven');
                const style = {
                  position: 'absolute' as const,
                  left: pct(p.periodStart),
                  width: `calc(${pct(p.periodEnd + 1)} - ${pct(p.periodStart)} - 2px)`,
                  top: 2,
                  bottom: 2,
                  background: 'var(--mantine-color-blue-6)',
                  color: 'white',
                  borderRadius: 4,
                  fontSize: 12,
                  padding: '0 4px',
                  overflow: 'hidden',
                  whiteSpace: 'nowrap' as const,
                };
                return (
                  <Tooltip key={p.id} label={tip}>
                    {onSelect ? (
                      <UnstyledButton style={style} onClick={() => onSelect(p)} aria-label={label}>
                        {label}
                      </UnstyledButton>
                    ) : (
                      <Box style={style} aria-label={label}>
                        {label}
                      </Box>
                    )}
                  </Tooltip>
                );
              })}
          </Box>
        </Group>
      ))}
    </Stack>
  );
}
