import { type Agency, type AgencyCreateInput, AgencyCreateInputSchema } from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { agenciesApi } from '../../api/endpoints';
import {
  organisationTypeLabel,
  useAgencyOptions,
  useCountries,
  useCountryLabel,
  useOrganisationTypes,
} from '../../api/queries';
import { useCan } from '../../auth/session';
import { applyFieldError } from '../../i18n/errors';
import { notify } from '../../i18n/notify';
import { translated } from '../../i18n/resolver';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';

export type AgencyFormModalProps = {
  opened: boolean;
  /** The agency to edit; null to create one. */
  agency: Agency | null;
  onClose: () => void;
};

/** Create or edit an agency in a modal. */
export function AgencyFormModal({ opened, agency, onClose }: AgencyFormModalProps): ReactElement {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={agency ? t('agencies.editTitle', { name: agency.name }) : t('agencies.createTitle')}
      size="lg"
    >
      {opened ? <AgencyForm agency={agency} onDone={onClose} /> : null}
    </Modal>
  );
}

type FormValues = z.input<typeof AgencyCreateInputSchema>;
const FIELDS = ['name', 'shortName', 'type', 'countryCode', 'parentId'] as const;

function AgencyForm({ agency, onDone }: { agency: Agency | null; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const can = useCan();
  const countries = useCountries();
  const types = useOrganisationTypes();
  const agencies = useAgencyOptions();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<FormValues, unknown, AgencyCreateInput>({
    resolver: translated(zodResolver(AgencyCreateInputSchema)),
    defaultValues: {
      name: agency?.name ?? '',
      shortName: agency?.shortName ?? '',
      type: agency?.type ?? '',
      countryCode: agency?.countryCode ?? '',
      parentId: agency?.parentId ?? null,
    },
  });
  const action = agency ? 'update' : 'create';
  const country = watch('countryCode');

  const countryLabelOf = useCountryLabel();
  const countryOptions = useMemo(
    () =>
      (countries.data ?? [])
        .filter(
          (c) => c.code === agency?.countryCode || can(action, 'agency', { countryCode: c.code }),
        )
        .sort((a, b) => Number(b.isCommit) - Number(a.isCommit))
        .map((c) => ({ value: c.code, label: countryLabelOf(c.code) })),
    [countries.data, can, action, agency, countryLabelOf],
  );
  const typeOptions = (types.data ?? []).map((ty) => ({
    value: ty.code,
    label: organisationTypeLabel(t, ty.code, ty.name),
  }));
  const parentOptions = (agencies.data ?? [])
    .filter((a) => a.id !== agency?.id && (!country || a.countryCode === country))
    .map((a) => ({ value: a.id, label: a.name }));

  async function submit(values: AgencyCreateInput): Promise<void> {
    setFailure(null);
    try {
      const saved = agency
        ? await agenciesApi.update(agency.id, values)
        : await agenciesApi.create(values);
      await queryClient.invalidateQueries({ queryKey: ['agencies'] });
      notify('success', t(agency ? 'agencies.updated' : 'agencies.created', { name: saved.name }));
      onDone();
    } catch (err) {
      if (!applyFieldError(t, err, setError, FIELDS)) {
        setFailure(err);
      }
    }
  }

  return (
    <form onSubmit={handleSubmit(submit)} noValidate>
      <Stack>
        <TextInput
          label={t('agencies.name')}
          required
          autoFocus
          error={errors.name?.message}
          {...register('name')}
        />
        <TextInput
          label={t('agencies.shortName')}
          error={errors.shortName?.message}
          {...register('shortName')}
        />
        <Controller
          control={control}
          name="type"
          render={({ field }) => (
            <Select
              label={t('agencies.type')}
              data={typeOptions}
              searchable
              required
              value={field.value || null}
              onChange={(v) => field.onChange(v ?? '')}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errors.type?.message}
              nothingFoundMessage={t('common.noResults')}
            />
          )}
        />
        <Controller
          control={control}
          name="countryCode"
          render={({ field }) => (
            <Select
              label={t('agencies.country')}
              data={countryOptions}
              searchable
              required
              value={field.value || null}
              onChange={(v) => field.onChange(v ?? '')}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errors.countryCode?.message}
              nothingFoundMessage={t('common.noResults')}
            />
          )}
        />
        <Controller
          control={control}
          name="parentId"
          render={({ field }) => (
            <Select
              label={t('agencies.parent')}
              data={parentOptions}
              searchable
              clearable
              value={field.value ?? null}
              onChange={(v) => field.onChange(v ?? null)}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errors.parentId?.message}
              nothingFoundMessage={t('common.noResults')}
            />
          )}
        />
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {agency ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
