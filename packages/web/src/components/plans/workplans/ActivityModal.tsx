import type { WorkplanActivityView, WorkplanView } from '@ctip/domain';
import {
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { FormActions, formLevelError } from '../shared/form';
import { workplansApi } from './workplans.api';

/** The framework activities as Select groups, one per area, ★ marking priority activities. */
function activityGroups(
  wp: WorkplanView,
  notGiven: string,
): { group: string; items: { value: string; label: string }[] }[] {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const a of wp.frameworkActivities) {
    const key = a.areaCode ? `${a.areaCode}. ${a.areaTitle ?? notGiven}` : '—';
    const label = `${a.isPriority ? '★ ' : ''}${a.code} — ${a.title ?? notGiven}`;
    groups.set(key, [...(groups.get(key) ?? []), { value: a.id, label }]);
  }
  return [...groups.entries()].map(([group, items]) => ({ group, items }));
}

type Draft = {
  nodeId: string | null;
  title: string;
  titleLocal: string;
  leadAgencyId: string | null;
  leadAgencyText: string;
  partnerAgencyIds: string[];
  partnersText: string;
  plannedAmount: number | string;
  plannedUsdRate: number | string;
};

/**
 * Add or edit a workplan activity: the framework activity (searchable, grouped by area), the
 * national title in English and in the country's language, lead agency (picked or typed),
 * partners, and the planned amount in the workplan's currency with an optional own USD rate.
 */
export function ActivityModal({
  workplan,
  activity,
  onClose,
}: {
  workplan: WorkplanView;
  /** null = a new activity. */
  activity: WorkplanActivityView | null;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notGiven = t('plansWorkplans.notGiven');
  const groups = useMemo(() => activityGroups(workplan, notGiven), [workplan, notGiven]);
  const agencies = workplan.agencies.map((a) => ({
    value: a.id,
    label: a.shortName ? `${a.name} (${a.shortName})` : a.name,
  }));
  const [d, setD] = useState<Draft>(() => ({
    nodeId: activity?.nodeId ?? null,
    title: activity?.title ?? '',
    titleLocal: activity?.titleLocal ?? '',
    leadAgencyId: activity?.leadAgencyId ?? null,
    leadAgencyText: activity?.leadAgencyText ?? '',
    partnerAgencyIds: activity?.partnerAgencyIds ?? [],
    partnersText: activity?.partnersText ?? '',
    plannedAmount: activity?.plannedAmount ?? '',
    plannedUsdRate: activity?.plannedUsdRate ?? '',
  }));
  const save = useMutation({
    mutationFn: () => {
      const body = {
        nodeId: d.nodeId ?? '',
        title: d.title.trim(),
        titleLocal: d.titleLocal.trim() || null,
        leadAgencyId: d.leadAgencyId,
        leadAgencyText: d.leadAgencyText.trim() || null,
        partnerAgencyIds: d.partnerAgencyIds,
        partnersText: d.partnersText.trim() || null,
        plannedAmount: d.plannedAmount === '' ? null : Number(d.plannedAmount),
        plannedUsdRate: d.plannedUsdRate === '' ? null : Number(d.plannedUsdRate),
      };
      return activity
        ? workplansApi.updateActivity(workplan.id, activity.id, {
            ...body,
            version: activity.version,
          })
        : workplansApi.addActivity(workplan.id, body);
    },
    onSuccess: (wp) => {
      qc.setQueryData(['plans', 'workplan', workplan.id], wp);
      onClose();
    },
  });
  const err = (name: string) =>
    isApiError(save.error) && save.error.field?.split('.')[0] === name
      ? t('validation.invalid')
      : undefined;
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const chosen = workplan.frameworkActivities.find((a) => a.id === d.nodeId);
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={activity ? t('plansWorkplans.activity.edit') : t('plansWorkplans.activity.add')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Select
            label={t('plansWorkplans.field.frameworkActivity')}
            data={groups}
            value={d.nodeId}
            onChange={(v) => set('nodeId', v)}
            searchable
            required
            error={err('nodeId')}
            nothingFoundMessage={t('plansWorkplans.activity.noMatch')}
            data-autofocus
          />
          {chosen && chosen.title === null ? (
            <Text size="xs" c="dimmed">
              {t('plansWorkplans.notGivenLong')}
            </Text>
          ) : null}
          <TextInput
            label={t('plansWorkplans.field.titleEn')}
            value={d.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            required
            error={err('title')}
          />
          <TextInput
            label={t('plansWorkplans.field.titleLocal')}
            value={d.titleLocal}
            onChange={(e) => set('titleLocal', e.currentTarget.value)}
            error={err('titleLocal')}
          />
          <Group grow align="flex-start">
            <Select
              label={t('plansWorkplans.field.leadAgency')}
              data={agencies}
              value={d.leadAgencyId}
              onChange={(v) => set('leadAgencyId', v)}
              searchable
              clearable
              error={err('leadAgencyId')}
            />
            <TextInput
              label={t('plansWorkplans.field.leadAgencyText')}
              value={d.leadAgencyText}
              onChange={(e) => set('leadAgencyText', e.currentTarget.value)}
            />
          </Group>
          <MultiSelect
            label={t('plansWorkplans.field.partners')}
            data={agencies}
            value={d.partnerAgencyIds}
            onChange={(v) => set('partnerAgencyIds', v)}
            searchable
            error={err('partnerAgencyIds')}
          />
          <Textarea
            label={t('plansWorkplans.field.partnersText')}
            value={d.partnersText}
            onChange={(e) => set('partnersText', e.currentTarget.value)}
            rows={2}
          />
          <Group grow align="flex-start">
            <NumberInput
              label={t('plansWorkplans.field.plannedAmount', { currency: workplan.currency })}
              min={0}
              decimalScale={2}
              thousandSeparator=","
              value={d.plannedAmount}
              onChange={(v) => set('plannedAmount', v)}
              error={err('plannedAmount')}
            />
            <NumberInput
              label={t('plansWorkplans.field.plannedUsdRate')}
              description={
                workplan.usdRate !== null
                  ? t('plansWorkplans.activity.rateDefault', { rate: workplan.usdRate })
                  : null
              }
              min={0}
              decimalScale={6}
              value={d.plannedUsdRate}
              onChange={(v) => set('plannedUsdRate', v)}
              error={err('plannedUsdRate')}
              disabled={workplan.currency === 'USD'}
            />
          </Group>
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
