import {
  COMMIT_COUNTRIES,
  TRAINING_FILTER_TARGETS,
  type TrainingInput,
  type TrainingView,
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
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../api/queries';
import { useCan } from '../../auth/session';
import { DateText } from '../../components/DateText/DateText';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import {
  budgetsApi,
  formatNumber,
  type TrainingFilters,
} from '../../components/plans/budgets/budgets.api';
import { TrainingForm } from '../../components/plans/budgets/TrainingForm';
import { notify } from '../../i18n/notify';

const FRAMEWORKS = ['SPA3', 'SPA4'];

function yearsOf(e: TrainingView): string {
  if (e.yearStart !== null && e.yearEnd !== null && e.yearStart !== e.yearEnd) {
    return `${e.yearStart}–${e.yearEnd}`;
  }
  const y = e.yearStart ?? e.yearEnd;
  return y !== null ? String(y) : '';
}

/**
 * Training events (E15): level, country, title, curriculum, trainers, dates, linked targets and
 * participants by trainee type × sex; filters by target (1.2, 2.2, 2.3, 3.5), country and year,
 * with totals; create and edit.
 */
export function TrainingsPage(): ReactElement {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const countryLabel = useCountryLabel();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<TrainingFilters>({});
  const [editing, setEditing] = useState<TrainingView | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const list = useQuery({
    queryKey: ['plans', 'trainings', filters],
    queryFn: () => budgetsApi.trainings(filters),
  });
  const writable = useMemo(() => {
    const out: { value: string; label: string }[] = COMMIT_COUNTRIES.filter((c) =>
      can('create', 'plan', { countryCode: c }),
    ).map((c) => ({ value: c, label: countryLabel(c) }));
    if (can('create', 'plan', { countryCode: null })) {
      out.push({ value: '', label: t('plansBudgets.regional') });
    }
    return out;
  }, [can, countryLabel, t]);
  const fmt = (v: number | null) => formatNumber(i18n.language, v);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['plans', 'trainings'] });
  const setFilter = <K extends keyof TrainingFilters>(k: K, v: TrainingFilters[K] | undefined) =>
    setFilters((f) => {
      const next = { ...f };
      if (v === undefined || v === '') {
        delete next[k];
      } else {
        next[k] = v;
      }
      return next;
    });
  async function save(input: TrainingInput) {
    if (editing && editing !== 'new') {
      await budgetsApi.updateTraining(editing.id, { ...input, version: editing.version });
    } else {
      await budgetsApi.createTraining(input);
    }
    notify('success', t('plansBudgets.saved'));
    setEditing(null);
    await refresh();
  }
  async function remove(e: TrainingView) {
    setError(null);
    try {
      await budgetsApi.removeTraining(e.id);
      notify('success', t('plansBudgets.deleted'));
      await refresh();
    } catch (err) {
      setError(err);
    }
  }
  const items = list.data?.items ?? [];
  const totals = list.data?.totals;
  return (
    <Stack data-testid="TrainingsPage">
      <PageHeader
        title={t('plansBudgets.training.title')}
        description={t('plansBudgets.training.description')}
        actions={
          writable.length > 0 ? (
            <Button onClick={() => setEditing('new')}>{t('plansBudgets.training.create')}</Button>
          ) : null
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('plansBudgets.filter.target')}
          clearable
          data={TRAINING_FILTER_TARGETS.map((c) => ({
            value: c,
            label: t('plansBudgets.targetLabel', { code: c }),
          }))}
          value={filters.target ?? null}
          onChange={(v) => setFilter('target', v ?? undefined)}
        />
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
      </SimpleGrid>
      <ErrorAlert error={list.error ?? error} />
      {totals ? (
        <Card withBorder data-testid="training-totals">
          <Group gap="xl">
            <Text>
              {t('plansBudgets.totals.events')}: <b>{fmt(totals.events)}</b>
            </Text>
            <Text>
              {t('plansBudgets.totals.sessions')}: <b>{fmt(totals.sessions)}</b>
            </Text>
            <Text>
              {t('plansBudgets.totals.participants')}: <b>{fmt(totals.participants)}</b>
            </Text>
          </Group>
          {totals.byTraineeType.length > 0 ? (
            <Table mt="xs">
              <Table.Tbody>
                {totals.byTraineeType.map((c) => (
                  <Table.Tr key={`${c.traineeType}|${c.sex}`}>
                    <Table.Td>{t(`plansBudgets.traineeType.${c.traineeType}`)}</Table.Td>
                    <Table.Td>{t(`plansBudgets.sex.${c.sex}`)}</Table.Td>
                    <Table.Td ta="right">{fmt(c.count)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
        </Card>
      ) : null}
      {list.data && items.length === 0 ? (
        <Text c="dimmed">{t('plansBudgets.training.none')}</Text>
      ) : null}
      {items.map((e) => {
        const record = { countryCode: e.countryCode };
        return (
          <Card key={e.id} withBorder data-testid={`training-${e.id}`}>
            <Stack gap={4}>
              <Group justify="space-between" align="flex-start">
                <Title order={2} size="h5">
                  {e.title}
                </Title>
                <Group gap={4}>
                  {e.targets.map((c) => (
                    <Badge key={c} variant="light">
                      {t('plansBudgets.targetLabel', { code: c })}
                    </Badge>
                  ))}
                  {e.isSeeded ? <Badge variant="outline">{t('plansBudgets.seeded')}</Badge> : null}
                </Group>
              </Group>
              <Text size="sm" c="dimmed">
                {[
                  e.countryCode ? countryLabel(e.countryCode) : t('plansBudgets.regional'),
                  e.level
                    .split('+')
                    .map((l) => t(`plansBudgets.level.${l}`, { defaultValue: l }))
                    .join(' + '),
                  e.areaCode ? t('plansBudgets.areaLabel', { code: e.areaCode }) : null,
                  yearsOf(e),
                  e.periodText,
                  e.organiser,
                  e.location,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              {e.startOn ? (
                <Text size="sm">
                  <DateText value={e.startOn} />
                  {e.endOn && e.endOn !== e.startOn ? (
                    <>
                      {' – '}
                      <DateText value={e.endOn} />
                    </>
                  ) : null}
                </Text>
              ) : null}
              {e.curriculum ? <Text size="sm">{e.curriculum}</Text> : null}
              {e.trainers ? (
                <Text size="sm">
                  {t('plansBudgets.field.trainers')}: {e.trainers}
                </Text>
              ) : null}
              {e.eventsCount !== null || e.eventsCountText ? (
                <Text size="sm">
                  {t('plansBudgets.field.eventsCount')}:{' '}
                  {e.eventsCount !== null ? fmt(e.eventsCount) : ''}{' '}
                  {e.eventsCountText ? `(${e.eventsCountText})` : ''}
                </Text>
              ) : null}
              {e.counts.length > 0 ? (
                <Table withTableBorder>
                  <Table.Tbody>
                    {e.counts.map((c) => (
                      <Table.Tr key={`${c.traineeType}|${c.sex}`}>
                        <Table.Td>
                          {t(`plansBudgets.traineeType.${c.traineeType}`)}
                          {c.traineeTypeText ? (
                            <Text span size="xs" c="dimmed" ml={4}>
                              ({c.traineeTypeText})
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>{t(`plansBudgets.sex.${c.sex}`)}</Table.Td>
                        <Table.Td ta="right">
                          {c.isApproximate ? '≈ ' : ''}
                          {fmt(c.count)}
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs" c="dimmed">
                            {c.unitText}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : null}
              {e.quote ? (
                <Text size="sm" fs="italic" style={{ whiteSpace: 'pre-line' }}>
                  “{e.quote}”
                </Text>
              ) : null}
              <Group gap={4}>
                {can('update', 'plan', record) ? (
                  <Button size="xs" variant="subtle" onClick={() => setEditing(e)}>
                    {t('plansBudgets.edit')}
                  </Button>
                ) : null}
                {can('delete', 'plan', record) ? (
                  <Button size="xs" variant="subtle" color="red" onClick={() => void remove(e)}>
                    {t('plansBudgets.delete')}
                  </Button>
                ) : null}
              </Group>
            </Stack>
          </Card>
        );
      })}
      {editing ? (
        <TrainingForm
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
