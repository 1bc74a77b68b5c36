import { COMMIT_COUNTRIES, type NationalPlanView, widestScope } from '@ctip/domain';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCountryLabel } from '../../api/queries';
import { useActor, useCan } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { useYearLabel } from '../../components/plans/shared/labels';
import { useMoneyLabel } from '../../components/plans/workplans/labels';
import { NationalPlanModal } from '../../components/plans/workplans/NationalPlanModal';
import { NpaTimeline } from '../../components/plans/workplans/NpaTimeline';
import { WorkplanCreateForm } from '../../components/plans/workplans/WorkplanCreateForm';
import { workplansApi } from '../../components/plans/workplans/workplans.api';

/**
 * /plans/workplans: the national plans of action per country as a timeline (record or amend one),
 * and the annual workplans with their activity counts and planned USD (start one). A focal point
 * sees their own country; the Secretariat picks a country or sees all.
 */
export function WorkplansPage(): ReactElement {
  const { t } = useTranslation();
  const actor = useActor();
  const can = useCan();
  const countryLabel = useCountryLabel();
  const year = useYearLabel();
  const money = useMoneyLabel();
  const regional = actor ? widestScope(actor, 'read', 'plan') === 'region' : false;
  const own = actor?.countryCode ?? '';
  const [country, setCountry] = useState<string>(regional ? '' : own);
  const [editing, setEditing] = useState<NationalPlanView | 'new' | null>(null);
  const asked = regional ? country || undefined : undefined;
  const npas = useQuery({
    queryKey: ['plans', 'national-plans', asked ?? ''],
    queryFn: () => workplansApi.nationalPlans(asked),
  });
  const workplans = useQuery({
    queryKey: ['plans', 'workplans', asked ?? ''],
    queryFn: () => workplansApi.list({ country: asked }),
  });
  const createCountries = regional
    ? COMMIT_COUNTRIES.filter((c) => !country || c === country)
    : COMMIT_COUNTRIES.filter((c) => c === own);
  const canCreate = createCountries.some((c) => can('create', 'plan', { countryCode: c }));
  return (
    <Stack data-testid="WorkplansPage">
      <PageHeader
        title={t('plansWorkplans.list.title')}
        description={t('plansWorkplans.list.description')}
      />
      {regional ? (
        <Select
          label={t('plansWorkplans.field.country')}
          data={[
            { value: '', label: t('plansWorkplans.allCountries') },
            ...COMMIT_COUNTRIES.map((c) => ({ value: c, label: countryLabel(c) })),
          ]}
          value={country}
          onChange={(v) => setCountry(v ?? '')}
          w={240}
        />
      ) : null}
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={3}>{t('plansWorkplans.npa.title')}</Title>
          {canCreate ? (
            <Button variant="light" onClick={() => setEditing('new')}>
              {t('plansWorkplans.npa.add')}
            </Button>
          ) : null}
        </Group>
        {npas.isLoading ? <Loader size="sm" /> : null}
        <ErrorAlert error={npas.error} />
        {npas.data ? (
          <NpaTimeline
            plans={npas.data}
            onSelect={(p) =>
              can('update', 'plan', { countryCode: p.countryCode }) ? setEditing(p) : undefined
            }
          />
        ) : null}
        {npas.data?.some((p) => p.isSeeded) ? (
          <Text size="xs" c="dimmed" mt="xs">
            {t('plansWorkplans.npa.source')}
          </Text>
        ) : null}
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} mb="sm">
          {t('plansWorkplans.list.workplans')}
        </Title>
        {workplans.isLoading ? <Loader size="sm" /> : null}
        <ErrorAlert error={workplans.error} />
        {workplans.data && workplans.data.items.length === 0 ? (
          <Text c="dimmed">{t('plansWorkplans.list.none')}</Text>
        ) : null}
        {workplans.data && workplans.data.items.length > 0 ? (
          <Table striped data-testid="workplans-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plansWorkplans.field.country')}</Table.Th>
                <Table.Th>{t('plansWorkplans.field.framework')}</Table.Th>
                <Table.Th>{t('plansWorkplans.field.year')}</Table.Th>
                <Table.Th>{t('plansWorkplans.field.title')}</Table.Th>
                <Table.Th>{t('plansWorkplans.field.status')}</Table.Th>
                <Table.Th>{t('plansWorkplans.list.activities')}</Table.Th>
                <Table.Th>{t('plansWorkplans.list.plannedUsd')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {workplans.data.items.map((w) => (
                <Table.Tr key={w.id}>
                  <Table.Td>{countryLabel(w.countryCode)}</Table.Td>
                  <Table.Td>{w.frameworkId}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/plans/workplans/${w.id}`}>
                      {year(w.year)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {w.title ?? ''}{' '}
                    {w.isDemo ? (
                      <Badge size="xs" color="grape">
                        {t('plansWorkplans.demo')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{t(`plansWorkplans.status.${w.status}`)}</Table.Td>
                  <Table.Td>{w.activityCount}</Table.Td>
                  <Table.Td>{money(w.plannedUsd, 'USD')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Paper>
      {canCreate && workplans.data ? (
        <Paper withBorder p="md">
          <Title order={3} mb="sm">
            {t('plansWorkplans.create')}
          </Title>
          <WorkplanCreateForm
            key={createCountries.join()}
            countries={createCountries}
            frameworks={workplans.data.frameworks}
          />
        </Paper>
      ) : null}
      {editing !== null ? (
        <NationalPlanModal
          opened
          onClose={() => setEditing(null)}
          plan={editing === 'new' ? null : editing}
          countries={createCountries}
          defaultCountry={createCountries[0] ?? own}
        />
      ) : null}
    </Stack>
  );
}
