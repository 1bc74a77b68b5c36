import { Button, Group, Modal, Text, Textarea } from '@mantine/core';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { errorText } from '../../../i18n/errors';

export type ReviewAction = 'return' | 'approve' | 'reopen';

/**
 * Ask for the text a review step needs: a comment to return a report (required), an optional
 * comment to approve it, a reason to reopen an approved one (required, audited).
 */
export function ReviewDialog({
  action,
  onClose,
  onConfirm,
}: {
  action: ReviewAction | null;
  onClose: () => void;
  onConfirm: (action: ReviewAction, text: string) => Promise<void>;
}): ReactElement {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (action) {
      setText('');
      setError(null);
    }
  }, [action]);
  const required = action === 'return' || action === 'reopen';
  const submit = async () => {
    if (!action) {
      return;
    }
    if (required && !text.trim()) {
      setError(t('validation.required'));
      return;
    }
    setBusy(true);
    try {
      await onConfirm(action, text.trim());
      onClose();
    } catch (err) {
      setError(
        isApiError(err) && (err.field === 'comment' || err.field === 'reason')
          ? t('validation.required')
          : errorText(t, err),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened={action !== null}
      onClose={onClose}
      title={action ? t(`plansProgress.review.${action}Title`) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {action ? (
        <>
          <Text size="sm" mb="sm">
            {t(`plansProgress.review.${action}Message`)}
          </Text>
          <Textarea
            label={
              action === 'reopen'
                ? t('plansProgress.review.reason')
                : t('plansProgress.review.comment')
            }
            required={required}
            rows={3}
            data-autofocus
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={error}
          />
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              color={action === 'approve' ? 'green' : 'orange'}
              loading={busy}
              onClick={() => void submit()}
              data-testid="review-confirm"
            >
              {t(`plansProgress.review.${action}`)}
            </Button>
          </Group>
        </>
      ) : null}
    </Modal>
  );
}
