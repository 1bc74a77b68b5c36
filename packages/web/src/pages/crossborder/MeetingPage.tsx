import { MEETING_STATUSES, type Meeting, type MeetingStatus } from '@ctip/domain';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useCountryLabel } from '../../api/queries';
import { useCan } from '../../auth/session';
import { ConfirmDialog } from '../../components/ConfirmDialog/ConfirmDialog';
import { ActionItems } from '../../components/crossborder/meeting/ActionItems';
import { AgendaItemEditor } from '../../components/crossborder/meeting/AgendaItemEditor';
import { MinutesEditor } from '../../components/crossborder/meeting/MinutesEditor';
import { meetingsApi } from '../../components/crossborder/meeting/meetings.api';
import { DateText } from '../../components/DateText/DateText';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { ParticipantsPanel } from '../../components/plans/participants/ParticipantsPanel';

/** One meeting: agenda (linked to the shared cases), minutes with autosave, decisions, actions. */
export function MeetingPage(): ReactElement {
  const { t } = useTranslation();
  const { meetingId = '' } = useParams();
  const can = useCan();
  const countryLabel = useCountryLabel();
  const meeting = useQuery({
    queryKey: ['meetings', 'one', meetingId],
    queryFn: () => meetingsApi.get(meetingId),
  });
  const m = meeting.data;
  if (!m) {
    return (
      <Stack data-testid="MeetingPage">
        <ErrorAlert error={meeting.error} />
      </Stack>
    );
  }
  const editable = m.countries.some((c) => can('update', 'meeting', { countryCode: c }));
  return (
    <Stack data-testid="MeetingPage">
      <PageHeader
        actions={
          m.status === 'Planned' &&
          !m.isSeeded &&
          m.countries.some((c) => can('delete', 'meeting', { countryCode: c })) ? (
            <DeleteMeetingButton id={m.id} />
          ) : null
        }
        title={m.title}
        description={[
          t(`meetings.type.${m.type}`),
          m.countries.map((c) => countryLabel(c)).join(' – '),
          m.location,
        ]
          .filter(Boolean)
          .join(' · ')}
      />
      <Group gap="md">
        <Badge variant="light">{t(`meetings.status.${m.status}`)}</Badge>
        <Text size="sm">
          {t('meetings.field.scheduledOn')}:{' '}
          <DateText value={m.scheduledOn} empty={m.dateNote ?? '—'} />
        </Text>
        {m.heldOn ? (
          <Text size="sm">
            {t('meetings.field.heldOn')}: <DateText value={m.heldOn} />
          </Text>
        ) : null}
        {m.statusNote ? (
          <Text size="sm" c="dimmed">
            {m.statusNote}
          </Text>
        ) : null}
      </Group>
      {m.note || m.source ? (
        <Text size="sm" c="dimmed">
          {[m.note, m.source ? `${t('meetings.field.source')}: ${m.source}` : null]
            .filter(Boolean)
            .join(' — ')}
        </Text>
      ) : null}
      {editable ? <StatusForm meeting={m} /> : null}
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('meetings.agenda.title')}
        </Title>
        <Agenda meeting={m} editable={editable} />
      </Card>
      <Card withBorder>
        <MinutesEditor key={m.id} meeting={m} readOnly={!editable} />
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('meetings.decisions.title')}
        </Title>
        <Decisions meeting={m} editable={editable} />
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('meetings.actions.title')}
        </Title>
        <ActionItems meeting={m} editable={editable} />
      </Card>
      <Card withBorder>
        <ParticipantsPanel meetingId={m.id} editable={editable} />
      </Card>
    </Stack>
  );
}

function DeleteMeetingButton({ id }: { id: string }): ReactElement {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function remove(): Promise<void> {
    try {
      await meetingsApi.remove(id);
      await queryClient.invalidateQueries({ queryKey: ['meetings'] });
      void navigate('/cross-border/meetings');
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Stack gap={4}>
      <Button color="red" variant="light" onClick={() => setAsking(true)}>
        {t('meetings.delete')}
      </Button>
      <ConfirmDialog
        opened={asking}
        title={t('meetings.delete')}
        message={t('meetings.deleteConfirm')}
        confirmLabel={t('common.delete')}
        onClose={() => setAsking(false)}
        onConfirm={remove}
      />
      <ErrorAlert error={error} />
    </Stack>
  );
}

function usePut(id: string) {
  const queryClient = useQueryClient();
  return (m: Meeting) => {
    queryClient.setQueryData(['meetings', 'one', id], m);
    void queryClient.invalidateQueries({ queryKey: ['meetings', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['meetings', 'schedule'] });
  };
}

function StatusForm({ meeting }: { meeting: Meeting }): ReactElement {
  const { t } = useTranslation();
  const put = usePut(meeting.id);
  const [status, setStatus] = useState<MeetingStatus>(meeting.status);
  const [heldOn, setHeldOn] = useState(meeting.heldOn ?? '');
  const [error, setError] = useState<unknown>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  async function save(): Promise<void> {
    setError(null);
    setFieldError(null);
    try {
      put(
        await meetingsApi.update(meeting.id, {
          version: meeting.version,
          status,
          heldOn: heldOn || null,
        }),
      );
    } catch (err) {
      if (isApiError(err) && err.field === 'heldOn') {
        setFieldError(t('validation.invalid'));
      } else {
        setError(err);
      }
    }
  }
  return (
    <Group align="flex-end">
      <Select
        label={t('meetings.field.status')}
        data={MEETING_STATUSES.map((v) => ({ value: v, label: t(`meetings.status.${v}`) }))}
        value={status}
        onChange={(v) => setStatus((v ?? meeting.status) as MeetingStatus)}
        allowDeselect={false}
      />
      <TextInput
        type="date"
        label={t('meetings.field.heldOn')}
        value={heldOn}
        error={fieldError}
        onChange={(e) => setHeldOn(e.currentTarget.value)}
      />
      <Button variant="light" onClick={() => void save()}>
        {t('common.save')}
      </Button>
      <ErrorAlert error={error} />
    </Group>
  );
}

function Agenda({ meeting, editable }: { meeting: Meeting; editable: boolean }): ReactElement {
  const { t } = useTranslation();
  const put = usePut(meeting.id);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function run(p: Promise<Meeting>): Promise<void> {
    setError(null);
    try {
      put(await p);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Stack gap="sm">
      {meeting.agenda.length === 0 ? (
        <Text c="dimmed">{t('meetings.agenda.none')}</Text>
      ) : (
        <List type="ordered" spacing="xs" data-testid="agenda">
          {meeting.agenda.map((a) => (
            <List.Item key={a.id}>
              <Group gap="xs" wrap="nowrap">
                {a.xbCaseId ? (
                  <Anchor component={Link} to={`/cross-border/cases/${a.xbCaseId}`}>
                    {a.title}
                  </Anchor>
                ) : (
                  <Text size="sm">{a.title}</Text>
                )}
                {editable ? (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="sm"
                    aria-label={t('meetings.agenda.remove')}
                    onClick={() => void run(meetingsApi.removeAgenda(meeting.id, a.id))}
                  >
                    ×
                  </ActionIcon>
                ) : null}
              </Group>
              {a.note ? (
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
                  {a.note}
                </Text>
              ) : null}
              {a.decision ? (
                <Text size="sm">
                  {t('meetings.agenda.decision')}: {a.decision}
                </Text>
              ) : null}
              {editable ? (
                <AgendaItemEditor
                  key={`${a.id}-${a.note}-${a.decision}`}
                  meetingId={meeting.id}
                  item={a}
                  onSaved={put}
                />
              ) : null}
            </List.Item>
          ))}
        </List>
      )}
      {editable ? (
        <Group align="flex-end">
          <TextInput
            label={t('meetings.agenda.add')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Button
            variant="light"
            disabled={!title.trim()}
            onClick={() =>
              void run(meetingsApi.addAgenda(meeting.id, { title: title.trim() })).then(() =>
                setTitle(''),
              )
            }
          >
            {t('common.create')}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={error} />
    </Stack>
  );
}

function Decisions({ meeting, editable }: { meeting: Meeting; editable: boolean }): ReactElement {
  const { t } = useTranslation();
  const put = usePut(meeting.id);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function run(p: Promise<Meeting>): Promise<void> {
    setError(null);
    try {
      put(await p);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Stack gap="sm">
      {meeting.decisions.length === 0 ? (
        <Text c="dimmed">{t('meetings.decisions.none')}</Text>
      ) : (
        <List type="ordered" spacing="xs" data-testid="decisions">
          {meeting.decisions.map((d) => (
            <List.Item key={d.id}>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm">{d.text}</Text>
                {editable ? (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="sm"
                    aria-label={t('meetings.decisions.remove')}
                    onClick={() => void run(meetingsApi.removeDecision(meeting.id, d.id))}
                  >
                    ×
                  </ActionIcon>
                ) : null}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {editable ? (
        <Group align="flex-end">
          <Textarea
            label={t('meetings.decisions.add')}
            rows={2}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button
            variant="light"
            disabled={!text.trim()}
            onClick={() =>
              void run(meetingsApi.addDecision(meeting.id, text.trim())).then(() => setText(''))
            }
          >
            {t('common.create')}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={error} />
    </Stack>
  );
}
