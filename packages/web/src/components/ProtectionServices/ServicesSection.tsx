import {
  SERVICE_STATUSES,
  SUPPORT_TYPES,
  type SupportServiceInput,
  SupportServiceInputSchema,
} from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type ReactElement, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { protectionApi, type SupportService } from '../../api/protection.api';
import { applyFieldError, errorText } from '../../i18n/errors';
import { notify } from '../../i18n/notify';
import { translated } from '../../i18n/resolver';
import { DataTable } from '../DataTable/DataTable';
import { DateText } from '../DateText/DateText';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';
import { emptyToUndefined, todayIso } from './protection-format';

type Values = z.input<typeof SupportServiceInputSchema>;
const FIELDS = ['type', 'providerId', 'status', 'startDate', 'endDate', 'notes'] as const;

/** The providers for a picker (empty when none can be listed). */
export function useProviderOptions(): { value: string; label: string }[] {
  const providers = useQuery({
    queryKey: ['protection-providers'],
    queryFn: protectionApi.providers,
    staleTime: 5 * 60_000,
  });
  return (providers.data ?? []).map((p) => ({ value: p.id, label: p.name }));
}

/** The services of a case (HTCDS support types) with a form to add one. */
export function ServicesSection({
  caseId,
  planId,
  services,
  canEdit,
}: {
  caseId: string;
  planId: string | null;
  services: SupportService[];
  canEdit: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const providers = useProviderOptions();
  const [adding, setAdding] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, SupportServiceInput>({
    resolver: translated(zodResolver(SupportServiceInputSchema)),
    defaultValues: { type: 'Shelter', status: 'Planned', startDate: todayIso() },
  });

  async function setStatus(s: SupportService, status: string): Promise<void> {
    try {
      await protectionApi.updateService(caseId, s.id, {
        status,
        ...(status === 'Delivered' || status === 'Cancelled' ? { endDate: todayIso() } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: ['case-services', caseId] });
    } catch (err) {
      notify('error', errorText(t, err));
    }
  }

  async function submit(values: SupportServiceInput): Promise<void> {
    setFailure(null);
    try {
      await protectionApi.addService(caseId, { ...values, planId: planId ?? undefined });
      await queryClient.invalidateQueries({ queryKey: ['case-services', caseId] });
      notify('success', t('protection.services.added'));
      reset();
      setAdding(false);
    } catch (err) {
      if (!applyFieldError(t, err, setError, FIELDS)) {
        setFailure(err);
      }
    }
  }

  const columns: ColumnDef<SupportService, unknown>[] = [
    {
      id: 'type',
      header: t('protection.services.type'),
      cell: ({ row }) => t(`protection.supportType.${row.original.type}`),
    },
    {
      id: 'provider',
      header: t('protection.services.provider'),
      cell: ({ row }) => row.original.providerName ?? '—',
    },
    {
      id: 'status',
      header: t('protection.services.status'),
      cell: ({ row }) =>
        canEdit ? (
          <NativeSelect
            aria-label={t('protection.services.status')}
            size="xs"
            value={row.original.status}
            data={SERVICE_STATUSES.map((s) => ({
              value: s,
              label: t(`protection.serviceStatus.${s}`),
            }))}
            onChange={(e) => setStatus(row.original, e.currentTarget.value)}
          />
        ) : (
          <Badge variant="light">{t(`protection.serviceStatus.${row.original.status}`)}</Badge>
        ),
    },
    {
      id: 'start',
      header: t('protection.services.startDate'),
      cell: ({ row }) => <DateText value={row.original.startDate} empty="—" />,
    },
    {
      id: 'end',
      header: t('protection.services.endDate'),
      cell: ({ row }) => <DateText value={row.original.endDate} empty="—" />,
    },
    {
      id: 'notes',
      header: t('protection.services.notes'),
      cell: ({ row }) => row.original.notes ?? '',
    },
  ];

  return (
    <Card withBorder component="section" aria-labelledby="services-title">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="services-title">
          {t('protection.services.title')}
        </Title>
        {canEdit && !adding ? (
          <Button size="xs" onClick={() => setAdding(true)} data-testid="service-add">
            {t('protection.services.add')}
          </Button>
        ) : null}
      </Group>
      <DataTable
        label={t('protection.services.title')}
        columns={columns}
        rows={services}
        getRowId={(s) => s.id}
        data-testid="services-table"
      />
      {adding ? (
        <form onSubmit={handleSubmit(submit)} noValidate>
          <Stack mt="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NativeSelect
                label={t('protection.services.type')}
                required
                data={SUPPORT_TYPES.map((s) => ({
                  value: s,
                  label: t(`protection.supportType.${s}`),
                }))}
                error={errors.type?.message}
                {...register('type')}
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
              <NativeSelect
                label={t('protection.services.status')}
                data={SERVICE_STATUSES.map((s) => ({
                  value: s,
                  label: t(`protection.serviceStatus.${s}`),
                }))}
                error={errors.status?.message}
                {...register('status')}
              />
              <TextInput
                type="date"
                label={t('protection.services.startDate')}
                error={errors.startDate?.message}
                {...register('startDate', { setValueAs: emptyToUndefined })}
              />
              <TextInput
                type="date"
                label={t('protection.services.endDate')}
                error={errors.endDate?.message}
                {...register('endDate', { setValueAs: emptyToUndefined })}
              />
            </SimpleGrid>
            <Textarea
              label={t('protection.services.notes')}
              description={t('protection.encryptedHint')}
              autosize
              minRows={2}
              error={errors.notes?.message}
              {...register('notes', { setValueAs: emptyToUndefined })}
            />
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
