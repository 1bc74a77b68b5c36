import type { Meeting, MeetingAgendaItem } from '@ctip/domain';
import { Button, Group, Stack, Textarea } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { meetingsApi } from './meetings.api';

/** What was said and decided on one agenda item (case codes, never names). */
export function AgendaItemEditor({
  meetingId,
  item,
  onSaved,
}: {
  meetingId: string;
  item: MeetingAgendaItem;
  onSaved: (m: Meeting) => void;
}): ReactElement {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState(item.note ?? '');
  const [decision, setDecision] = useState(item.decision ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  if (!open) {
    return (
      <Button size="compact-xs" variant="subtle" onClick={() => setOpen(true)}>
        {t('meetings.agenda.edit')}
      </Button>
    );
  }
  async function save(): Promise<void> {
    setError(null);
    setSaving(true);
    try {
      onSaved(
        await meetingsApi.updateAgenda(meetingId, item.id, {
          note: note.trim() ? note.trim() : null,
          decision: decision.trim() ? decision.trim() : null,
        }),
      );
      setOpen(false);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }
  return (
    <Stack gap={4} mt={4}>
      <Textarea
        label={t('meetings.agenda.note')}
        rows={2}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <Textarea
        label={t('meetings.agenda.decision')}
        rows={2}
        value={decision}
        onChange={(e) => setDecision(e.currentTarget.value)}
      />
      <Group gap="xs">
        <Button size="xs" loading={saving} onClick={() => void save()}>
          {t('common.save')}
        </Button>
        <Button size="xs" variant="default" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
    </Stack>
  );
}
