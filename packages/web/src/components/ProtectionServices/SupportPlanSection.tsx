import { type SupportPlanInput, SupportPlanInputSchema } from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { protectionApi, type SupportPlan } from '../../api/protection.api';
import { applyFieldError } from '../../i18n/errors';
import { notify } from '../../i18n/notify';
import { translated } from '../../i18n/resolver';
import { DateText } from '../DateText/DateText';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';

type Values = z.input<typeof SupportPlanInputSchema>;

/** The case's support plan: its goals (encrypted at rest), editable. */
export function SupportPlanSection({
  caseId,
  plans,
  canEdit,
}: {
  caseId: string;
  plans: SupportPlan[];
  canEdit: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const plan = plans.find((p) => p.status === 'Active') ?? plans.at(-1) ?? null;
  const [editing, setEditing] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, SupportPlanInput>({
    resolver: translated(zodResolver(SupportPlanInputSchema)),
    defaultValues: { goals: plan?.goals ?? '', status: 'Active' },
  });

  async function submit(values: SupportPlanInput): Promise<void> {
    setFailure(null);
    try {
      if (plan) {
        await protectionApi.updatePlan(caseId, plan.id, values);
      } else {
        await protectionApi.createPlan(caseId, values);
      }
      await queryClient.invalidateQueries({ queryKey: ['case-services', caseId] });
      notify('success', t('protection.plan.saved'));
      setEditing(false);
    } catch (err) {
      if (!applyFieldError(t, err, setError, ['goals'])) {
        setFailure(err);
      }
    }
  }

  return (
    <Card withBorder component="section" aria-labelledby="support-plan-title">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="support-plan-title">
          {t('protection.plan.title')}
        </Title>
        {plan ? <Badge variant="light">{t(`protection.planStatus.${plan.status}`)}</Badge> : null}
      </Group>
      {editing ? (
        <form onSubmit={handleSubmit(submit)} noValidate>
          <Stack>
            <Textarea
              label={t('protection.plan.goals')}
              autosize
              minRows={3}
              required
              autoFocus
              error={errors.goals?.message}
              {...register('goals')}
            />
            <ErrorAlert error={failure} />
            <Group justify="flex-end">
              <Button
                variant="default"
                onClick={() => {
                  reset({ goals: plan?.goals ?? '', status: 'Active' });
                  setEditing(false);
                }}
              >
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={isSubmitting}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack gap="xs">
          {plan ? (
            <>
              <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="support-plan-goals">
                {plan.goals}
              </Text>
              <Text size="sm" c="dimmed">
                {t('protection.plan.updated')} <DateText value={plan.updatedAt} />
              </Text>
            </>
          ) : (
            <Text c="dimmed">{t('protection.plan.none')}</Text>
          )}
          {canEdit ? (
            <Group>
              <Button size="xs" variant="light" onClick={() => setEditing(true)}>
                {plan ? t('protection.plan.edit') : t('protection.plan.create')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      )}
    </Card>
  );
}
