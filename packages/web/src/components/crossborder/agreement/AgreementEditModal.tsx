import {
  AGREEMENT_STATUSES,
  type AgreementDetail,
  type AgreementUpdateInput,
  AgreementUpdateInputSchema,
} from '@ctip/domain';
import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { Controller, type FieldErrors, type Resolver, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { applyFieldError } from '../../../i18n/errors';
import { notify } from '../../../i18n/notify';
import { translated } from '../../../i18n/resolver';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { agreementsApi } from './agreements.api';

type EditValues = {
  title: string;
  status: string;
  signedOn: string;
  dateNote: string;
  place: string;
  areas: string;
  cadenceMonths: number | string;
  meetingReviewMonths: number | string;
  reviewEveryMonths: number | string;
  nextReviewOn: string;
};
const FIELDS = [
  'title',
  'status',
  'signedOn',
  'dateNote',
  'place',
  'areas',
  'cadenceMonths',
  'meetingReviewMonths',
  'reviewEveryMonths',
  'nextReviewOn',
] as const;

const orNull = (s: string) => (s.trim() ? s.trim() : null);
const numOrNull = (v: number | string) => (typeof v === 'number' ? v : null);

/** The PATCH body a filled-in edit form stands for (empty fields cleared). */
export function agreementUpdateOf(v: EditValues, version: number): Record<string, unknown> {
  const cadence = numOrNull(v.cadenceMonths);
  const review = numOrNull(v.meetingReviewMonths);
  return {
    version,
    title: v.title.trim(),
    status: v.status,
    signedOn: orNull(v.signedOn),
    dateNote: orNull(v.dateNote),
    place: orNull(v.place),
    areas: orNull(v.areas),
    meetingRhythm:
      cadence === null
        ? null
        : { cadenceMonths: cadence, ...(review === null ? {} : { reviewEveryMonths: review }) },
    reviewEveryMonths: numOrNull(v.reviewEveryMonths),
    nextReviewOn: orNull(v.nextReviewOn),
  };
}

/** Change an instrument's details; a stale version (someone saved first) shows the conflict. */
export function AgreementEditModal({
  agreement,
  opened,
  onClose,
}: {
  agreement: AgreementDetail;
  opened: boolean;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('agreements.editTitle', { code: agreement.code })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened ? <EditForm agreement={agreement} onDone={onClose} /> : null}
    </Modal>
  );
}

function EditForm({
  agreement,
  onDone,
}: {
  agreement: AgreementDetail;
  onDone: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);
  const resolver: Resolver<EditValues, unknown, AgreementUpdateInput> = async (values) => {
    const parsed = AgreementUpdateInputSchema.safeParse(
      agreementUpdateOf(values, agreement.version),
    );
    if (parsed.success) {
      return { values: parsed.data, errors: {} };
    }
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of parsed.error.issues) {
      const head = String(issue.path[0] ?? '');
      const field =
        head === 'meetingRhythm'
          ? issue.path[1] === 'reviewEveryMonths'
            ? 'meetingReviewMonths'
            : 'cadenceMonths'
          : head;
      errors[field] ??= { type: issue.code, message: issue.message };
    }
    return { values: {}, errors: errors as FieldErrors<EditValues> };
  };
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<EditValues, unknown, AgreementUpdateInput>({
    resolver: translated(resolver),
    defaultValues: {
      title: agreement.title,
      status: agreement.status,
      signedOn: agreement.signedOn ?? '',
      dateNote: agreement.dateNote ?? '',
      place: agreement.place ?? '',
      areas: agreement.areas ?? '',
      cadenceMonths: agreement.meetingRhythm?.cadenceMonths ?? '',
      meetingReviewMonths: agreement.meetingRhythm?.reviewEveryMonths ?? '',
      reviewEveryMonths: agreement.reviewEveryMonths ?? '',
      nextReviewOn: agreement.nextReviewOn ?? '',
    },
  });

  async function submit(values: AgreementUpdateInput): Promise<void> {
    setFailure(null);
    try {
      await agreementsApi.update(agreement.id, values);
      await queryClient.invalidateQueries({ queryKey: ['agreements'] });
      notify('success', t('agreements.saved', { code: agreement.code }));
      onDone();
    } catch (err) {
      if (!applyFieldError(t, err, setError, FIELDS)) {
        setFailure(err);
      }
    }
  }

  const months = (
    name: 'cadenceMonths' | 'meetingReviewMonths' | 'reviewEveryMonths',
    label: string,
    max: number,
  ) => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <NumberInput
          label={label}
          min={1}
          max={max}
          allowDecimal={false}
          value={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          ref={field.ref}
          error={errors[name]?.message}
        />
      )}
    />
  );

  return (
    <form onSubmit={handleSubmit(submit)} noValidate data-testid="agreement-edit-form">
      <Stack>
        <TextInput
          label={t('agreements.titleField')}
          required
          autoFocus
          error={errors.title?.message}
          {...register('title')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Controller
            control={control}
            name="status"
            render={({ field }) => (
              <Select
                label={t('agreements.status')}
                data={AGREEMENT_STATUSES.map((s) => ({
                  value: s,
                  label: t(`agreements.agrStatus.${s}`),
                }))}
                required
                allowDeselect={false}
                value={field.value || null}
                onChange={(v) => field.onChange(v ?? '')}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.status?.message}
              />
            )}
          />
          <TextInput
            type="date"
            label={t('agreements.signedOn')}
            error={errors.signedOn?.message}
            {...register('signedOn')}
          />
          <TextInput
            label={t('agreements.dateNote')}
            error={errors.dateNote?.message}
            {...register('dateNote')}
          />
          <TextInput
            label={t('agreements.place')}
            error={errors.place?.message}
            {...register('place')}
          />
          {months('cadenceMonths', t('agreements.cadenceMonths'), 36)}
          {months('meetingReviewMonths', t('agreements.meetingReviewMonths'), 120)}
          {months('reviewEveryMonths', t('agreements.reviewEveryMonths'), 120)}
          <TextInput
            type="date"
            label={t('agreements.nextReviewOn')}
            error={errors.nextReviewOn?.message}
            {...register('nextReviewOn')}
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
          <Button type="submit" loading={isSubmitting} data-testid="agreement-edit-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
