import { type ShelterStayInput, ShelterStayInputSchema } from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { protectionApi, type ShelterStay } from '../../api/protection.api';
import { ruleText, sourceText } from '../../i18n/country-rules';
import { applyFieldError, errorText } from '../../i18n/errors';
import { notify } from '../../i18n/notify';
import { translated } from '../../i18n/resolver';
import { DateText } from '../DateText/DateText';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';
import { emptyToUndefined, todayIso } from './protection-format';
import { useProviderOptions } from './ServicesSection';

type Values = z.input<typeof ShelterStayInputSchema>;
const FIELDS = ['providerId', 'admittedOn', 'dischargedOn', 'isVoluntary', 'worksOutside'] as const;

function StayCard({
  caseId,
  stay,
  canEdit,
}: {
  caseId: string;
  stay: ShelterStay;
  canEdit: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const phase = stay.currentPhase;
  async function discharge(): Promise<void> {
    try {
      await protectionApi.dischargeStay(caseId, stay.id, todayIso());
      await queryClient.invalidateQueries({ queryKey: ['shelter-stays', caseId] });
    } catch (err) {
      notify('error', errorText(t, err));
    }
  }
  return (
    <Card withBorder padding="sm" data-testid="shelter-stay">
      <Group justify="space-between" wrap="wrap">
        <Text fw={500}>
          {stay.providerName ?? t('protection.shelter.unnamed')} ·{' '}
          <DateText value={stay.admittedOn} />
          {' – '}
          <DateText value={stay.dischargedOn} empty={t('protection.shelter.ongoing')} />
        </Text>
        <Group gap="xs">
          <Badge variant="light" color={stay.isVoluntary ? 'green' : 'orange'}>
            {stay.isVoluntary
              ? t('protection.shelter.voluntary')
              : t('protection.shelter.notVoluntary')}
          </Badge>
          {stay.worksOutside ? (
            <Badge variant="light">{t('protection.shelter.worksOutside')}</Badge>
          ) : null}
          {canEdit && !stay.dischargedOn ? (
            <Button size="xs" variant="subtle" onClick={discharge}>
              {t('protection.shelter.discharge')}
            </Button>
          ) : null}
        </Group>
      </Group>
      {phase ? (
        <Stack gap={4} mt="xs">
          <Text size="sm">
            {t('protection.shelter.currentPhase', {
              phase: ruleText(t, 'phase', phase.key, phase.phase),
              months: phase.monthsElapsed,
            })}{' '}
            {phase.isPastLastPhase ? (
              <Badge color="red" variant="light">
                {t('protection.shelter.pastLastPhase')}
              </Badge>
            ) : (
              <>
                {t('protection.shelter.phaseEnds')} <DateText value={phase.endsOn} />
              </>
            )}
          </Text>
          <Text size="sm" c="dimmed">
            {t('protection.shelter.phaseServices')}
          </Text>
          <List size="sm" data-testid="phase-services">
            {phase.services.map((s) => (
              <List.Item key={s}>{sourceText(t, 'service', s)}</List.Item>
            ))}
          </List>
        </Stack>
      ) : null}
    </Card>
  );
}

/** Shelter stays with their current phase (country rules) and a form to record one. */
export function ShelterStaysSection({
  caseId,
  canEdit,
}: {
  caseId: string;
  canEdit: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const providers = useProviderOptions();
  const stays = useQuery({
    queryKey: ['shelter-stays', caseId],
    queryFn: () => protectionApi.shelterStays(caseId),
  });
  const [adding, setAdding] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, ShelterStayInput>({
    resolver: translated(zodResolver(ShelterStayInputSchema)),
    defaultValues: { admittedOn: todayIso(), isVoluntary: true, worksOutside: false },
  });

  async function submit(values: ShelterStayInput): Promise<void> {
    setFailure(null);
    try {
      const res = await protectionApi.addShelterStay(caseId, values);
      await queryClient.invalidateQueries({ queryKey: ['shelter-stays', caseId] });
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      notify('success', t('protection.shelter.added', { count: res.taskIds.length }));
      reset();
      setAdding(false);
    } catch (err) {
      if (!applyFieldError(t, err, setError, FIELDS)) {
        setFailure(err);
      }
    }
  }

  return (
    <Card withBorder component="section" aria-labelledby="shelter-title">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="shelter-title">
          {t('protection.shelter.title')}
        </Title>
        {canEdit && !adding ? (
          <Button size="xs" onClick={() => setAdding(true)}>
            {t('protection.shelter.add')}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={stays.error} />
      <Stack gap="sm">
        {(stays.data ?? []).map((s) => (
          <StayCard key={s.id} caseId={caseId} stay={s} canEdit={canEdit} />
        ))}
        {stays.data?.length === 0 ? <Text c="dimmed">{t('protection.shelter.none')}</Text> : null}
      </Stack>
      {adding ? (
        <form onSubmit={handleSubmit(submit)} noValidate>
          <Stack mt="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Controller
                control={control}
                name="providerId"
                render={({ field }) => (
                  <Select
                    label={t('protection.shelter.provider')}
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
              <TextInput
                type="date"
                label={t('protection.shelter.admittedOn')}
                required
                error={errors.admittedOn?.message}
                {...register('admittedOn')}
              />
              <TextInput
                type="date"
                label={t('protection.shelter.dischargedOn')}
                error={errors.dischargedOn?.message}
                {...register('dischargedOn', { setValueAs: emptyToUndefined })}
              />
            </SimpleGrid>
            <Group>
              <Checkbox label={t('protection.shelter.voluntary')} {...register('isVoluntary')} />
              <Checkbox
                label={t('protection.shelter.worksOutside')}
                {...register('worksOutside')}
              />
            </Group>
            <Text size="sm" c="dimmed">
              {t('protection.shelter.tasksHint')}
            </Text>
            <ErrorAlert error={failure} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAdding(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={isSubmitting}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Card>
  );
}
