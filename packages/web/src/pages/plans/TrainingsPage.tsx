import { TRAINING_FILTER_TARGETS, type TrainingInput, type TrainingView } from '@ctip/domain';
import { Badge, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../api/queries';
import { DateText } from '../../components/DateText/DateText';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import {
  budgetsApi,
  formatNumber,
  type TrainingFilters,
} from '../../components/plans/budgets/budgets.api';
import { TrainingForm } from '../../components/plans/budgets/TrainingForm';
import { ListHeader, RecordActions } from '../../components/plans/shared/actions';
import { useWritableCountries } from '../../components/plans/shared/countries';
import { CountryFilter, useFilters, YearFilter } from '../../components/plans/shared/fields';
import { yearSpan } from '../../components/plans/shared/labels';
import { useRecordEditor } from '../../components/plans/shared/records';

const FRAMEWORKS = ['SPA3', 'SPA4'];

/**
 * Training events (E15): level, country, title, curriculum, trainers, dates, linked targets and
 * participants by trainee type × sex; filters by target (1.2, 2.2, 2.3, 3.5), country and year,
 * with totals; create and edit.
 */
export function TrainingsPage(): ReactElement {
  const { t, i18n } = useTranslation();
  const countryLabel = useCountryLabel();
  const [filters, setFilter] = useFilters<TrainingFilters>();
  const list = useQuery({
    queryKey: ['plans', 'trainings', filters],
    queryFn: () => budgetsApi.trainings(filters),
  });
  const writable = useWritableCountries(t('plansBudgets.regional'));
  const fmt = (v: number | null) => formatNumber(i18n.language, v);
  const { editing, setEditing, error, save, remove } = useRecordEditor<TrainingView, TrainingInput>(
    {
      queryKey: ['plans', 'trainings'],
      create: budgetsApi.createTraining,
      update: budgetsApi.updateTraining,
      remove: budgetsApi.removeTraining,
      savedMessage: t('plansBudgets.saved'),
      deletedMessage: t('plansBudgets.deleted'),
    },
  );
  const items = list.data?.items ?? [];
  const totals = list.data?.totals;
  return (
    <Stack data-testid="TrainingsPage">
      <ListHeader
        title={t('plansBudgets.training.title')}
        description={t('plansBudgets.training.description')}
        createLabel={t('plansBudgets.training.create')}
        canCreate={writable.length > 0}
        onCreate={() => setEditing('new')}
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
                  yearSpan(e),
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
              <RecordActions
                countryCode={e.countryCode}
                editLabel={t('plansBudgets.edit')}
                deleteLabel={t('plansBudgets.delete')}
                onEdit={() => setEditing(e)}
                onDelete={() => void remove(e)}
              />
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
