import {
  type ActionItemInput,
  ActionItemInputSchema,
  type Meeting,
  type MeetingActionItem,
} from '@ctip/domain';
import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { Controller, type FieldErrors, type Resolver, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../../api/queries';
import { applyFieldError } from '../../../i18n/errors';
import { translated } from '../../../i18n/resolver';
import { DateText } from '../../DateText/DateText';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { meetingsApi } from './meetings.api';

type ActionFormValues = {
  title: string;
  ownerCountry: string;
  dueOn: string;
  agendaItemId: string;
};

const actionResolver: Resolver<ActionFormValues, unknown, ActionItemInput> = async (values) => {
  const parsed = ActionItemInputSchema.safeParse({
    title: values.title.trim(),
    ownerCountry: values.ownerCountry,
    dueOn: values.dueOn,
    agendaItemId: values.agendaItemId || undefined,
  });
  if (parsed.success) {
    return { values: parsed.data, errors: {} };
  }
  const errors: Record<string, { type: string; message: string }> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !errors[field]) {
      errors[field] = { type: issue.code, message: issue.message };
    }
  }
  return { values: {}, errors: errors as FieldErrors<ActionFormValues> };
};

const today = () => new Date().toISOString().slice(0, 10);

/** Action items: owner, due date (user's calendar), status, overdue marker; add and close. */
export function ActionItems({
  meeting,
  editable,
}: {
  meeting: Meeting;
  editable: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const countryLabel = useCountryLabel();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ActionFormValues, unknown, ActionItemInput>({
    resolver: translated(actionResolver),
    defaultValues: {
      title: '',
      ownerCountry: meeting.countries[0] ?? '',
      dueOn: '',
      agendaItemId: '',
    },
  });
  const put = (m: Meeting) => queryClient.setQueryData(['meetings', 'one', meeting.id], m);

  async function add(values: ActionItemInput): Promise<void> {
    setFailure(null);
    try {
      put(await meetingsApi.addAction(meeting.id, values));
      reset({ title: '', ownerCountry: values.ownerCountry, dueOn: '', agendaItemId: '' });
    } catch (err) {
      if (!applyFieldError(t, err, setError, ['title', 'ownerCountry', 'dueOn', 'agendaItemId'])) {
        setFailure(err);
      }
    }
  }

  async function setStatus(a: MeetingActionItem, status: 'Open' | 'Done' | 'Cancelled') {
    setFailure(null);
    try {
      put(
        await meetingsApi.updateAction(meeting.id, a.id, {
          status,
          ...(status === 'Done' ? { doneOn: today() } : {}),
        }),
      );
    } catch (err) {
      setFailure(err);
    }
  }

  return (
    <Stack gap="sm">
      {meeting.actions.length === 0 ? (
        <Text c="dimmed">{t('meetings.actions.none')}</Text>
      ) : (
        <Table striped data-testid="action-items">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('meetings.actions.item')}</Table.Th>
              <Table.Th>{t('meetings.actions.owner')}</Table.Th>
              <Table.Th>{t('meetings.actions.dueOn')}</Table.Th>
              <Table.Th>{t('meetings.field.status')}</Table.Th>
              {editable ? <Table.Th>{t('common.actions')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {meeting.actions.map((a) => (
              <Table.Tr key={a.id} data-overdue={a.isOverdue || undefined}>
                <Table.Td>{a.title}</Table.Td>
                <Table.Td>{countryLabel(a.ownerCountry)}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <DateText value={a.dueOn} />
                    {a.isOverdue ? (
                      <Badge color="red" size="sm">
                        {t('meetings.due.overdue')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {t(`meetings.actionStatus.${a.status}`)}
                  {a.doneOn ? (
                    <Text size="xs" c="dimmed">
                      <DateText value={a.doneOn} />
                    </Text>
                  ) : null}
                </Table.Td>
                {editable ? (
                  <Table.Td>
                    {a.status === 'Open' ? (
                      <Group gap={4}>
                        <Button size="xs" variant="light" onClick={() => void setStatus(a, 'Done')}>
                          {t('meetings.actions.markDone')}
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="gray"
                          onClick={() => void setStatus(a, 'Cancelled')}
                        >
                          {t('meetings.actions.cancel')}
                        </Button>
                      </Group>
                    ) : (
                      <Button size="xs" variant="subtle" onClick={() => void setStatus(a, 'Open')}>
                        {t('meetings.actions.reopen')}
                      </Button>
                    )}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editable ? (
        <form onSubmit={handleSubmit(add)} noValidate data-testid="action-form">
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('meetings.actions.item')}
              required
              error={errors.title?.message}
              {...register('title')}
            />
            <Controller
              control={control}
              name="ownerCountry"
              render={({ field }) => (
                <Select
                  label={t('meetings.actions.owner')}
                  data={meeting.countries.map((c) => ({ value: c, label: countryLabel(c) }))}
                  required
                  value={field.value || null}
                  onChange={(v) => field.onChange(v ?? '')}
                  error={errors.ownerCountry?.message}
                />
              )}
            />
            <TextInput
              type="date"
              label={t('meetings.actions.dueOn')}
              required
              error={errors.dueOn?.message}
              {...register('dueOn')}
            />
            <Controller
              control={control}
              name="agendaItemId"
              render={({ field }) => (
                <Select
                  label={t('meetings.actions.agendaItem')}
                  data={meeting.agenda.map((a) => ({ value: a.id, label: a.title }))}
                  clearable
                  value={field.value || null}
                  onChange={(v) => field.onChange(v ?? '')}
                />
              )}
            />
            <Button type="submit" loading={isSubmitting}>
              {t('meetings.actions.add')}
            </Button>
          </Group>
        </form>
      ) : null}
      <ErrorAlert error={failure} />
    </Stack>
  );
}
