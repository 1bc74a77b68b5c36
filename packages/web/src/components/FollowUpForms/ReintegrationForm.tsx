import {
  DEFAULT_FOLLOW_UP_MONTHS,
  type ReintegrationInput,
  ReintegrationInputSchema,
} from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, MultiSelect, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { caseQueryKey } from '../../api/cases.api';
import { protectionApi } from '../../api/protection.api';
import { applyFieldError } from '../../i18n/errors';
import { notify } from '../../i18n/notify';
import { translated } from '../../i18n/resolver';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';
import { todayIso } from '../ProtectionServices/protection-format';

type Values = z.input<typeof ReintegrationInputSchema>;
const MONTH_CHOICES = [1, 2, 3, 6, 9, 12, 18, 24];

/** Record the reintegration date; the server schedules the follow-ups (3, 6, 12 months by default). */
export function ReintegrationForm({
  caseId,
  initialDate,
}: {
  caseId: string;
  initialDate: string | null;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, ReintegrationInput>({
    resolver: translated(zodResolver(ReintegrationInputSchema)),
    defaultValues: { date: initialDate ?? todayIso(), months: [...DEFAULT_FOLLOW_UP_MONTHS] },
  });

  async function submit(values: ReintegrationInput): Promise<void> {
    setFailure(null);
    try {
      await protectionApi.reintegrate(caseId, values);
      await queryClient.invalidateQueries({ queryKey: ['follow-ups', caseId] });
      await queryClient.invalidateQueries({ queryKey: caseQueryKey(caseId) });
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      notify('success', t('followUp.reintegration.saved'));
    } catch (err) {
      if (!applyFieldError(t, err, setError, ['date', 'months'])) {
        setFailure(err);
      }
    }
  }

  return (
    <form onSubmit={handleSubmit(submit)} noValidate data-testid="reintegration-form">
      <Group align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label={t('followUp.reintegration.date')}
          required
          error={errors.date?.message}
          {...register('date')}
        />
        <Controller
          control={control}
          name="months"
          render={({ field }) => (
            <MultiSelect
              label={t('followUp.reintegration.months')}
              data={MONTH_CHOICES.map((m) => ({
                value: String(m),
                label: t('followUp.monthsAfter', { count: m }),
              }))}
              value={(field.value ?? []).map(String)}
              onChange={(v) => field.onChange(v.map(Number).sort((a, b) => a - b))}
              onBlur={field.onBlur}
              ref={field.ref}
              error={errors.months?.message}
              w={320}
            />
          )}
        />
        <Button type="submit" loading={isSubmitting}>
          {initialDate ? t('followUp.reintegration.change') : t('followUp.reintegration.record')}
        </Button>
      </Group>
      <ErrorAlert error={failure} />
    </form>
  );
}
