import { CASE_ATTACHMENT_MAX_BYTES } from '@ctip/domain';
import {
  Anchor,
  Button,
  Card,
  FileButton,
  Group,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { casesApi } from '../../api/cases.api';
import { errorText } from '../../i18n/errors';
import { notify } from '../../i18n/notify';
import { DateText } from '../DateText/DateText';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';

export type CaseNotesPanelProps = { caseId: string };

/** A file's bytes as base64 (without the data-URL prefix). */
function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Case notes (encrypted at rest) and attachments (downloads are audited). */
export function CaseNotesPanel({ caseId }: CaseNotesPanelProps): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const notes = useQuery({
    queryKey: ['cases', 'notes', caseId],
    queryFn: () => casesApi.notes(caseId),
  });
  const attachments = useQuery({
    queryKey: ['cases', 'attachments', caseId],
    queryFn: () => casesApi.attachments(caseId),
  });
  const [body, setBody] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);

  async function handleAdd(): Promise<void> {
    setBusy(true);
    setFailure(null);
    try {
      await casesApi.addNote(caseId, body.trim());
      setBody('');
      await queryClient.invalidateQueries({ queryKey: ['cases', 'notes', caseId] });
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  async function handleUpload(file: File | null): Promise<void> {
    if (!file) {
      return;
    }
    if (file.size > CASE_ATTACHMENT_MAX_BYTES) {
      notify('error', t('cases.attachments.tooLarge'));
      return;
    }
    setUploading(true);
    try {
      await casesApi.addAttachment(caseId, {
        fileName: file.name,
        mediaType: file.type || 'application/octet-stream',
        contentBase64: await fileToBase64(file),
      });
      await queryClient.invalidateQueries({ queryKey: ['cases', 'attachments', caseId] });
      notify('success', t('cases.attachments.uploaded'));
    } catch (err) {
      notify('error', errorText(t, err));
    } finally {
      setUploading(false);
    }
  }

  return (
    <Stack data-testid="CaseNotesPanel">
      <Title order={3} size="h4">
        {t('cases.notes.title')}
      </Title>
      <Textarea
        label={t('cases.notes.new')}
        description={t('cases.notes.help')}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        autosize
        minRows={3}
      />
      <ErrorAlert error={failure} />
      <Group justify="flex-end">
        <Button onClick={handleAdd} loading={busy} disabled={!body.trim()}>
          {t('cases.notes.add')}
        </Button>
      </Group>
      <ErrorAlert error={notes.error} />
      {(notes.data?.items ?? []).map((n) => (
        <Card key={n.id} withBorder padding="sm">
          <Text size="xs" c="dimmed">
            {n.authorName} · <DateText value={n.createdAt} withTime />
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {n.body}
          </Text>
        </Card>
      ))}
      {notes.data?.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('cases.notes.none')}
        </Text>
      ) : null}

      <Group justify="space-between" mt="md">
        <Title order={3} size="h4">
          {t('cases.attachments.title')}
        </Title>
        <FileButton onChange={handleUpload}>
          {(props) => (
            <Button variant="light" loading={uploading} {...props}>
              {t('cases.attachments.upload')}
            </Button>
          )}
        </FileButton>
      </Group>
      <Text size="xs" c="dimmed">
        {t('cases.attachments.help')}
      </Text>
      <ErrorAlert error={attachments.error} />
      {(attachments.data?.items ?? []).map((a) => (
        <Group key={a.id} justify="space-between">
          <Anchor href={casesApi.attachmentUrl(caseId, a.id)} download>
            {a.fileName}
          </Anchor>
          <Text size="xs" c="dimmed">
            {formatSize(a.sizeBytes)} · {a.uploadedByName} ·{' '}
            <DateText value={a.createdAt} withTime />
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
