import type { Meeting } from '@ctip/domain';
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { meetingsApi } from './meetings.api';

export type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'conflict' | 'failed';

/** Delay after the last keystroke before the minutes are saved. */
export const AUTOSAVE_MS = 1500;

/**
 * The minutes, saved automatically a moment after typing stops (at the version last read, so a
 * concurrent edit is refused rather than overwritten), with an indicator of the saving state.
 */
export function MinutesEditor({
  meeting,
  readOnly,
}: {
  meeting: Meeting;
  readOnly: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState(meeting.minutes ?? '');
  const [state, setState] = useState<SaveState>('idle');
  const [failure, setFailure] = useState<unknown>(null);
  const version = useRef(meeting.version);
  const pending = useRef<string | null>(null);

  useEffect(() => {
    version.current = Math.max(version.current, meeting.version);
  }, [meeting.version]);

  async function save(value: string): Promise<void> {
    pending.current = null;
    setState('saving');
    try {
      const saved = await meetingsApi.update(meeting.id, {
        version: version.current,
        minutes: value.trim() ? value : null,
      });
      version.current = saved.version;
      queryClient.setQueryData(['meetings', 'one', meeting.id], saved);
      setState(pending.current === null ? 'saved' : 'dirty');
      setFailure(null);
    } catch (err) {
      if (isApiError(err) && err.code === 'CONFLICT') {
        setState('conflict');
      } else {
        setState('failed');
        setFailure(err);
      }
    }
  }
  const debounced = useDebouncedCallback((value: string) => void save(value), AUTOSAVE_MS);

  async function reload(): Promise<void> {
    const fresh = await meetingsApi.get(meeting.id);
    version.current = fresh.version;
    setText(fresh.minutes ?? '');
    queryClient.setQueryData(['meetings', 'one', meeting.id], fresh);
    setState('idle');
  }

  return (
    <Stack gap="xs">
      <Alert color="yellow" variant="light">
        {t('meetings.minutes.noNames')}
      </Alert>
      <Textarea
        label={t('meetings.minutes.title')}
        rows={8}
        value={text}
        readOnly={readOnly}
        onChange={(e) => {
          const value = e.currentTarget.value;
          setText(value);
          pending.current = value;
          setState('dirty');
          debounced(value);
        }}
        data-testid="minutes"
      />
      <Group gap="xs" aria-live="polite">
        <Text
          size="sm"
          c={state === 'conflict' || state === 'failed' ? 'red' : 'dimmed'}
          data-testid="minutes-state"
        >
          {state === 'idle' ? '' : t(`meetings.minutes.state.${state}`)}
        </Text>
        {state === 'conflict' ? (
          <Button size="xs" variant="light" onClick={() => void reload()}>
            {t('meetings.minutes.reload')}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={failure} />
    </Stack>
  );
}
