import {
  FOLLOW_UP_METHODS,
  type FollowUpRecordInput,
  FollowUpRecordInputSchema,
  WELLBEING_LEVELS,
} from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { protectionApi } from '../../api/protection.api';
import { applyFieldError } from '../../i18n/errors';
import { notify } from '../../i18n/notify';
import { translated } from '../../i18n/resolver';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';
import { emptyToUndefined, todayIso } from '../ProtectionServices/protection-format';

type Values = z.input<typeof FollowUpRecordInputSchema>;
const FIELDS = [
  'doneOn',
  'method',
  'wellbeing',
  'outcome',
  'isRetrafficked',
  'becameBroker',
] as const;

/** Record the outcome of one follow-up, with the re-trafficking and broker flags. */
export function FollowUpOutcomeForm({
  caseId,
  followUpId,
  onDone,
}: {
  caseId: string;
  followUpId: string;
  onDone: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, FollowUpRecordInput>({
    resolver: translated(zodResolver(FollowUpRecordInputSchema)),
    defaultValues: {
      doneOn: todayIso(),
      method: 'HomeVisit',
      wellbeing: 'Good',
      isRetrafficked: false,
      becameBroker: false,
    },
  });

  async function submit(values: FollowUpRecordInput): Promise<void> {
    setFailure(null);
    try {
      await protectionApi.recordFollowUp(followUpId, values);
      await queryClient.invalidateQueries({ queryKey: ['follow-ups', caseId] });
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      notify('success', t('followUp.outcome.saved'));
      onDone();
    } catch (err) {
      if (!applyFieldError(t, err, setError, FIELDS)) {
        setFailure(err);
      }
    }
  }

  return (
    <form onSubmit={handleSubmit(submit)} noValidate data-testid="follow-up-form">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            type="date"
            label={t('followUp.outcome.doneOn')}
            required
            autoFocus
            error={errors.doneOn?.message}
            {...register('doneOn')}
          />
          <NativeSelect
            label={t('followUp.outcome.method')}
            data={FOLLOW_UP_METHODS.map((m) => ({ value: m, label: t(`followUp.method.${m}`) }))}
            error={errors.method?.message}
            {...register('method')}
          />
          <NativeSelect
            label={t('followUp.outcome.wellbeing')}
            data={WELLBEING_LEVELS.map((w) => ({ value: w, label: t(`followUp.wellbeing.${w}`) }))}
            error={errors.wellbeing?.message}
            {...register('wellbeing')}
          />
        </SimpleGrid>
        <Textarea
          label={t('followUp.outcome.text')}
          description={t('protection.encryptedHint')}
          autosize
          minRows={2}
          error={errors.outcome?.message}
          {...register('outcome', { setValueAs: emptyToUndefined })}
        />
        <Group>
          <Checkbox label={t('followUp.flags.retrafficked')} {...register('isRetrafficked')} />
          <Checkbox label={t('followUp.flags.becameBroker')} {...register('becameBroker')} />
        </Group>
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
