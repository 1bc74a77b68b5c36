import { Button, Group, Modal, Text } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';

export type ConfirmDialogProps = {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  /** Destructive actions are red. */
  danger?: boolean;
  onClose: () => void;
  /** May return a promise: the dialog shows a spinner until it settles, then closes. */
  onConfirm: () => void | Promise<void>;
};

/** Asks before a destructive action. The cancel button takes focus so Enter does not destroy. */
export function ConfirmDialog({
  opened,
  title,
  message,
  confirmLabel,
  danger = true,
  onClose,
  onConfirm,
}: ConfirmDialogProps): ReactElement {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);

  async function handleConfirm(): Promise<void> {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      onClose();
    }
  }

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Text mb="lg">{message}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-autofocus disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button
          color={danger ? 'red' : undefined}
          onClick={() => void handleConfirm()}
          loading={busy}
          data-testid="confirm-button"
        >
          {confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
