import {
  REPATRIATION_STEPS,
  type SharingPolicy,
  SharingPolicySchema,
  STEP_OWNERS,
  XB_PURPOSES,
} from '@ctip/domain';
import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TagsInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { notify } from '../../../i18n/notify';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { agreementsApi } from './agreements.api';
import { FIELD_GROUPS, fieldsOfGroup } from './policy-diff';

/** Field-named errors of a policy (keys: `fields`, `purposes`, `retentionDays`, `steps.<i>.dueDays`…). */
export function policyErrors(policy: unknown): Record<string, string> {
  const parsed = SharingPolicySchema.safeParse(policy);
  if (parsed.success) {
    return {};
  }
  const out: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.');
    const head = String(issue.path[0] ?? '');
    out[key] ??= issue.code;
    out[head] ??= issue.code;
  }
  return out;
}

type StepRow = {
  step: string;
  on: boolean;
  owner: string;
  anchor: string;
  dueDays: number | string;
};

/**
 * Edit a new draft version, starting from `base` (the version in force or the newest): checkbox
 * groups for fields and purposes, numbers for retention and step deadlines. Saving stores a Draft.
 */
export function PolicyDraftEditor({
  agreementId,
  base,
  onDone,
}: {
  agreementId: string;
  base: SharingPolicy;
  onDone: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<string[]>([...base.fields]);
  const [purposes, setPurposes] = useState<string[]>([...base.purposes]);
  const [retention, setRetention] = useState<number | string>(base.retentionDays);
  const [onward, setOnward] = useState(base.onwardSharing);
  const [roles, setRoles] = useState<string[]>([...base.recipientRoles]);
  const [steps, setSteps] = useState<StepRow[]>(
    REPATRIATION_STEPS.map((step) => {
      const s = base.steps.find((x) => x.step === step);
      return {
        step,
        on: Boolean(s),
        owner: s?.owner ?? 'origin',
        anchor: s?.anchor ?? 'offer',
        dueDays: s?.dueDays ?? '',
      };
    }),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const setStep = (i: number, patch: Partial<StepRow>) =>
    setSteps((list) => list.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  const candidate = () => ({
    purposes,
    fields,
    retentionDays: typeof retention === 'number' ? retention : Number.NaN,
    onwardSharing: onward,
    recipientRoles: roles,
    steps: steps
      .filter((s) => s.on)
      .map((s) => ({
        step: s.step,
        owner: s.owner,
        anchor: s.anchor,
        dueDays: typeof s.dueDays === 'number' ? s.dueDays : Number.NaN,
      })),
  });
  const msg = (key: string) => (errors[key] ? t('validation.invalid') : undefined);
  const stepError = (i: number) => {
    const idx = steps.filter((s, j) => s.on && j < i).length;
    return errors[`steps.${idx}.dueDays`] ? t('validation.invalid') : undefined;
  };

  async function save(): Promise<void> {
    const policy = candidate();
    const found = policyErrors(policy);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      return;
    }
    setFailure(null);
    setBusy(true);
    try {
      const saved = await agreementsApi.createDraft(agreementId, policy as SharingPolicy);
      await queryClient.invalidateQueries({ queryKey: ['agreements'] });
      notify('success', t('agreements.policy.draftSaved', { version: saved.version }));
      onDone();
    } catch (err) {
      if (isApiError(err) && err.field?.startsWith('policy.')) {
        setErrors({ [err.field.slice('policy.'.length).split('.')[0] as string]: err.code });
      } else {
        setFailure(err);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      noValidate
      data-testid="policy-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          {FIELD_GROUPS.map((g) => (
            <Checkbox.Group
              key={g}
              label={t(`agreements.fieldGroup.${g}`)}
              value={fields.filter((f) => f.startsWith(`${g}.`))}
              onChange={(v) => setFields([...fields.filter((f) => !f.startsWith(`${g}.`)), ...v])}
              error={g === 'person' ? msg('fields') : undefined}
            >
              <Stack gap={4} mt={4}>
                {fieldsOfGroup(g).map((f) => (
                  <Checkbox
                    key={f}
                    value={f}
                    label={t(`agreements.field.${f.replace('.', '_')}`)}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
          ))}
        </SimpleGrid>
        <Checkbox.Group
          label={t('agreements.policy.purposes')}
          value={purposes}
          onChange={setPurposes}
          error={msg('purposes')}
          data-testid="policy-purposes"
        >
          <Group mt={4}>
            {XB_PURPOSES.map((p) => (
              <Checkbox key={p} value={p} label={t(`agreements.purpose.${p}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('agreements.policy.retentionDays')}
            min={1}
            max={3650}
            allowDecimal={false}
            value={retention}
            onChange={setRetention}
            error={msg('retentionDays')}
          />
          <TagsInput
            label={t('agreements.policy.recipientRoles')}
            description={t('agreements.policy.recipientRolesHint')}
            value={roles}
            onChange={setRoles}
            error={msg('recipientRoles')}
          />
        </SimpleGrid>
        <Switch
          label={t('agreements.policy.onwardSharingAllowed')}
          checked={onward}
          onChange={(e) => setOnward(e.currentTarget.checked)}
        />
        <Fieldset legend={t('agreements.policy.steps')}>
          <Table aria-label={t('agreements.policy.steps')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('agreements.policy.step')}</Table.Th>
                <Table.Th>{t('agreements.policy.owner')}</Table.Th>
                <Table.Th>{t('agreements.policy.dueDays')}</Table.Th>
                <Table.Th>{t('agreements.policy.anchor')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {steps.map((s, i) => (
                <Table.Tr key={s.step}>
                  <Table.Td>
                    <Checkbox
                      label={t(`agreements.step.${s.step}`)}
                      checked={s.on}
                      onChange={(e) => setStep(i, { on: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`${t('agreements.policy.owner')}: ${t(`agreements.step.${s.step}`)}`}
                      data={STEP_OWNERS.map((o) => ({
                        value: o,
                        label: t(`agreements.owner.${o}`),
                      }))}
                      value={s.owner}
                      onChange={(v) => setStep(i, { owner: v ?? 'origin' })}
                      disabled={!s.on}
                      allowDeselect={false}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`${t('agreements.policy.dueDays')}: ${t(`agreements.step.${s.step}`)}`}
                      min={0}
                      max={730}
                      allowDecimal={false}
                      value={s.dueDays}
                      onChange={(v) => setStep(i, { dueDays: v })}
                      disabled={!s.on}
                      error={s.on ? stepError(i) : undefined}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`${t('agreements.policy.anchor')}: ${t(`agreements.step.${s.step}`)}`}
                      data={['offer', 'reception'].map((a) => ({
                        value: a,
                        label: t(`agreements.anchor.${a}`),
                      }))}
                      value={s.anchor}
                      onChange={(v) => setStep(i, { anchor: v ?? 'offer' })}
                      disabled={!s.on}
                      allowDeselect={false}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Fieldset>
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="policy-save-draft">
            {t('agreements.policy.saveDraft')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
