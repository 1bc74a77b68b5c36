import { MEETING_TYPES, type MeetingInput, MeetingInputSchema } from '@ctip/domain';
import {
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useMemo, useState } from 'react';
import { Controller, type FieldErrors, type Resolver, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCountries, useCountryLabel } from '../../../api/queries';
import { useCan } from '../../../auth/session';
import { applyFieldError } from '../../../i18n/errors';
import { notify } from '../../../i18n/notify';
import { translated } from '../../../i18n/resolver';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { meetingsApi } from './meetings.api';

export type MeetingFormValues = {
  type: string;
  title: string;
  countries: string[];
  scheduledOn: string;
  location: string;
  hostCountry: string;
  buildAgenda: boolean;
  agreementId: string;
};

const FIELDS = ['type', 'title', 'countries', 'scheduledOn', 'location', 'hostCountry'] as const;
const blank = (s: string) => (s.trim() ? s.trim() : undefined);

/** The API input a filled-in form stands for (empty fields left out). */
export function meetingInputOf(v: MeetingFormValues): Record<string, unknown> {
  return {
    type: v.type,
    title: v.title.trim(),
    countries: v.countries,
    scheduledOn: v.scheduledOn,
    location: blank(v.location),
    hostCountry: blank(v.hostCountry),
    buildAgenda: v.buildAgenda,
    agreementId: blank(v.agreementId),
  };
}

const meetingResolver: Resolver<MeetingFormValues, unknown, MeetingInput> = async (values) => {
  const parsed = MeetingInputSchema.safeParse(meetingInputOf(values));
  if (parsed.success) {
    return { values: parsed.data as MeetingInput, errors: {} };
  }
  const errors: Record<string, { type: string; message: string }> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !errors[field]) {
      errors[field] = { type: issue.code, message: issue.message };
    }
  }
  return { values: {}, errors: errors as FieldErrors<MeetingFormValues> };
};

export type MeetingPreset = { countries: string[]; agreementId?: string; type?: string };

export type MeetingFormModalProps = {
  opened: boolean;
  onClose: () => void;
  preset?: MeetingPreset | null;
};

/** "Plan a meeting": type, countries, date and place; the agenda is built from the open cases. */
export function MeetingFormModal({ opened, onClose, preset }: MeetingFormModalProps): ReactElement {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('meetings.planTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened ? <MeetingForm onDone={onClose} preset={preset ?? null} /> : null}
    </Modal>
  );
}

function MeetingForm({
  onDone,
  preset,
}: {
  onDone: () => void;
  preset: MeetingPreset | null;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const can = useCan();
  const countries = useCountries();
  const countryLabel = useCountryLabel();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<MeetingFormValues, unknown, MeetingInput>({
    resolver: translated(meetingResolver),
    defaultValues: {
      type: preset?.type ?? 'CMM',
      title: '',
      countries: preset?.countries ?? [],
      scheduledOn: '',
      location: '',
      hostCountry: '',
      buildAgenda: true,
      agreementId: preset?.agreementId ?? '',
    },
  });
  const countryOptions = useMemo(
    () =>
      (countries.data ?? [])
        .slice()
        .sort((a, b) => Number(b.isCommit) - Number(a.isCommit))
        .map((c) => ({ value: c.code, label: countryLabel(c.code) })),
    [countries.data, countryLabel],
  );

  async function submit(values: MeetingInput): Promise<void> {
    setFailure(null);
    if (!values.countries.some((c) => can('create', 'meeting', { countryCode: c }))) {
      setError('countries', { type: 'server', message: t('meetings.countryOutOfScope') });
      return;
    }
    try {
      const saved = await meetingsApi.create(values);
      await queryClient.invalidateQueries({ queryKey: ['meetings'] });
      notify('success', t('meetings.created', { count: saved.agenda.length }));
      onDone();
      void navigate(`/cross-border/meetings/${saved.id}`);
    } catch (err) {
      if (!applyFieldError(t, err, setError, FIELDS)) {
        setFailure(err);
      }
    }
  }

  return (
    <form onSubmit={handleSubmit(submit)} noValidate data-testid="meeting-form">
      <Stack>
        <Controller
          control={control}
          name="type"
          render={({ field }) => (
            <Select
              label={t('meetings.field.type')}
              data={MEETING_TYPES.map((v) => ({ value: v, label: t(`meetings.type.${v}`) }))}
              required
              value={field.value || null}
              onChange={(v) => field.onChange(v ?? '')}
              error={errors.type?.message}
            />
          )}
        />
        <TextInput
          label={t('meetings.field.title')}
          required
          error={errors.title?.message}
          {...register('title')}
        />
        <Controller
          control={control}
          name="countries"
          render={({ field }) => (
            <MultiSelect
              label={t('meetings.field.countries')}
              description={t('meetings.field.countriesHelp')}
              data={countryOptions}
              searchable
              required
              value={field.value}
              onChange={field.onChange}
              error={errors.countries?.message}
            />
          )}
        />
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('meetings.field.scheduledOn')}
            required
            error={errors.scheduledOn?.message}
            {...register('scheduledOn')}
          />
          <Controller
            control={control}
            name="hostCountry"
            render={({ field }) => (
              <Select
                label={t('meetings.field.hostCountry')}
                data={countryOptions}
                searchable
                clearable
                value={field.value || null}
                onChange={(v) => field.onChange(v ?? '')}
                error={errors.hostCountry?.message}
              />
            )}
          />
        </Group>
        <TextInput
          label={t('meetings.field.location')}
          error={errors.location?.message}
          {...register('location')}
        />
        <Checkbox
          label={t('meetings.field.buildAgenda')}
          description={t('meetings.field.buildAgendaHelp')}
          {...register('buildAgenda')}
        />
        <Text size="sm" c="dimmed">
          {t('meetings.noNames')}
        </Text>
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting} data-testid="meeting-submit">
            {t('meetings.plan')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
