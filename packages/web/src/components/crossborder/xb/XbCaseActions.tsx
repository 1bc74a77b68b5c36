import { type XbCaseDetail, type XbOutcomeInput, XbOutcomeInputSchema } from '@ctip/domain';
import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencyOptions } from '../../../api/queries';
import { useCan } from '../../../auth/session';
import { notify } from '../../../i18n/notify';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { xbApi, xbKeys } from './xb.api';

type Dialog = 'accept' | 'reject' | 'outcome' | 'close' | null;

const OUTCOME_STEPS = XbOutcomeInputSchema.shape.step.unwrap().options;
const OUTCOMES = XbOutcomeInputSchema.shape.outcome.options;

/** What this side may do now: accept or reject (incoming), report an outcome, close. */
export function XbCaseActions({ xb }: { xb: XbCaseDetail }): ReactElement | null {
  const { t } = useTranslation();
  const can = useCan();
  const [dialog, setDialog] = useState<Dialog>(null);
  const mayUpdate = can('update', 'crossborder_case', { countryCode: xb.localCountry });
  const open = xb.status !== 'Closed' && xb.status !== 'Rejected' && !xb.isRestricted;
  if (!mayUpdate || !open) {
    return null;
  }
  const undecided = xb.role === 'Receiver' && (xb.status === 'Received' || xb.status === 'Offered');
  return (
    <>
      <Group gap="sm">
        {undecided ? (
          <>
            <Button onClick={() => setDialog('accept')} data-testid="xb-accept">
              {t('xb.accept')}
            </Button>
            <Button color="red" variant="light" onClick={() => setDialog('reject')}>
              {t('xb.reject')}
            </Button>
          </>
        ) : (
          <Button variant="light" onClick={() => setDialog('outcome')}>
            {t('xb.outcome.report')}
          </Button>
        )}
        <Button variant="default" onClick={() => setDialog('close')}>
          {t('xb.close')}
        </Button>
      </Group>
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={dialog ? t(`xb.dialog.${dialog}`) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {dialog ? <ActionForm xb={xb} dialog={dialog} onDone={() => setDialog(null)} /> : null}
      </Modal>
    </>
  );
}

function ActionForm({
  xb,
  dialog,
  onDone,
}: {
  xb: XbCaseDetail;
  dialog: Exclude<Dialog, null>;
  onDone: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const agencies = useAgencyOptions();
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [step, setStep] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string>('InProgress');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(): Promise<void> {
    setFailure(null);
    setBusy(true);
    try {
      const note = text.trim() || undefined;
      const updated =
        dialog === 'accept'
          ? await xbApi.accept(xb.id, { agencyId: agencyId ?? undefined })
          : dialog === 'reject'
            ? await xbApi.reject(xb.id, { reason: text.trim() })
            : dialog === 'outcome'
              ? await xbApi.outcome(xb.id, {
                  step: (step ?? undefined) as XbOutcomeInput['step'],
                  outcome: outcome as XbOutcomeInput['outcome'],
                  note,
                })
              : await xbApi.close(xb.id, { reason: note });
      queryClient.setQueryData(xbKeys.one(xb.id), updated);
      await queryClient.invalidateQueries({ queryKey: xbKeys.all });
      notify('success', t('xb.savedOk'));
      onDone();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack>
        {dialog === 'accept' ? (
          <Select
            label={t('xb.acceptAgency')}
            description={t('xb.acceptAgencyHelp')}
            data={(agencies.data ?? [])
              .filter((a) => a.countryCode === xb.localCountry)
              .map((a) => ({ value: a.id, label: a.name }))}
            value={agencyId}
            onChange={setAgencyId}
            searchable
            clearable
            nothingFoundMessage={t('common.noResults')}
            data-autofocus
          />
        ) : null}
        {dialog === 'outcome' ? (
          <>
            <Select
              label={t('xb.outcome.step')}
              data={OUTCOME_STEPS.map((s) => ({ value: s, label: t(`xb.step.${s}`) }))}
              value={step}
              onChange={setStep}
              clearable
            />
            <Select
              label={t('xb.outcome.outcome')}
              required
              allowDeselect={false}
              data={OUTCOMES.map((o) => ({ value: o, label: t(`xb.outcomeValue.${o}`) }))}
              value={outcome}
              onChange={(v) => setOutcome(v ?? 'InProgress')}
            />
          </>
        ) : null}
        {dialog !== 'accept' ? (
          <Textarea
            label={t(dialog === 'reject' ? 'xb.rejectReason' : 'xb.outcome.note')}
            required={dialog === 'reject'}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            maxLength={dialog === 'outcome' ? 2000 : 1000}
            autosize
            minRows={2}
            data-autofocus={dialog !== 'outcome' ? true : undefined}
          />
        ) : null}
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={busy}
            color={dialog === 'reject' ? 'red' : undefined}
            disabled={dialog === 'reject' && !text.trim()}
          >
            {t(`xb.dialog.${dialog}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
