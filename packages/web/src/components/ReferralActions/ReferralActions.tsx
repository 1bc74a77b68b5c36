import type { Referral, ReferralAction } from '@ctip/domain';
import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { referralsApi } from '../../api/referrals.api';
import { errorText } from '../../i18n/errors';
import { notify } from '../../i18n/notify';

/** Which actions ask for text, and under which body key; `required` when the server needs it. */
const TEXT: Partial<Record<ReferralAction, { key: 'reason' | 'outcome'; required: boolean }>> = {
  reject: { key: 'reason', required: true },
  revoke: { key: 'reason', required: false },
  complete: { key: 'outcome', required: true },
};

const COLORS: Record<ReferralAction, string> = {
  accept: 'teal',
  reject: 'orange',
  revoke: 'red',
  complete: 'green',
};

/**
 * The buttons of the actions the server says the caller may take now (`allowedActions`); reject
 * asks for a reason, done for the outcome, revoke for an optional reason.
 */
export function ReferralActions({ referral }: { referral: Referral }): ReactElement | null {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<ReferralAction | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  async function run(action: ReferralAction, body: Record<string, string> = {}): Promise<void> {
    setBusy(true);
    try {
      await referralsApi.act(referral.id, action, body);
      await queryClient.invalidateQueries({ queryKey: ['referrals'] });
      notify('success', t('referrals.actionDone'));
      setPending(null);
      setText('');
    } catch (err) {
      notify('error', errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  if (referral.allowedActions.length === 0) {
    return null;
  }
  const ask = pending ? TEXT[pending] : undefined;
  return (
    <>
      <Group gap="xs" wrap="nowrap">
        {referral.allowedActions.map((action) => (
          <Button
            key={action}
            size="xs"
            variant="light"
            color={COLORS[action]}
            loading={busy && pending === action}
            onClick={() => {
              if (TEXT[action]) {
                setPending(action);
              } else {
                setPending(action);
                void run(action);
              }
            }}
            data-testid={`referral-${action}`}
          >
            {t(`referrals.action.${action}`)}
          </Button>
        ))}
      </Group>
      <Modal
        opened={Boolean(ask)}
        onClose={() => setPending(null)}
        title={pending ? t(`referrals.action.${pending}`) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        centered
      >
        {ask && pending ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const value = text.trim();
              if (ask.required && !value) {
                return;
              }
              void run(pending, value ? { [ask.key]: value } : {});
            }}
          >
            <Stack>
              <Textarea
                label={t(
                  ask.key === 'outcome'
                    ? 'referrals.outcome'
                    : ask.required
                      ? 'referrals.rejectReason'
                      : 'referrals.revokeReason',
                )}
                required={ask.required}
                minRows={3}
                maxLength={ask.key === 'outcome' ? 1000 : 500}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                data-autofocus
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setPending(null)}>
                  {t('common.cancel')}
                </Button>
                <Button
                  type="submit"
                  color={COLORS[pending]}
                  loading={busy}
                  disabled={ask.required && !text.trim()}
                >
                  {t(`referrals.action.${pending}`)}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Modal>
    </>
  );
}
