import {
  HOTLINE_CALLER_TYPES,
  HOTLINE_CATEGORIES,
  HOTLINE_CHANNELS,
  HOTLINE_OUTCOMES,
  HOTLINE_URGENCIES,
  type HotlineCallCreateInput,
  HotlineCallCreateInputSchema,
  type HotlineCallDetail,
  LOCALES,
} from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, type ReactElement, useState } from 'react';
import { Controller, type FieldErrors, type Resolver, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { referenceApi } from '../../api/endpoints';
import { hotlineApi } from '../../api/hotline.api';
import { applyFieldError, errorText } from '../../i18n/errors';
import { translated } from '../../i18n/resolver';
import { LANGUAGE_ENDONYMS } from '../LanguagePicker/LanguagePicker';
import { defaultHotlineForm, type HotlineFormValues, hotlinePayload } from './hotline-form-values';

const schemaResolver = translated(zodResolver(HotlineCallCreateInputSchema));

/** Validate the payload with the domain schema; the duration error goes to the minutes field. */
const resolver: Resolver<HotlineFormValues, unknown, HotlineCallCreateInput> = async (
  values,
  context,
  options,
) => {
  const result = await schemaResolver(hotlinePayload(values) as never, context, options as never);
  const errors = { ...(result.errors as Record<string, unknown>) };
  if (errors.durationSeconds) {
    errors.durationMinutes = errors.durationSeconds;
    delete errors.durationSeconds;
  }
  return { values: result.values, errors: errors as FieldErrors<HotlineFormValues> } as never;
};

const FIELDS = [
  'receivedAt',
  'channel',
  'language',
  'callerType',
  'category',
  'urgency',
  'outcome',
  'summary',
  'callerContact',
] as const;

export type HotlineCallFormProps = {
  /** The operator's interface language, the default call language. */
  defaultLanguage: string;
  onSaved: (call: HotlineCallDetail) => void;
};

/**
 * Quick call entry, keyboard first: the category has focus, everything else has a sensible default,
 * Ctrl+Enter (⌘+Enter) saves, and after saving the form is ready for the next call.
 */
export function HotlineCallForm({ defaultLanguage, onSaved }: HotlineCallFormProps): ReactElement {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const languages = useQuery({
    queryKey: ['reference', 'languages'],
    queryFn: async () => (await referenceApi.languages()).items,
    staleTime: 60 * 60_000,
  });
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<HotlineFormValues, unknown, HotlineCallCreateInput>({
    resolver,
    defaultValues: defaultHotlineForm(new Date(), defaultLanguage),
  });

  async function submit(values: HotlineCallCreateInput): Promise<void> {
    setFailure(null);
    try {
      const call = await hotlineApi.create(values);
      reset(defaultHotlineForm(new Date(), defaultLanguage));
      setFocus('category');
      onSaved(call);
    } catch (err) {
      if (!applyFieldError(t, err, setError, FIELDS)) {
        setFailure(err);
      }
    }
  }

  function handleKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void handleSubmit(submit)();
    }
  }

  const options = (list: readonly string[], prefix: string) =>
    list.map((v) => ({ value: v, label: t(`hotline.${prefix}.${v}`) }));
  const languageData =
    languages.data && languages.data.length > 0
      ? languages.data.map((l) => ({ value: l.code, label: `${l.nativeName} (${l.code})` }))
      : LOCALES.map((l) => ({ value: l, label: LANGUAGE_ENDONYMS[l] }));

  return (
    <form
      onSubmit={handleSubmit(submit)}
      onKeyDown={handleKeyDown}
      noValidate
      aria-label={t('hotline.form.title')}
      data-testid="hotline-call-form"
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <Controller
            control={control}
            name="category"
            render={({ field }) => (
              <NativeSelect
                label={t('hotline.field.category')}
                required
                autoFocus
                data={[{ value: '', label: '—' }, ...options(HOTLINE_CATEGORIES, 'category')]}
                error={errors.category?.message}
                value={field.value}
                onChange={(e) => field.onChange(e.currentTarget.value)}
                onBlur={field.onBlur}
                name={field.name}
                ref={field.ref}
              />
            )}
          />
          <Controller
            control={control}
            name="urgency"
            render={({ field }) => (
              <NativeSelect
                label={t('hotline.field.urgency')}
                data={options(HOTLINE_URGENCIES, 'urgency')}
                value={field.value}
                onChange={(e) => field.onChange(e.currentTarget.value)}
                onBlur={field.onBlur}
                name={field.name}
                ref={field.ref}
              />
            )}
          />
          <Controller
            control={control}
            name="callerType"
            render={({ field }) => (
              <NativeSelect
                label={t('hotline.field.callerType')}
                data={options(HOTLINE_CALLER_TYPES, 'callerType')}
                value={field.value}
                onChange={(e) => field.onChange(e.currentTarget.value)}
                onBlur={field.onBlur}
                name={field.name}
                ref={field.ref}
              />
            )}
          />
          <Controller
            control={control}
            name="outcome"
            render={({ field }) => (
              <NativeSelect
                label={t('hotline.field.outcome')}
                data={options(HOTLINE_OUTCOMES, 'outcome')}
                value={field.value}
                onChange={(e) => field.onChange(e.currentTarget.value)}
                onBlur={field.onBlur}
                name={field.name}
                ref={field.ref}
              />
            )}
          />
          <Controller
            control={control}
            name="channel"
            render={({ field }) => (
              <NativeSelect
                label={t('hotline.field.channel')}
                data={options(HOTLINE_CHANNELS, 'channel')}
                value={field.value}
                onChange={(e) => field.onChange(e.currentTarget.value)}
                onBlur={field.onBlur}
                name={field.name}
                ref={field.ref}
              />
            )}
          />
          <Controller
            control={control}
            name="language"
            render={({ field }) => (
              <NativeSelect
                label={t('hotline.field.language')}
                data={languageData}
                error={errors.language?.message}
                value={field.value}
                onChange={(e) => field.onChange(e.currentTarget.value)}
                onBlur={field.onBlur}
                name={field.name}
                ref={field.ref}
              />
            )}
          />
          <TextInput
            type="datetime-local"
            label={t('hotline.field.receivedAt')}
            required
            error={errors.receivedAt?.message}
            {...register('receivedAt')}
          />
          <TextInput
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            label={t('hotline.field.durationMinutes')}
            error={errors.durationMinutes?.message}
            {...register('durationMinutes')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Textarea
            label={t('hotline.field.summary')}
            description={t('hotline.field.personalHint')}
            rows={3}
            error={errors.summary?.message}
            {...register('summary')}
          />
          <TextInput
            label={t('hotline.field.callerContact')}
            description={t('hotline.field.personalHint')}
            autoComplete="off"
            error={errors.callerContact?.message}
            {...register('callerContact')}
          />
        </SimpleGrid>
        {failure ? <Alert color="red">{errorText(t, failure)}</Alert> : null}
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('hotline.form.shortcut')}
          </Text>
          <Button type="submit" loading={isSubmitting} data-testid="hotline-save">
            {t('hotline.form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
