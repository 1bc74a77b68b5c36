import {
  type MeetingParticipant,
  PARTICIPANT_SECTIONS,
  PARTICIPANT_SEXES,
  type ParticipantImportPreview,
  type ParticipantSection,
  type ParticipantSex,
} from '@ctip/domain';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../../api/queries';
import { ConfirmDialog } from '../../ConfirmDialog/ConfirmDialog';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { useSubmit } from '../shared/form';
import { type ParticipantDraft, participantsApi } from './participants.api';

const queryKey = (meetingId: string) => ['meetings', 'participants', meetingId];

/**
 * The participants of a meeting by section and country or group; with `editable`, add, edit and
 * remove one, or import a CSV with the columns of the 2019 MRW list (preview with row-level
 * errors, then commit all rows or none).
 */
export function ParticipantsPanel({
  meetingId,
  editable,
}: {
  meetingId: string;
  editable: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const countryLabel = useCountryLabel();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: queryKey(meetingId),
    queryFn: () => participantsApi.list(meetingId),
  });
  const [editing, setEditing] = useState<MeetingParticipant | 'new' | null>(null);
  const [removing, setRemoving] = useState<MeetingParticipant | null>(null);
  const [importing, setImporting] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKey(meetingId) });
  // Tolerate an unexpected answer (an older server): show nothing rather than fail the page.
  const data = list.data && Array.isArray(list.data.groups) ? list.data : undefined;
  const sections = PARTICIPANT_SECTIONS.filter((s) => data?.groups.some((g) => g.section === s));
  return (
    <Stack gap="sm" data-testid="ParticipantsPanel">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('meetingParticipants.title')}
        </Title>
        {editable ? (
          <Group gap="xs">
            <Button variant="light" onClick={() => setEditing('new')}>
              {t('meetingParticipants.add')}
            </Button>
            <Button variant="light" onClick={() => setImporting(true)}>
              {t('meetingParticipants.import.open')}
            </Button>
          </Group>
        ) : null}
      </Group>
      <ErrorAlert error={list.error} />
      {data ? (
        <Text size="sm" c="dimmed" data-testid="participants-total">
          {t('meetingParticipants.total', { count: data.total })}
          {data.total > 0
            ? ` — ${PARTICIPANT_SECTIONS.filter((s) => data.bySection[s] > 0)
                .map((s) => `${t(`meetingParticipants.section.${s}`)}: ${data.bySection[s]}`)
                .join(', ')}`
            : ''}
        </Text>
      ) : null}
      {data && data.total === 0 ? <Text c="dimmed">{t('meetingParticipants.none')}</Text> : null}
      {sections.map((section) => (
        <Stack key={section} gap="xs" data-testid={`participants-section-${section}`}>
          <Title order={3} size="h5">
            {t(`meetingParticipants.section.${section}`)}
          </Title>
          {data?.groups
            .filter((g) => g.section === section)
            .map((g) => (
              <Stack key={`${g.section}|${g.countryOrGroup}`} gap={2}>
                <Text fw={600} size="sm" component="div">
                  {g.countryCode ? countryLabel(g.countryCode) : g.countryOrGroup || '—'}
                  {g.countryCode &&
                  g.countryOrGroup &&
                  countryLabel(g.countryCode) !== g.countryOrGroup
                    ? ` (${g.countryOrGroup})`
                    : ''}{' '}
                  <Badge variant="light" size="sm">
                    {g.participants.length}
                  </Badge>
                </Text>
                <Table striped withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('meetingParticipants.field.listNo')}</Table.Th>
                      <Table.Th>{t('meetingParticipants.field.name')}</Table.Th>
                      <Table.Th>{t('meetingParticipants.field.position')}</Table.Th>
                      <Table.Th>{t('meetingParticipants.field.organisation')}</Table.Th>
                      <Table.Th>{t('meetingParticipants.field.sex')}</Table.Th>
                      {editable ? <Table.Th>{t('common.actions')}</Table.Th> : null}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {g.participants.map((p) => (
                      <Table.Tr key={p.id} data-testid={`participant-${p.id}`}>
                        <Table.Td>{p.listNo ?? ''}</Table.Td>
                        <Table.Td>{p.name}</Table.Td>
                        <Table.Td>{p.position ?? ''}</Table.Td>
                        <Table.Td>{p.organisation ?? ''}</Table.Td>
                        <Table.Td>{p.sex ? t(`meetingParticipants.sex.${p.sex}`) : ''}</Table.Td>
                        {editable ? (
                          <Table.Td>
                            <Group gap={4} wrap="nowrap">
                              <ActionIcon
                                variant="subtle"
                                size="sm"
                                aria-label={t('meetingParticipants.editOne', { name: p.name })}
                                onClick={() => setEditing(p)}
                              >
                                ✎
                              </ActionIcon>
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                size="sm"
                                aria-label={t('meetingParticipants.removeOne', { name: p.name })}
                                onClick={() => setRemoving(p)}
                              >
                                ×
                              </ActionIcon>
                            </Group>
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Stack>
            ))}
        </Stack>
      ))}
      {editing ? (
        <ParticipantForm
          meetingId={meetingId}
          participant={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
        />
      ) : null}
      <ConfirmDialog
        opened={removing !== null}
        title={t('meetingParticipants.removeTitle')}
        message={t('meetingParticipants.removeMessage', { name: removing?.name ?? '' })}
        confirmLabel={t('common.delete')}
        danger
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (removing) {
            await participantsApi.remove(meetingId, removing.id);
            await refresh();
          }
        }}
      />
      {importing ? (
        <ImportDialog
          meetingId={meetingId}
          onClose={() => setImporting(false)}
          onDone={() => {
            setImporting(false);
            void refresh();
          }}
        />
      ) : null}
    </Stack>
  );
}

function ParticipantForm({
  meetingId,
  participant,
  onClose,
  onSaved,
}: {
  meetingId: string;
  participant: MeetingParticipant | null;
  onClose: () => void;
  onSaved: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ParticipantDraft>({
    section: participant?.section ?? 'Participant',
    countryOrGroup: participant?.countryOrGroup ?? '',
    listNo: participant?.listNo ?? null,
    name: participant?.name ?? '',
    position: participant?.position ?? null,
    organisation: participant?.organisation ?? null,
    sex: participant?.sex ?? null,
  });
  const set = <K extends keyof ParticipantDraft>(k: K, v: ParticipantDraft[K]) =>
    setDraft((d) => ({ ...d, [k]: v }));
  const {
    busy,
    error,
    submit: save,
  } = useSubmit<void>(async () => {
    if (participant) {
      await participantsApi.update(meetingId, participant.id, {
        ...draft,
        version: participant.version,
      });
    } else {
      await participantsApi.add(meetingId, draft);
    }
    onSaved();
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={participant ? t('meetingParticipants.editTitle') : t('meetingParticipants.addTitle')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          <Select
            label={t('meetingParticipants.field.section')}
            data={PARTICIPANT_SECTIONS.map((s) => ({
              value: s,
              label: t(`meetingParticipants.section.${s}`),
            }))}
            value={draft.section}
            allowDeselect={false}
            onChange={(v) => set('section', (v ?? 'Participant') as ParticipantSection)}
          />
          <TextInput
            label={t('meetingParticipants.field.countryOrGroup')}
            description={t('meetingParticipants.countryOrGroupHint')}
            value={draft.countryOrGroup}
            onChange={(e) => set('countryOrGroup', e.currentTarget.value)}
          />
          <NumberInput
            label={t('meetingParticipants.field.listNo')}
            min={0}
            allowDecimal={false}
            value={draft.listNo ?? ''}
            onChange={(v) => set('listNo', typeof v === 'number' ? v : null)}
          />
          <TextInput
            label={t('meetingParticipants.field.name')}
            required
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
          />
          <TextInput
            label={t('meetingParticipants.field.position')}
            value={draft.position ?? ''}
            onChange={(e) => set('position', e.currentTarget.value || null)}
          />
          <TextInput
            label={t('meetingParticipants.field.organisation')}
            value={draft.organisation ?? ''}
            onChange={(e) => set('organisation', e.currentTarget.value || null)}
          />
          <Select
            label={t('meetingParticipants.field.sex')}
            clearable
            data={PARTICIPANT_SEXES.map((s) => ({
              value: s,
              label: t(`meetingParticipants.sex.${s}`),
            }))}
            value={draft.sex}
            onChange={(v) => set('sex', (v as ParticipantSex | null) ?? null)}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!draft.name.trim()}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ImportDialog({
  meetingId,
  onClose,
  onDone,
}: {
  meetingId: string;
  onClose: () => void;
  onDone: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const [csv, setCsv] = useState('');
  const [mode, setMode] = useState<'replace' | 'append'>('replace');
  const [preview, setPreview] = useState<ParticipantImportPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function run(commit: boolean): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const out = await participantsApi.importCsv(meetingId, { csv, commit, mode });
      if (commit) {
        onDone();
      } else {
        setPreview(out);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  async function readFile(file: File | undefined): Promise<void> {
    if (file) {
      setCsv(await file.text());
      setPreview(null);
    }
  }
  return (
    <Modal opened onClose={onClose} size="xl" title={t('meetingParticipants.import.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('meetingParticipants.import.columns')}</Text>
        <input
          type="file"
          accept=".csv,text/csv"
          aria-label={t('meetingParticipants.import.file')}
          onChange={(e) => void readFile(e.currentTarget.files?.[0])}
        />
        <Textarea
          label={t('meetingParticipants.import.text')}
          rows={4}
          value={csv}
          onChange={(e) => {
            setCsv(e.currentTarget.value);
            setPreview(null);
          }}
        />
        <SegmentedControl
          value={mode}
          onChange={(v) => {
            setMode(v as 'replace' | 'append');
            setPreview(null);
          }}
          data={[
            { value: 'replace', label: t('meetingParticipants.import.replace') },
            { value: 'append', label: t('meetingParticipants.import.append') },
          ]}
        />
        {preview ? (
          <Stack gap="xs" data-testid="import-preview">
            <Text size="sm">
              {t('meetingParticipants.import.summary', {
                rows: preview.rowCount,
                valid: preview.rows.length,
              })}{' '}
              {PARTICIPANT_SECTIONS.filter((s) => preview.bySection[s] > 0)
                .map((s) => `${t(`meetingParticipants.section.${s}`)}: ${preview.bySection[s]}`)
                .join(', ')}
            </Text>
            {preview.errors.length > 0 ? (
              <>
                <Alert color="red" title={t('meetingParticipants.import.hasErrors')}>
                  {t('meetingParticipants.import.nothingImported', {
                    count: preview.errors.length,
                  })}
                </Alert>
                <Table withTableBorder data-testid="import-errors">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('meetingParticipants.import.line')}</Table.Th>
                      <Table.Th>{t('meetingParticipants.import.column')}</Table.Th>
                      <Table.Th>{t('meetingParticipants.import.problem')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.errors.map((e) => (
                      <Table.Tr key={`${e.line}-${e.field}-${e.message}`}>
                        <Table.Td>{e.line}</Table.Td>
                        <Table.Td>{e.field}</Table.Td>
                        <Table.Td>{e.message}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            ) : (
              <Alert color="green">
                {mode === 'replace'
                  ? t('meetingParticipants.import.readyReplace', { count: preview.rows.length })
                  : t('meetingParticipants.import.readyAppend', { count: preview.rows.length })}
              </Alert>
            )}
          </Stack>
        ) : null}
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            variant="light"
            loading={busy}
            disabled={!csv.trim()}
            onClick={() => void run(false)}
          >
            {t('meetingParticipants.import.preview')}
          </Button>
          <Button
            loading={busy}
            disabled={!preview || preview.errors.length > 0 || preview.rows.length === 0}
            onClick={() => void run(true)}
          >
            {t('meetingParticipants.import.commit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
