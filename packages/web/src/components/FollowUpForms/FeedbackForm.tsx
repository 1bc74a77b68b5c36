import { type ServiceFeedbackInput, ServiceFeedbackInputSchema, SUPPORT_TYPES } from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Button,
  Group,
  NativeSelect,
  Rating,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { protectionApi } from '../../api/protection.api';
import { applyFieldError } from '../../i18n/errors';
import { notify } from '../../i18n/notify';
import { translated } from '../../i18n/resolver';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';
import { emptyToUndefined, todayIso } from '../ProtectionServices/protection-format';
import { useProviderOptions } from '../ProtectionServices/ServicesSection';

type Values = z.input<typeof ServiceFeedbackInputSchema>;
const FIELDS = ['satisfaction', 'serviceType', 'providerId', 'givenOn', 'comment'] as const;

/** The client's feedback on a service: satisfaction 1–5, service type, provider, comment. */
export function FeedbackForm({ caseId }: { caseId: string }): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const providers = useProviderOptions();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, ServiceFeedbackInput>({
    resolver: translated(zodResolver(ServiceFeedbackInputSchema)),
    defaultValues: { satisfaction: 3, givenOn: todayIso() },
  });

  async function submit(values: ServiceFeedbackInput): Promise<void> {
    setFailure(null);
    try {
      await protectionApi.addFeedback(caseId, values);
      await queryClient.invalidateQueries({ queryKey: ['feedback', caseId] });
      notify('success', t('followUp.feedback.saved'));
      reset({ satisfaction: 3, givenOn: todayIso() });
    } catch (err) {
      if (!applyFieldError(t, err, setError, FIELDS)) {
        setFailure(err);
      }
    }
  }

  return (
    <form onSubmit={handleSubmit(submit)} noValidate data-testid="feedback-form">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Controller
            control={control}
            name="satisfaction"
            render={({ field }) => (
              <Stack gap={4}>
                <Text size="sm" fw={500} id="satisfaction-label">
                  {t('followUp.feedback.satisfaction')}
                </Text>
                <Rating
                  aria-labelledby="satisfaction-label"
                  value={field.value}
                  onChange={field.onChange}
                  count={5}
                />
                {errors.satisfaction?.message ? (
                  <Text size="xs" c="red">
                    {errors.satisfaction.message}
                  </Text>
                ) : null}
              </Stack>
            )}
          />
          <TextInput
            type="date"
            label={t('followUp.feedback.givenOn')}
            required
            error={errors.givenOn?.message}
            {...register('givenOn')}
          />
          <NativeSelect
            label={t('followUp.feedback.serviceType')}
            data={[
              { value: '', label: t('followUp.feedback.anyService') },
              ...SUPPORT_TYPES.map((s) => ({ value: s, label: t(`protection.supportType.${s}`) })),
            ]}
            error={errors.serviceType?.message}
            {...register('serviceType', { setValueAs: emptyToUndefined })}
          />
          <Controller
            control={control}
            name="providerId"
            render={({ field }) => (
              <Select
                label={t('protection.services.provider')}
                data={providers}
                searchable
                clearable
                value={field.value ?? null}
                onChange={(v) => field.onChange(v ?? undefined)}
                onBlur={field.onBlur}
                ref={field.ref}
                error={errors.providerId?.message}
                nothingFoundMessage={t('common.noResults')}
              />
            )}
          />
        </SimpleGrid>
        <Textarea
          label={t('followUp.feedback.comment')}
          description={t('protection.encryptedHint')}
          autosize
          minRows={2}
          error={errors.comment?.message}
          {...register('comment', { setValueAs: emptyToUndefined })}
        />
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button type="submit" loading={isSubmitting}>
            {t('followUp.feedback.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
