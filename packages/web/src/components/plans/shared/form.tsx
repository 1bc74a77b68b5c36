import { Button, Group } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { isApiError } from '../../../api/client';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';

/** Runs a form's async submit with a busy flag, keeping what it throws as the error to show. */
export function useSubmit<T>(onSubmit: (input: T) => Promise<void>): {
  busy: boolean;
  error: unknown;
  submit: (input: T) => Promise<void>;
} {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(input: T) {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(input);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, submit };
}

/**
 * A call's error for the form as a whole: none when the server named a field (the form shows
 * that one at the field).
 */
export function formLevelError(error: unknown): unknown {
  return error && !(isApiError(error) && error.field) ? error : null;
}

/**
 * The foot of a plans form: the error, if any, then Cancel and Save. Without `onSave` Save is the
 * form's submit button.
 */
export function FormActions(props: {
  error?: unknown;
  busy: boolean;
  disabled?: boolean;
  cancelLabel: string;
  saveLabel: string;
  saveTestId?: string;
  onCancel: () => void;
  onSave?: () => void;
}): ReactElement {
  return (
    <>
      <ErrorAlert error={props.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel}>
          {props.cancelLabel}
        </Button>
        <Button
          type={props.onSave ? 'button' : 'submit'}
          data-testid={props.saveTestId}
          loading={props.busy}
          disabled={props.disabled}
          onClick={props.onSave}
        >
          {props.saveLabel}
        </Button>
      </Group>
    </>
  );
}
