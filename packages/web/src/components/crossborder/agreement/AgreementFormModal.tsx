import {
  AGREEMENT_STATUSES,
  AGREEMENT_SUBJECTS,
  AGREEMENT_TYPES,
  type AgreementInput,
  AgreementInputSchema,
} from '@ctip/domain';
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
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
import { agreementsApi } from './agreements.api';

export type AgreementFormValues = {
  code: string;
  type: string;
  subject: string;
  title: string;
  status: string;
  parties: string[];
  signedOn: string;
  dateNote: string;
  place: string;
  areas: string;
  cadenceMonths: number | string;
  reviewEveryMonths: number | string;
  source: string;
};

const FIELDS = [
  'code',
  'type',
  'subject',
  'title',
  'status',
  'parties',
  'signedOn',
  'dateNote',
  'place',
  'areas',
  'cadenceMonths',
  'reviewEveryMonths',
  'source',
] as const;

const blank = (s: string) => (s.trim() ? s.trim() : undefined);
const num = (v: number | string) => (typeof v === 'number' ? v : undefined);

/** The API input a filled-in form stands for (empty fields left out). */
export function agreementInputOf(v: AgreementFormValues): Record<string, unknown> {
  const cadence = num(v.cadenceMonths);
  return {
    code: v.code.trim().toUpperCase(),
    type: v.type,
    subject: v.subject,
    title: v.title.trim(),
    status: v.status,
    parties: v.parties,
    signedOn: blank(v.signedOn),
    dateNote: blank(v.dateNote),
    place: blank(v.place),
    areas: blank(v.areas),
    meetingRhythm: cadence === undefined ? undefined : { cadenceMonths: cadence },
    reviewEveryMonths: num(v.reviewEveryMonths),
    source: blank(v.source),
  };
}

/** Validate with the domain schema; errors are keyed by the form's field names. */
const agreementResolver: Resolver<AgreementFormValues, unknown, AgreementInput> = async (
  values,
) => {
  const parsed = AgreementInputSchema.safeParse(agreementInputOf(values));
  if (parsed.success) {
    return { values: parsed.data as AgreementInput, errors: {} };
  }
  const errors: Record<string, { type: string; message: string }> = {};
  for (const issue of parsed.error.issues) {
    const head = String(issue.path[0] ?? '');
    const field = head === 'meetingRhythm' ? 'cadenceMonths' : head;
    if (field && !errors[field]) {
      errors[field] = { type: issue.code, message: issue.message };
    }
  }
  return { values: {}, errors: errors as FieldErrors<AgreementFormValues> };
};

export type AgreementFormModalProps = { opened: boolean; onClose: () => void };

/** Register an instrument (code, type, parties, dates as printed…). */
export function AgreementFormModal({ opened, onClose }: AgreementFormModalProps): ReactElement {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('agreements.registerTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened ? <AgreementForm onDone={onClose} /> : null}
    </Modal>
  );
}

function AgreementForm({ onDone }: { onDone: () => void }): ReactElement {
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
  } = useForm<AgreementFormValues, unknown, AgreementInput>({
    resolver: translated(agreementResolver),
    defaultValues: {
      code: '',
      type: '',
      subject: '',
      title: '',
      status: '',
      parties: [],
      signedOn: '',
      dateNote: '',
      place: '',
      areas: '',
      cadenceMonths: '',
      reviewEveryMonths: '',
      source: '',
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
  const options = (list: readonly string[], prefix: string) =>
    list.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  async function submit(values: AgreementInput): Promise<void> {
    setFailure(null);
    if (!values.parties.some((c) => can('create', 'agreement', { countryCode: c }))) {
      setError('parties', { type: 'server', message: t('agreements.partyOutOfScope') });
      return;
    }
    try {
      const saved = await agreementsApi.create(values);
      await queryClient.invalidateQueries({ queryKey: ['agreements'] });
      notify('success', t('agreements.created', { code: saved.code }));
      onDone();
      void navigate(`/cross-border/agreements/${saved.id}`);
    } catch (err) {
      if (!applyFieldError(t, err, setError, FIELDS)) {
        setFailure(err);
      }
    }
  }

  const select = (
    name: 'type' | 'subject' | 'status',
    label: string,
    data: { value: string; label: string }[],
  ) => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Select
          label={label}
          data={data}
          required
          value={field.value || null}
          onChange={(v) => field.onChange(v ?? '')}
          onBlur={field.onBlur}
          ref={field.ref}
          error={errors[name]?.message}
        />
      )}
    />
  );

  return (
    <form onSubmit={handleSubmit(submit)} noValidate data-testid="agreement-form">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('agreements.code')}
            description={t('agreements.codeHint')}
            required
            autoFocus
            error={errors.code?.message}
            {...register('code')}
          />
          {select('type', t('agreements.type'), options(AGREEMENT_TYPES, 'agreements.agrType'))}
        </SimpleGrid>
        <TextInput
          label={t('agreements.titleField')}
          required
          error={errors.title?.message}
          {...register('title')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {select(
            'subject',
            t('agreements.subject'),
            options(AGREEMENT_SUBJECTS, 'agreements.agrSubject'),
          )}
          {select(
            'status',
            t('agreements.status'),
            options(AGREEMENT_STATUSES, 'agreements.agrStatus'),
          )}
        </SimpleGrid>
        <Controller
          control={control}
          name="parties"
          render={({ field }) => (
            <MultiSelect
              label={t('agreements.parties')}
              description={t('agreements.partiesHint')}
              data={countryOptions}
              searchable
              required
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errors.parties?.message}
            />
          )}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label={t('agreements.signedOn')}
            error={errors.signedOn?.message}
            {...register('signedOn')}
          />
          <TextInput
            label={t('agreements.dateNote')}
            description={t('agreements.dateNoteHint')}
            error={errors.dateNote?.message}
            {...register('dateNote')}
          />
          <TextInput
            label={t('agreements.place')}
            error={errors.place?.message}
            {...register('place')}
          />
          <TextInput
            label={t('agreements.source')}
            error={errors.source?.message}
            {...register('source')}
          />
          <Controller
            control={control}
            name="cadenceMonths"
            render={({ field }) => (
              <NumberInput
                label={t('agreements.cadenceMonths')}
                min={1}
                max={36}
                allowDecimal={false}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.cadenceMonths?.message}
              />
            )}
          />
          <Controller
            control={control}
            name="reviewEveryMonths"
            render={({ field }) => (
              <NumberInput
                label={t('agreements.reviewEveryMonths')}
                min={1}
                max={120}
                allowDecimal={false}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.reviewEveryMonths?.message}
              />
            )}
          />
        </SimpleGrid>
        <Textarea
          label={t('agreements.areas')}
          rows={3}
          error={errors.areas?.message}
          {...register('areas')}
        />
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting} data-testid="agreement-submit">
            {t('agreements.register')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
