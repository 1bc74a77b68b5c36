import { type StatViolationView, ViolationAnnotateInputSchema } from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { statisticsDataApi } from '../../../api/statistics-data.api';
import { applyFieldError } from '../../../i18n/errors';
import { notify } from '../../../i18n/notify';
import { translated } from '../../../i18n/resolver';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { useStatLabels } from '../entry/labels';

type Values = { annotation: string };

/** Explain a finding ("as printed in the source"): it then shows Annotated, no longer Open. */
export function AnnotateDialog({
  violation,
  onClose,
}: {
  violation: StatViolationView | null;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    resolver: translated(zodResolver(ViolationAnnotateInputSchema)),
    defaultValues: { annotation: '' },
  });
  useEffect(() => {
    form.reset({ annotation: violation?.annotation ?? '' });
  }, [violation, form]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      statisticsDataApi.annotate((violation as StatViolationView).id, v.annotation),
    onSuccess: () => {
      notify('success', t('statisticsData.validation.annotated'));
      void queryClient.invalidateQueries({ queryKey: ['stat-violations'] });
      void queryClient.invalidateQueries({ queryKey: ['stat-entry'] });
      onClose();
    },
    onError: (err) => {
      applyFieldError(t, err, form.setError, ['annotation']);
    },
  });
  return (
    <Modal
      opened={violation !== null}
      onClose={onClose}
      title={t('statisticsData.validation.annotateTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {violation ? (
        <form onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
          <Text size="sm" mb="sm">
            {labels.ruleText(violation.ruleCode, violation.kind)} —{' '}
            {labels.element(violation.dataElement)}, {labels.period(violation.period)}
          </Text>
          <Textarea
            label={t('statisticsData.validation.reason')}
            description={t('statisticsData.validation.reasonHint')}
            rows={3}
            data-autofocus
            {...form.register('annotation')}
            error={form.formState.errors.annotation?.message}
          />
          <ErrorAlert error={save.error && !form.formState.errors.annotation ? save.error : null} />
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('statisticsData.validation.saveAnnotation')}
            </Button>
          </Group>
        </form>
      ) : null}
    </Modal>
  );
}
