import type { WorkplanActivityView, WorkplanStatus, WorkplanView } from '@ctip/domain';
import {
  Badge,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useCountryLabel } from '../../api/queries';
import { useCan } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { useYearLabel } from '../../components/plans/shared/labels';
import { ActivityModal } from '../../components/plans/workplans/ActivityModal';
import { useMoneyLabel } from '../../components/plans/workplans/labels';
import { workplansApi } from '../../components/plans/workplans/workplans.api';

/** The header form: title, status and the workplan's USD rate, under its version lock. */
function HeaderForm({ wp, canEdit }: { wp: WorkplanView; canEdit: boolean }): ReactElement {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [title, setTitle] = useState(wp.title ?? '');
  const [status, setStatus] = useState<WorkplanStatus>(wp.status);
  const [rate, setRate] = useState<number | string>(wp.usdRate ?? '');
  useEffect(() => {
    setTitle(wp.title ?? '');
    setStatus(wp.status);
    setRate(wp.usdRate ?? '');
  }, [wp]);
  const save = useMutation({
    mutationFn: () =>
      workplansApi.update(wp.id, {
        version: wp.version,
        title: title.trim() || null,
        status,
        usdRate: rate === '' ? null : Number(rate),
      }),
    onSuccess: (next) => qc.setQueryData(['plans', 'workplan', wp.id], next),
  });
  const err = (name: string) =>
    isApiError(save.error) && save.error.field === name ? t('validation.invalid') : undefined;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('plansWorkplans.field.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          readOnly={!canEdit}
          w={320}
        />
        <Select
          label={t('plansWorkplans.field.status')}
          data={(['Draft', 'Adopted'] as const).map((s) => ({
            value: s,
            label: t(`plansWorkplans.status.${s}`),
          }))}
          value={status}
          onChange={(v) => setStatus((v as WorkplanStatus) ?? 'Draft')}
          disabled={!canEdit}
          allowDeselect={false}
          w={140}
        />
        <NumberInput
          label={t('plansWorkplans.field.usdRate')}
          description={t('plansWorkplans.usdRateHint', { currency: wp.currency })}
          value={rate}
          onChange={setRate}
          min={0}
          decimalScale={6}
          disabled={!canEdit || wp.currency === 'USD'}
          error={err('usdRate')}
          w={200}
        />
        {canEdit ? (
          <Button type="submit" loading={save.isPending}>
            {t('plansWorkplans.save')}
          </Button>
        ) : null}
      </Group>
      {save.error && !(isApiError(save.error) && save.error.field === 'usdRate') ? (
        <ErrorAlert error={save.error} />
      ) : null}
    </form>
  );
}

/**
 * /plans/workplans/:id: the workplan editor. Header (title, status, USD rate), activities picked
 * from the framework tree with national titles, lead and partner agencies and planned budget,
 * totals in USD per area, and a copy of the workplan into the next year.
 */
export function WorkplanPage(): ReactElement {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const can = useCan();
  const countryLabel = useCountryLabel();
  const year = useYearLabel();
  const money = useMoneyLabel();
  const [editing, setEditing] = useState<WorkplanActivityView | 'new' | null>(null);
  const query = useQuery({
    queryKey: ['plans', 'workplan', id],
    queryFn: () => workplansApi.get(id),
  });
  const remove = useMutation({
    mutationFn: (activityId: string) => workplansApi.removeActivity(id, activityId),
    onSuccess: (wp) => qc.setQueryData(['plans', 'workplan', id], wp),
  });
  const copy = useMutation({
    mutationFn: () => workplansApi.copy(id, {}),
    onSuccess: (wp) => navigate(`/plans/workplans/${wp.id}`),
  });
  const wp = query.data;
  if (query.isLoading) {
    return <Loader />;
  }
  if (!wp) {
    return <ErrorAlert error={query.error} />;
  }
  const canEdit = can('update', 'plan', { countryCode: wp.countryCode });
  const canCopy =
    can('create', 'plan', { countryCode: wp.countryCode }) && wp.year < wp.frameworkYears.last;
  const notGiven = t('plansWorkplans.notGiven');
  return (
    <Stack data-testid="WorkplanPage">
      <PageHeader
        title={
          wp.title ??
          t('plansWorkplans.editor.untitled', {
            country: countryLabel(wp.countryCode),
            year: year(wp.year),
          })
        }
        description={t('plansWorkplans.editor.description', {
          country: countryLabel(wp.countryCode),
          framework: wp.frameworkTitle,
          year: year(wp.year),
          currency: wp.currency,
        })}
      />
      <Group>
        <Badge>{t(`plansWorkplans.status.${wp.status}`)}</Badge>
        {wp.isDemo ? <Badge color="grape">{t('plansWorkplans.demo')}</Badge> : null}
        {canCopy ? (
          <Button variant="light" onClick={() => copy.mutate()} loading={copy.isPending}>
            {t('plansWorkplans.editor.copy', { year: year(wp.year + 1) })}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={copy.error} />
      <Paper withBorder p="md">
        <HeaderForm wp={wp} canEdit={canEdit} />
      </Paper>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={3}>
            {t('plansWorkplans.editor.activities', { count: wp.activities.length })}
          </Title>
          {canEdit ? (
            <Button onClick={() => setEditing('new')}>{t('plansWorkplans.activity.add')}</Button>
          ) : null}
        </Group>
        <ErrorAlert error={remove.error} />
        {wp.activities.length === 0 ? (
          <Text c="dimmed">{t('plansWorkplans.editor.noActivities')}</Text>
        ) : (
          <Table striped data-testid="workplan-activities">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plansWorkplans.field.frameworkActivity')}</Table.Th>
                <Table.Th>{t('plansWorkplans.field.titleEn')}</Table.Th>
                <Table.Th>{t('plansWorkplans.field.titleLocal')}</Table.Th>
                <Table.Th>{t('plansWorkplans.field.leadAgency')}</Table.Th>
                <Table.Th>{t('plansWorkplans.field.partners')}</Table.Th>
                <Table.Th>
                  {t('plansWorkplans.field.plannedAmount', { currency: wp.currency })}
                </Table.Th>
                <Table.Th>USD</Table.Th>
                {canEdit ? <Table.Th>{t('plansWorkplans.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {wp.activities.map((a) => {
                const partners = a.partnerAgencyIds
                  .map((p) => wp.agencies.find((g) => g.id === p)?.name ?? '')
                  .filter(Boolean);
                return (
                  <Table.Tr key={a.id}>
                    <Table.Td title={a.nodeTitle ?? notGiven}>{a.nodeCode}</Table.Td>
                    <Table.Td>{a.title}</Table.Td>
                    <Table.Td>{a.titleLocal ?? ''}</Table.Td>
                    <Table.Td>{a.leadAgencyName ?? a.leadAgencyText ?? ''}</Table.Td>
                    <Table.Td>
                      {[...partners, a.partnersText ?? ''].filter(Boolean).join('; ')}
                    </Table.Td>
                    <Table.Td>{money(a.plannedAmount, wp.currency)}</Table.Td>
                    <Table.Td>{money(a.plannedUsd, 'USD')}</Table.Td>
                    {canEdit ? (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button size="xs" variant="subtle" onClick={() => setEditing(a)}>
                            {t('plansWorkplans.edit')}
                          </Button>
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => remove.mutate(a.id)}
                            aria-label={t('plansWorkplans.activity.remove', { code: a.nodeCode })}
                          >
                            {t('plansWorkplans.remove')}
                          </Button>
                        </Group>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} mb="sm">
          {t('plansWorkplans.editor.totals')}
        </Title>
        <Table data-testid="workplan-totals">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plansWorkplans.editor.area')}</Table.Th>
              <Table.Th>{t('plansWorkplans.list.activities')}</Table.Th>
              <Table.Th>{t('plansWorkplans.list.plannedUsd')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {wp.totals.byArea.map((r) => (
              <Table.Tr key={r.areaCode ?? ''}>
                <Table.Td>{r.areaCode ?? '—'}</Table.Td>
                <Table.Td>{r.activityCount}</Table.Td>
                <Table.Td>{money(r.plannedUsd, 'USD')}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr fw={700}>
              <Table.Td>{t('plansWorkplans.editor.total')}</Table.Td>
              <Table.Td>{wp.activities.length}</Table.Td>
              <Table.Td>{money(wp.totals.plannedUsd, 'USD')}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {wp.totals.unconverted > 0 ? (
          <Text size="sm" c="orange">
            {t('plansWorkplans.editor.unconverted', { count: wp.totals.unconverted })}
          </Text>
        ) : null}
      </Paper>
      {editing !== null ? (
        <ActivityModal
          workplan={wp}
          activity={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}
