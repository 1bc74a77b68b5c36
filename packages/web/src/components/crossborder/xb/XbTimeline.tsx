import {
  STEP_STATUSES,
  type StepStatus,
  type XbCaseDetail,
  type XbStep,
  type XbStepUpdateInput,
} from '@ctip/domain';
import {
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../../api/queries';
import { notify } from '../../../i18n/notify';
import { DateText } from '../../DateText/DateText';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { xbApi, xbKeys } from './xb.api';

const STEP_COLOR: Record<StepStatus, string> = {
  Pending: 'gray',
  InProgress: 'blue',
  Done: 'green',
  Blocked: 'red',
  NotApplicable: 'dark',
};

/** The shared repatriation timeline: each step's owner, due date, status and delay. */
export function XbTimeline({ xb }: { xb: XbCaseDetail }): ReactElement {
  const { t } = useTranslation();
  const countryLabel = useCountryLabel();
  const [editing, setEditing] = useState<XbStep | null>(null);
  if (xb.steps.length === 0) {
    return <Text c="dimmed">{t('xb.timeline.none')}</Text>;
  }
  return (
    <>
      <Table striped aria-label={t('xb.timeline.title')} data-testid="xb-timeline">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('xb.timeline.step')}</Table.Th>
            <Table.Th>{t('xb.timeline.owner')}</Table.Th>
            <Table.Th>{t('xb.timeline.due')}</Table.Th>
            <Table.Th>{t('xb.timeline.status')}</Table.Th>
            <Table.Th>{t('xb.timeline.delay')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {xb.steps.map((s) => (
            <Table.Tr key={s.step} data-testid={`xb-step-${s.step}`}>
              <Table.Td>
                <Stack gap={0}>
                  <span>{t(`xb.step.${s.step}`)}</span>
                  {s.note ? (
                    <Text size="xs" c="dimmed">
                      {s.note}
                    </Text>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td>
                {countryLabel(s.ownerCountry)}{' '}
                <Text span size="xs" c="dimmed">
                  ({t(`xb.owner.${s.owner}`)})
                </Text>
              </Table.Td>
              <Table.Td>
                <DateText value={s.dueDate} empty={t('xb.timeline.noDue')} />
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Badge color={STEP_COLOR[s.status]} variant="light">
                    {t(`xb.stepStatus.${s.status}`)}
                  </Badge>
                  {s.completedOn ? (
                    <Text size="xs" c="dimmed">
                      <DateText value={s.completedOn} />
                    </Text>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td>
                {s.delayDays > 0 ? (
                  <Text c="red" fw={700} data-testid={`xb-delay-${s.step}`}>
                    {t('xb.timeline.delayDays', { count: s.delayDays })}
                  </Text>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                {xb.ownSteps.includes(s.step) ? (
                  <Button size="xs" variant="light" onClick={() => setEditing(s)}>
                    {t('xb.timeline.update')}
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t(`xb.step.${editing.step}`) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing ? <StepForm xb={xb} step={editing} onDone={() => setEditing(null)} /> : null}
      </Modal>
    </>
  );
}

function StepForm({
  xb,
  step,
  onDone,
}: {
  xb: XbCaseDetail;
  step: XbStep;
  onDone: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StepStatus>(step.status);
  const [completedOn, setCompletedOn] = useState(step.completedOn ?? '');
  const [note, setNote] = useState(step.note ?? '');
  const [borderPointId, setBorderPointId] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const isHandover = step.step === 'handover';
  const points = useQuery({
    queryKey: ['xb', 'border-points', xb.peerCountry],
    queryFn: () => xbApi.borderPoints(xb.peerCountry),
    enabled: isHandover,
  });

  async function submit(): Promise<void> {
    setFailure(null);
    setBusy(true);
    const input: XbStepUpdateInput = {
      status,
      completedOn: status === 'Done' ? completedOn || undefined : undefined,
      note: note.trim() || undefined,
      borderPointId: borderPointId ?? undefined,
    };
    try {
      const updated = await xbApi.updateStep(xb.id, step.step, input);
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
        <Select
          label={t('xb.timeline.status')}
          required
          allowDeselect={false}
          data={STEP_STATUSES.map((s) => ({ value: s, label: t(`xb.stepStatus.${s}`) }))}
          value={status}
          onChange={(v) => setStatus((v as StepStatus) ?? 'Pending')}
          data-autofocus
        />
        {status === 'Done' ? (
          <TextInput
            type="date"
            label={t('xb.timeline.completedOn')}
            required
            value={completedOn}
            onChange={(e) => setCompletedOn(e.currentTarget.value)}
          />
        ) : null}
        {isHandover ? (
          <Select
            label={t('xb.timeline.borderPoint')}
            description={t('xb.timeline.borderPointHelp')}
            data={(points.data ?? [])
              .filter((p) => p.countries.includes(xb.localCountry))
              .map((p) => ({ value: p.id, label: `${p.code} — ${p.location}` }))}
            value={borderPointId}
            onChange={setBorderPointId}
            searchable
            clearable
            nothingFoundMessage={t('common.noResults')}
          />
        ) : null}
        <Textarea
          label={t('xb.timeline.note')}
          description={t('xb.timeline.noteHelp')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={1000}
          autosize
          minRows={2}
        />
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} disabled={status === 'Done' && !completedOn}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
