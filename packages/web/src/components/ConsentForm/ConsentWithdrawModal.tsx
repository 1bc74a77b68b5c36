import type { Consent } from '@ctip/domain';
import { Alert, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consentsApi } from '../../api/referrals.api';
import { errorText } from '../../i18n/errors';
import { notify } from '../../i18n/notify';

export type ConsentWithdrawModalProps = {
  caseId: string;
  /** The consent to withdraw; null when closed. */
  consent: Consent | null;
  onClose: () => void;
};

/** Confirm a withdrawal (with its reason): it revokes the referrals the consent covered. */
export function ConsentWithdrawModal({
  caseId,
  consent,
  onClose,
}: ConsentWithdrawModalProps): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  async function confirm(): Promise<void> {
    if (!consent || !reason.trim()) {
      return;
    }
    setBusy(true);
    try {
      const res = await consentsApi.withdraw(caseId, consent.id, reason.trim());
      await queryClient.invalidateQueries({ queryKey: ['consents', caseId] });
      await queryClient.invalidateQueries({ queryKey: ['referrals'] });
      notify('success', t('consent.withdrawnDone', { count: res.revokedReferralIds.length }));
      setReason('');
      onClose();
    } catch (err) {
      notify('error', errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      opened={consent !== null}
      onClose={onClose}
      title={t('consent.withdrawTitle')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <Stack>
          <Alert color="orange">{t('consent.withdrawMessage')}</Alert>
          <Textarea
            label={t('consent.withdrawReason')}
            required
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={busy} disabled={!reason.trim()}>
              {t('consent.withdraw')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
