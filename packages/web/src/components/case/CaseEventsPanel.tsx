import type {
  CaseEvent,
  PERPETRATOR_ROLES,
  PerpetratorInput,
  TraffickingEventInput,
  TraffickingEventType,
} from '@ctip/domain';
import {
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { casesApi } from '../../api/cases.api';
import { useCountryLabel } from '../../api/queries';
import { errorText } from '../../i18n/errors';
import { notify } from '../../i18n/notify';
import { useCountryOptions } from '../CaseForm/CaseFields';
import { htcdsLabel, useHtcdsOptions } from '../CaseForm/htcds-lists';
import { ConfirmDialog } from '../ConfirmDialog/ConfirmDialog';
import { DateText } from '../DateText/DateText';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';

export type CaseEventsPanelProps = { caseId: string };

const EMPTY_EVENT: TraffickingEventInput = { type: 'Recruitment' };

function blankToUndefined(value: string | null | undefined): string | undefined {
  return value?.trim() ? value.trim() : undefined;
}

function EventForm({ caseId, onDone }: { caseId: string; onDone: () => void }): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const types = useHtcdsOptions('eventType');
  const countries = useCountryOptions();
  const [value, setValue] = useState<TraffickingEventInput>(EMPTY_EVENT);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(): Promise<void> {
    setBusy(true);
    setFailure(null);
    try {
      await casesApi.addEvent(caseId, {
        type: value.type,
        country: value.country,
        state: blankToUndefined(value.state),
        city: blankToUndefined(value.city),
        date: blankToUndefined(value.date),
        description: blankToUndefined(value.description),
      });
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      setValue(EMPTY_EVENT);
      onDone();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('cases.events.type')}
          data={types}
          value={value.type}
          onChange={(v) =>
            setValue({ ...value, type: (v as TraffickingEventType) ?? 'Recruitment' })
          }
          required
        />
        <Select
          label={t('cases.events.country')}
          data={countries}
          value={value.country ?? null}
          onChange={(v) => setValue({ ...value, country: v ?? undefined })}
          searchable
          clearable
          nothingFoundMessage={t('common.noResults')}
        />
        <TextInput
          type="date"
          label={t('cases.events.date')}
          value={value.date ?? ''}
          onChange={(e) => setValue({ ...value, date: e.currentTarget.value })}
        />
        <TextInput
          label={t('cases.events.state')}
          value={value.state ?? ''}
          onChange={(e) => setValue({ ...value, state: e.currentTarget.value })}
        />
        <TextInput
          label={t('cases.events.city')}
          value={value.city ?? ''}
          onChange={(e) => setValue({ ...value, city: e.currentTarget.value })}
        />
      </SimpleGrid>
      <Textarea
        mt="xs"
        label={t('cases.events.description')}
        value={value.description ?? ''}
        onChange={(e) => setValue({ ...value, description: e.currentTarget.value })}
        autosize
      />
      <ErrorAlert error={failure} />
      <Group justify="flex-end" mt="sm">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button onClick={handleSubmit} loading={busy}>
          {t('cases.events.add')}
        </Button>
      </Group>
    </Card>
  );
}

function PerpetratorForm({ caseId, onDone }: { caseId: string; onDone: () => void }): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const roles = useHtcdsOptions('perpetratorRole');
  const genders = useHtcdsOptions('gender');
  const countries = useCountryOptions();
  const [value, setValue] = useState<PerpetratorInput>({ roles: [], isFormerVictim: false });
  const [failure, setFailure] = useState<unknown>(null);

  async function handleSubmit(): Promise<void> {
    setFailure(null);
    try {
      await casesApi.addPerpetrator(caseId, {
        ...value,
        name: blankToUndefined(value.name),
        roleDetails: blankToUndefined(value.roleDetails),
      });
      await queryClient.invalidateQueries({ queryKey: ['cases', 'perpetrators', caseId] });
      onDone();
    } catch (err) {
      setFailure(err);
    }
  }

  return (
    <Card withBorder>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MultiSelect
          label={t('cases.perpetrators.roles')}
          data={roles}
          value={value.roles}
          onChange={(v) => setValue({ ...value, roles: v as (typeof PERPETRATOR_ROLES)[number][] })}
          required
          searchable
        />
        <TextInput
          label={t('cases.perpetrators.name')}
          autoComplete="off"
          value={value.name ?? ''}
          onChange={(e) => setValue({ ...value, name: e.currentTarget.value })}
        />
        <Select
          label={t('cases.person.nationality')}
          data={countries}
          value={value.nationality ?? null}
          onChange={(v) => setValue({ ...value, nationality: v ?? undefined })}
          searchable
          clearable
          nothingFoundMessage={t('common.noResults')}
        />
        <Select
          label={t('cases.person.gender')}
          data={genders}
          value={value.gender ?? null}
          onChange={(v) =>
            setValue({ ...value, gender: (v as PerpetratorInput['gender']) ?? undefined })
          }
          clearable
        />
      </SimpleGrid>
      <Textarea
        mt="xs"
        label={t('cases.perpetrators.roleDetails')}
        value={value.roleDetails ?? ''}
        onChange={(e) => setValue({ ...value, roleDetails: e.currentTarget.value })}
        autosize
      />
      <Checkbox
        mt="xs"
        label={t('cases.perpetrators.isFormerVictim')}
        checked={value.isFormerVictim}
        onChange={(e) => setValue({ ...value, isFormerVictim: e.currentTarget.checked })}
      />
      <ErrorAlert error={failure} />
      <Group justify="flex-end" mt="sm">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button onClick={handleSubmit} disabled={value.roles.length === 0}>
          {t('cases.perpetrators.add')}
        </Button>
      </Group>
    </Card>
  );
}

/** The trafficking events (HTCDS hte_*) and perpetrators (per_*) of a case. */
export function CaseEventsPanel({ caseId }: CaseEventsPanelProps): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const country = useCountryLabel();
  const events = useQuery({
    queryKey: ['cases', 'events', caseId],
    queryFn: () => casesApi.events(caseId),
  });
  const perpetrators = useQuery({
    queryKey: ['cases', 'perpetrators', caseId],
    queryFn: () => casesApi.perpetrators(caseId),
  });
  const [adding, setAdding] = useState(false);
  const [addingPerpetrator, setAddingPerpetrator] = useState(false);
  const [removing, setRemoving] = useState<CaseEvent | null>(null);

  async function handleRemove(event: CaseEvent): Promise<void> {
    try {
      await casesApi.deleteEvent(caseId, event.id);
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
    } catch (err) {
      notify('error', errorText(t, err));
    }
  }

  return (
    <Stack data-testid="CaseEventsPanel">
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('cases.events.title')}
        </Title>
        {!adding ? (
          <Button variant="light" onClick={() => setAdding(true)}>
            {t('cases.events.add')}
          </Button>
        ) : null}
      </Group>
      {adding ? <EventForm caseId={caseId} onDone={() => setAdding(false)} /> : null}
      <ErrorAlert error={events.error} />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('cases.events.type')}</Table.Th>
            <Table.Th scope="col">{t('cases.events.date')}</Table.Th>
            <Table.Th scope="col">{t('cases.events.place')}</Table.Th>
            <Table.Th scope="col">{t('cases.events.description')}</Table.Th>
            <Table.Th scope="col">{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(events.data?.items ?? []).map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{htcdsLabel(t, 'eventType', e.type)}</Table.Td>
              <Table.Td>
                <DateText value={e.date} />
              </Table.Td>
              <Table.Td>
                {[e.city, e.state, country(e.country)].filter(Boolean).join(', ')}
              </Table.Td>
              <Table.Td>{e.description}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(e)}>
                  {t('common.delete')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {events.data?.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('cases.events.none')}
        </Text>
      ) : null}

      <Group justify="space-between" mt="md">
        <Title order={3} size="h4">
          {t('cases.perpetrators.title')}
        </Title>
        {!addingPerpetrator ? (
          <Button variant="light" onClick={() => setAddingPerpetrator(true)}>
            {t('cases.perpetrators.add')}
          </Button>
        ) : null}
      </Group>
      {addingPerpetrator ? (
        <PerpetratorForm caseId={caseId} onDone={() => setAddingPerpetrator(false)} />
      ) : null}
      <ErrorAlert error={perpetrators.error} />
      {(perpetrators.data?.items ?? []).map((p) => (
        <Card key={p.id} withBorder padding="sm">
          <Text fw={500}>{p.name || t('cases.perpetrators.unnamed')}</Text>
          <Text size="sm">
            {p.roles.map((r) => htcdsLabel(t, 'perpetratorRole', r)).join(', ')}
          </Text>
          <Text size="sm" c="dimmed">
            {[htcdsLabel(t, 'gender', p.gender), country(p.nationality)]
              .filter(Boolean)
              .join(' · ')}
            {p.isFormerVictim ? ` · ${t('cases.perpetrators.isFormerVictim')}` : ''}
          </Text>
          {p.roleDetails ? <Text size="sm">{p.roleDetails}</Text> : null}
        </Card>
      ))}
      <ConfirmDialog
        opened={removing !== null}
        title={t('cases.events.removeTitle')}
        message={t('cases.events.removeConfirm')}
        confirmLabel={t('common.delete')}
        danger
        onClose={() => setRemoving(null)}
        onConfirm={() => (removing ? handleRemove(removing) : undefined)}
      />
    </Stack>
  );
}
