import {
  COMMIT_COUNTRIES,
  type IndicatorDashboardRow,
  type PlanIndicatorView,
  type TrackStatus,
  widestScope,
} from '@ctip/domain';
import {
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../api/queries';
import { useActor, useCan } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { IndicatorChart } from '../../components/plans/indicators/IndicatorChart';
import { IndicatorEditor } from '../../components/plans/indicators/IndicatorEditor';
import { indicatorsApi } from '../../components/plans/indicators/indicators.api';
import { useYearLabel } from '../../components/plans/shared/labels';

const STATUS_COLOR: Record<TrackStatus, string> = {
  on_track: 'green',
  off_track: 'red',
  no_data: 'gray',
};

function StatusBadge({ status }: { status: TrackStatus }): ReactElement {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light">
      {t(`plansIndicators.status.${status}`)}
    </Badge>
  );
}

/**
 * /plans/indicators: the indicator dashboard. Per country (a focal point's own; the Secretariat
 * picks one) and framework, the selected indicators with baseline, annual progress markers,
 * actuals (from the statistics or entered by hand), on track / off track / no data and a small
 * line chart; editors for the selection, baseline, markers and manual actuals.
 */
export function IndicatorsPage(): ReactElement {
  const { t, i18n } = useTranslation();
  const actor = useActor();
  const can = useCan();
  const countryLabel = useCountryLabel();
  const yearLabel = useYearLabel();
  const queryClient = useQueryClient();
  const regional = actor ? widestScope(actor, 'read', 'plan') === 'region' : false;
  const [country, setCountry] = useState<string>(regional ? COMMIT_COUNTRIES[0] : '');
  const [framework, setFramework] = useState<string>('');
  const [editing, setEditing] = useState<IndicatorDashboardRow | null>(null);
  const query = {
    country: regional ? country || undefined : undefined,
    framework: framework || undefined,
  };
  const dash = useQuery({
    queryKey: ['plans', 'indicator-dashboard', query.country ?? '', query.framework ?? ''],
    queryFn: () => indicatorsApi.dashboard(query),
  });
  const current = dash.data?.country ?? null;
  const mayEdit = current !== null && can('update', 'plan', { countryCode: current });
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: ['plans', 'indicator-dashboard'] });
  const select = useMutation({
    mutationFn: (ind: PlanIndicatorView) => indicatorsApi.select(ind.id, current ?? '', {}),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (row: IndicatorDashboardRow) =>
      indicatorsApi.remove(row.indicator.id, current ?? '', row.selection.version),
    onSuccess: refresh,
  });
  const number = (v: number | null) =>
    v === null ? '—' : new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en').format(v);
  const d = dash.data;
  const selectedIds = new Set(d?.rows.map((r) => r.indicator.id) ?? []);
  const unselected = (d?.indicators ?? []).filter((i) => !selectedIds.has(i.id));
  return (
    <Stack data-testid="IndicatorsPage">
      <PageHeader
        title={t('plansIndicators.title')}
        description={t('plansIndicators.description')}
      />
      <Group>
        {regional ? (
          <Select
            label={t('plansIndicators.country')}
            data={COMMIT_COUNTRIES.map((c) => ({ value: c, label: countryLabel(c) }))}
            value={country}
            onChange={(v) => setCountry(v ?? COMMIT_COUNTRIES[0])}
            allowDeselect={false}
            w={220}
          />
        ) : null}
        <Select
          label={t('plansIndicators.framework')}
          data={(d?.frameworks ?? []).map((f) => ({ value: f.id, label: f.title }))}
          value={framework || d?.framework?.id || null}
          onChange={(v) => setFramework(v ?? '')}
          w={360}
        />
      </Group>
      {dash.error ? <ErrorAlert error={dash.error} /> : null}
      {select.error ? <ErrorAlert error={select.error} /> : null}
      {remove.error ? <ErrorAlert error={remove.error} /> : null}
      {dash.isLoading ? <Loader /> : null}
      {d ? (
        <>
          <Group data-testid="indicator-totals">
            {(['on_track', 'off_track', 'no_data'] as const).map((s) => (
              <Badge key={s} color={STATUS_COLOR[s]} size="lg" variant="outline">
                {t(`plansIndicators.totals.${s}`, { n: d.totals[s] })}
              </Badge>
            ))}
          </Group>
          {d.rows.length === 0 ? <Text c="dimmed">{t('plansIndicators.none')}</Text> : null}
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            {d.rows.map((row) => (
              <Card
                key={row.indicator.id}
                withBorder
                data-testid={`indicator-${row.indicator.code}`}
              >
                <Group justify="space-between" align="flex-start">
                  <div>
                    <Text fw={600}>
                      {row.indicator.code} · {row.indicator.title}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t('plansIndicators.node', {
                        code: row.indicator.nodeCode ?? '—',
                      })}{' '}
                      · {t(`plansIndicators.direction.${row.indicator.direction}`)} ·{' '}
                      {row.indicator.unit}
                    </Text>
                  </div>
                  <StatusBadge status={row.selection.status} />
                </Group>
                <Group gap="xs" my="xs">
                  <Badge variant="dot">
                    {row.indicator.statElementCode
                      ? t('plansIndicators.source.Statistics', {
                          element: row.indicator.statElementCode,
                        })
                      : t('plansIndicators.source.Manual')}
                  </Badge>
                  <Text size="sm">
                    {t('plansIndicators.baselineOf', {
                      value: number(row.selection.baselineValue),
                      year:
                        row.selection.baselineYear === null
                          ? '—'
                          : yearLabel(row.selection.baselineYear),
                    })}
                  </Text>
                </Group>
                <IndicatorChart selection={row.selection} yearLabel={yearLabel} />
                <Table fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('plansIndicators.year')}</Table.Th>
                      <Table.Th>{t('plansIndicators.marker')}</Table.Th>
                      <Table.Th>{t('plansIndicators.actual')}</Table.Th>
                      <Table.Th>{t('plansIndicators.statusLabel')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {row.selection.years.map((y) => (
                      <Table.Tr key={y.year}>
                        <Table.Td>{yearLabel(y.year)}</Table.Td>
                        <Table.Td>{number(y.markerValue)}</Table.Td>
                        <Table.Td>
                          {number(y.actualValue)}
                          {y.actualSource ? (
                            <Text span size="xs" c="dimmed">
                              {' '}
                              ({t(`plansIndicators.sourceShort.${y.actualSource}`)})
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          <StatusBadge status={y.status} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {mayEdit ? (
                  <Group justify="flex-end" mt="xs">
                    <Button variant="light" size="xs" onClick={() => setEditing(row)}>
                      {t('plansIndicators.edit')}
                    </Button>
                    <Button
                      variant="subtle"
                      color="red"
                      size="xs"
                      onClick={() => remove.mutate(row)}
                      loading={remove.isPending}
                    >
                      {t('plansIndicators.deselect')}
                    </Button>
                  </Group>
                ) : null}
              </Card>
            ))}
          </SimpleGrid>
          {mayEdit && unselected.length > 0 ? (
            <Paper withBorder p="md">
              <Title order={4} mb="xs">
                {t('plansIndicators.available')}
              </Title>
              <Table data-testid="indicator-available">
                <Table.Tbody>
                  {unselected.map((ind) => (
                    <Table.Tr key={ind.id}>
                      <Table.Td>{ind.nodeCode ?? '—'}</Table.Td>
                      <Table.Td>
                        {ind.code} · {ind.title}
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => select.mutate(ind)}
                          aria-label={t('plansIndicators.selectOne', { code: ind.code })}
                        >
                          {t('plansIndicators.select')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          ) : null}
        </>
      ) : null}
      {editing && current ? (
        <IndicatorEditor
          indicator={editing.indicator}
          selection={editing.selection}
          country={current}
          yearLabel={yearLabel}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}
