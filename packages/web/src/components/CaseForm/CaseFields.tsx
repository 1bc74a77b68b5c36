import type { CaseCreateInputSchema } from '@ctip/domain';
import {
  Button,
  Card,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { ReactElement } from 'react';
import { Controller, type FieldPath, type UseFormReturn, useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { isApiError } from '../../api/client';
import { useAgencyOptions, useCountries, useCountryLabel } from '../../api/queries';
import { emptyToUndefined, type HtcdsList, useHtcdsOptions } from './htcds-lists';

/** Values of the case form (create, and the overview editor). */
export type CaseFormValues = z.input<typeof CaseCreateInputSchema>;
type Form = UseFormReturn<CaseFormValues>;

/** The message of a nested field error. */
function errorAt(form: Form, path: string): string | undefined {
  let node: unknown = form.formState.errors;
  for (const key of path.split('.')) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  const message = (node as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

/** Country options for pickers. */
export function useCountryOptions(): { value: string; label: string }[] {
  const countries = useCountries();
  const label = useCountryLabel();
  return (countries.data ?? [])
    .map((c) => ({ value: c.code, label: label(c.code) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

function HtcdsMulti({
  form,
  name,
  list,
  label,
}: {
  form: Form;
  name: FieldPath<CaseFormValues>;
  list: HtcdsList;
  label: string;
}): ReactElement {
  const options = useHtcdsOptions(list);
  const { t } = useTranslation();
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <MultiSelect
          label={label}
          data={options}
          searchable
          clearable
          value={(field.value as string[] | undefined) ?? []}
          onChange={field.onChange}
          onBlur={field.onBlur}
          ref={field.ref}
          error={errorAt(form, name)}
          nothingFoundMessage={t('common.noResults')}
        />
      )}
    />
  );
}

function CountrySelect({
  form,
  name,
  label,
}: {
  form: Form;
  name: FieldPath<CaseFormValues>;
  label: string;
}): ReactElement {
  const options = useCountryOptions();
  const { t } = useTranslation();
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <Select
          label={label}
          data={options}
          searchable
          clearable
          value={(field.value as string | undefined) ?? null}
          onChange={(v) => field.onChange(v ?? undefined)}
          onBlur={field.onBlur}
          ref={field.ref}
          error={errorAt(form, name)}
          nothingFoundMessage={t('common.noResults')}
        />
      )}
    />
  );
}

/** The person (HTCDS prs_*): names and contact are encrypted at rest. */
export function PersonFields({ form }: { form: Form }): ReactElement {
  const { t } = useTranslation();
  const genders = useHtcdsOptions('gender');
  const { register, control } = form;
  return (
    <Fieldset legend={t('cases.person.title')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('cases.person.givenName')}
          autoComplete="off"
          error={errorAt(form, 'person.givenName')}
          {...register('person.givenName', { setValueAs: emptyToUndefined })}
        />
        <TextInput
          label={t('cases.person.familyName')}
          autoComplete="off"
          error={errorAt(form, 'person.familyName')}
          {...register('person.familyName', { setValueAs: emptyToUndefined })}
        />
        <TextInput
          label={t('cases.person.otherNames')}
          autoComplete="off"
          error={errorAt(form, 'person.otherNames')}
          {...register('person.otherNames', { setValueAs: emptyToUndefined })}
        />
        <TextInput
          type="date"
          label={t('cases.person.birthDate')}
          error={errorAt(form, 'person.birthDate')}
          {...register('person.birthDate', { setValueAs: emptyToUndefined })}
        />
        <Controller
          control={control}
          name="person.estimatedAge"
          render={({ field }) => (
            <NumberInput
              label={t('cases.person.estimatedAge')}
              description={t('cases.person.estimatedAgeHelp')}
              min={0}
              max={120}
              allowDecimal={false}
              value={field.value ?? ''}
              onChange={(v) => field.onChange(typeof v === 'number' ? v : undefined)}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errorAt(form, 'person.estimatedAge')}
            />
          )}
        />
        <Controller
          control={control}
          name="person.gender"
          render={({ field }) => (
            <Select
              label={t('cases.person.gender')}
              data={genders}
              value={field.value ?? 'Unknown'}
              allowDeselect={false}
              onChange={(v) => {
                if (v) {
                  field.onChange(v);
                }
              }}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errorAt(form, 'person.gender')}
            />
          )}
        />
        <CountrySelect
          form={form}
          name="person.nationality"
          label={t('cases.person.nationality')}
        />
        <TextInput
          label={t('cases.person.ethnicity')}
          error={errorAt(form, 'person.ethnicity')}
          {...register('person.ethnicity', { setValueAs: emptyToUndefined })}
        />
        <TextInput
          label={t('cases.person.idDocumentNumber')}
          autoComplete="off"
          error={errorAt(form, 'person.idDocumentNumber')}
          {...register('person.idDocumentNumber', { setValueAs: emptyToUndefined })}
        />
        <TextInput
          label={t('cases.person.contact')}
          autoComplete="off"
          error={errorAt(form, 'person.contact')}
          {...register('person.contact', { setValueAs: emptyToUndefined })}
        />
      </SimpleGrid>
    </Fieldset>
  );
}

/** The victim context (HTCDS vic_*). */
export function VictimFields({ form }: { form: Form }): ReactElement {
  const { t } = useTranslation();
  const statuses = useHtcdsOptions('identificationStatus');
  const agencies = useAgencyOptions();
  const { register, control } = form;
  return (
    <Fieldset legend={t('cases.victim.title')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Controller
          control={control}
          name="victim.identificationStatus"
          render={({ field }) => (
            <Select
              label={t('cases.victim.identificationStatus')}
              data={statuses}
              value={field.value ?? 'Possible'}
              allowDeselect={false}
              onChange={(v) => {
                if (v) {
                  field.onChange(v);
                }
              }}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errorAt(form, 'victim.identificationStatus')}
            />
          )}
        />
        <Controller
          control={control}
          name="victim.identifiedByAgencyId"
          render={({ field }) => (
            <Select
              label={t('cases.victim.identifiedBy')}
              data={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
              searchable
              clearable
              value={field.value ?? null}
              onChange={(v) => field.onChange(v ?? undefined)}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errorAt(form, 'victim.identifiedByAgencyId')}
              nothingFoundMessage={t('common.noResults')}
            />
          )}
        />
        <TextInput
          type="date"
          label={t('cases.victim.identificationDate')}
          error={errorAt(form, 'victim.identificationDate')}
          {...register('victim.identificationDate', { setValueAs: emptyToUndefined })}
        />
        <HtcdsMulti
          form={form}
          name="victim.formsOfExploitation"
          list="formOfExploitation"
          label={t('cases.victim.formsOfExploitation')}
        />
        <CountrySelect
          form={form}
          name="victim.countryOfExploitation"
          label={t('cases.victim.countryOfExploitation')}
        />
        <HtcdsMulti
          form={form}
          name="victim.recruitmentMethods"
          list="recruitmentMethod"
          label={t('cases.victim.recruitmentMethods')}
        />
        <HtcdsMulti
          form={form}
          name="victim.recruitmentApps"
          list="websiteOrApp"
          label={t('cases.victim.recruitmentApps')}
        />
        <HtcdsMulti
          form={form}
          name="victim.methodsOfControl"
          list="methodOfControl"
          label={t('cases.victim.methodsOfControl')}
        />
        <HtcdsMulti
          form={form}
          name="victim.labourExploitationTypes"
          list="labourExploitationType"
          label={t('cases.victim.labourExploitationTypes')}
        />
        <HtcdsMulti
          form={form}
          name="victim.labourIndustries"
          list="labourIndustry"
          label={t('cases.victim.labourIndustries')}
        />
        <HtcdsMulti
          form={form}
          name="victim.sexExploitationTypes"
          list="sexExploitationType"
          label={t('cases.victim.sexExploitationTypes')}
        />
        <HtcdsMulti
          form={form}
          name="victim.exploitationApps"
          list="websiteOrApp"
          label={t('cases.victim.exploitationApps')}
        />
        <HtcdsMulti
          form={form}
          name="victim.vulnerabilities"
          list="vulnerability"
          label={t('cases.victim.vulnerabilities')}
        />
      </SimpleGrid>
      <Textarea
        mt="sm"
        label={t('cases.victim.vulnerabilityDetails')}
        autosize
        minRows={2}
        error={errorAt(form, 'victim.vulnerabilityDetails')}
        {...register('victim.vulnerabilityDetails', { setValueAs: emptyToUndefined })}
      />
      <Checkbox
        mt="sm"
        label={t('cases.victim.agreementToManagePersonalData')}
        {...register('victim.agreementToManagePersonalData')}
      />
    </Fieldset>
  );
}

/** Every field path of the case form, to attach server errors (`person.birthDate`, …). */
export const CASE_FORM_FIELDS = [
  'person.givenName',
  'person.familyName',
  'person.otherNames',
  'person.birthDate',
  'person.estimatedAge',
  'person.gender',
  'person.nationality',
  'person.ethnicity',
  'person.idDocumentNumber',
  'person.contact',
  'victim.identificationStatus',
  'victim.identifiedByAgencyId',
  'victim.identificationDate',
  'victim.formsOfExploitation',
  'victim.countryOfExploitation',
  'victim.recruitmentMethods',
  'victim.recruitmentApps',
  'victim.methodsOfControl',
  'victim.labourExploitationTypes',
  'victim.labourIndustries',
  'victim.sexExploitationTypes',
  'victim.exploitationApps',
  'victim.vulnerabilities',
  'victim.vulnerabilityDetails',
  'victim.agreementToManagePersonalData',
  'events',
] as const satisfies readonly FieldPath<CaseFormValues>[];

/**
 * Put a server error that names a field (possibly deeper than the form shows, such as
 * `victim.formsOfExploitation.0`) next to the nearest field of the case form.
 * @returns true when attached; false when the caller must show it
 */
export function applyCaseFieldError(form: Form, err: unknown, message: string): boolean {
  if (!isApiError(err) || !err.field) {
    return false;
  }
  const parts = err.field.split('.');
  for (let i = parts.length; i > 0; i -= 1) {
    const path = parts.slice(0, i).join('.');
    if ((CASE_FORM_FIELDS as readonly string[]).includes(path) || /^events\.\d+\.\w+$/.test(path)) {
      form.setError(
        path as FieldPath<CaseFormValues>,
        { type: 'server', message },
        {
          shouldFocus: true,
        },
      );
      return true;
    }
  }
  return false;
}

/** The trafficking events (HTCDS hte_*) of a new case, as a list the user grows. */
export function EventFields({ form }: { form: Form }): ReactElement {
  const { t } = useTranslation();
  const types = useHtcdsOptions('eventType');
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'events' });
  return (
    <Fieldset legend={t('cases.events.title')}>
      <Stack>
        {fields.map((item, index) => (
          <Card key={item.id} withBorder padding="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Controller
                control={form.control}
                name={`events.${index}.type`}
                render={({ field }) => (
                  <Select
                    label={t('cases.events.type')}
                    data={types}
                    required
                    value={field.value ?? null}
                    onChange={(v) => field.onChange(v ?? undefined)}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    error={errorAt(form, `events.${index}.type`)}
                  />
                )}
              />
              <CountrySelect
                form={form}
                name={`events.${index}.country`}
                label={t('cases.events.country')}
              />
              <TextInput
                type="date"
                label={t('cases.events.date')}
                error={errorAt(form, `events.${index}.date`)}
                {...form.register(`events.${index}.date`, { setValueAs: emptyToUndefined })}
              />
              <TextInput
                label={t('cases.events.state')}
                error={errorAt(form, `events.${index}.state`)}
                {...form.register(`events.${index}.state`, { setValueAs: emptyToUndefined })}
              />
              <TextInput
                label={t('cases.events.city')}
                error={errorAt(form, `events.${index}.city`)}
                {...form.register(`events.${index}.city`, { setValueAs: emptyToUndefined })}
              />
            </SimpleGrid>
            <Textarea
              mt="xs"
              label={t('cases.events.description')}
              autosize
              minRows={1}
              error={errorAt(form, `events.${index}.description`)}
              {...form.register(`events.${index}.description`, { setValueAs: emptyToUndefined })}
            />
            <Group justify="flex-end" mt="xs">
              <Button variant="subtle" color="red" size="xs" onClick={() => remove(index)}>
                {t('cases.events.remove')}
              </Button>
            </Group>
          </Card>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() => append({ type: 'Recruitment' })}
            data-testid="case-event-add"
          >
            {t('cases.events.add')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
