import { COMMIT_COUNTRIES, type NationalPlanView } from '@ctip/domain';
import { Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { useCountryLabel } from '../../../api/queries';
import { FormActions, formLevelError } from '../shared/form';
import { workplansApi } from './workplans.api';

type Draft = {
  countryCode: string;
  ordinal: number | string;
  title: string;
  yearApproved: number | string;
  periodStart: number | string;
  periodEnd: number | string;
  scope: string;
};

const toNum = (v: number | string): number | null => (v === '' ? null : Number(v));

/** Record or amend a national plan of action. `plan` null = a new one. */
export function NationalPlanModal({
  opened,
  onClose,
  plan,
  countries,
  defaultCountry,
}: {
  opened: boolean;
  onClose: () => void;
  plan: NationalPlanView | null;
  /** Countries the caller may record plans for. */
  countries: readonly string[];
  defaultCountry: string;
}): ReactElement {
  const { t } = useTranslation();
  const countryLabel = useCountryLabel();
  const qc = useQueryClient();
  const [d, setD] = useState<Draft>(() => ({
    countryCode: plan?.countryCode ?? defaultCountry,
    ordinal: plan?.ordinal ?? 1,
    title: plan?.title ?? '',
    yearApproved: plan?.yearApproved ?? '',
    periodStart: plan?.periodStart ?? '',
    periodEnd: plan?.periodEnd ?? '',
    scope: plan?.scope ?? '',
  }));
  const save = useMutation({
    mutationFn: async () => {
      const body = {
        ordinal: Number(d.ordinal),
        title: d.title.trim() || null,
        yearApproved: toNum(d.yearApproved),
        periodStart: Number(d.periodStart),
        periodEnd: Number(d.periodEnd),
        scope: d.scope.trim() || null,
      };
      return plan
        ? workplansApi.updateNationalPlan(plan.id, { ...body, version: plan.version })
        : workplansApi.createNationalPlan({ ...body, countryCode: d.countryCode });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['plans', 'national-plans'] });
      onClose();
    },
  });
  const fieldError = (name: string) =>
    isApiError(save.error) && save.error.field === name ? t('validation.invalid') : undefined;
  const set = (k: keyof Draft) => (v: number | string | null) =>
    setD((x) => ({ ...x, [k]: v ?? '' }));
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={plan ? t('plansWorkplans.npa.edit') : t('plansWorkplans.npa.add')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Select
            label={t('plansWorkplans.field.country')}
            data={(countries.length ? countries : COMMIT_COUNTRIES).map((c) => ({
              value: c,
              label: countryLabel(c),
            }))}
            value={d.countryCode}
            onChange={(v) => set('countryCode')(v)}
            disabled={plan !== null || countries.length <= 1}
            allowDeselect={false}
          />
          <NumberInput
            label={t('plansWorkplans.field.ordinal')}
            min={1}
            max={20}
            value={d.ordinal}
            onChange={set('ordinal')}
            error={fieldError('ordinal')}
            required
          />
          <TextInput
            label={t('plansWorkplans.field.npaTitle')}
            value={d.title}
            onChange={(e) => set('title')(e.currentTarget.value)}
          />
          <NumberInput
            label={t('plansWorkplans.field.yearApproved')}
            min={1990}
            max={2100}
            value={d.yearApproved}
            onChange={set('yearApproved')}
            error={fieldError('yearApproved')}
          />
          <Group grow>
            <NumberInput
              label={t('plansWorkplans.field.periodStart')}
              min={1990}
              max={2100}
              value={d.periodStart}
              onChange={set('periodStart')}
              error={fieldError('periodStart')}
              required
            />
            <NumberInput
              label={t('plansWorkplans.field.periodEnd')}
              min={1990}
              max={2100}
              value={d.periodEnd}
              onChange={set('periodEnd')}
              error={fieldError('periodEnd')}
              required
            />
          </Group>
          <TextInput
            label={t('plansWorkplans.field.scope')}
            value={d.scope}
            onChange={(e) => set('scope')(e.currentTarget.value)}
          />
          <FormActions
            error={formLevelError(save.error)}
            busy={save.isPending}
            cancelLabel={t('plansWorkplans.cancel')}
            saveLabel={t('plansWorkplans.save')}
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Modal>
  );
}
