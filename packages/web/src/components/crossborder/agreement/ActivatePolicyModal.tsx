import type { SharingPolicyVersion } from '@ctip/domain';
import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../../i18n/notify';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { agreementsApi } from './agreements.api';
import { useRoleName } from './PolicyView';
import { diffPolicies, isNoChange } from './policy-diff';

/**
 * Confirm putting a version in force: states which version is superseded and what changes (fields,
 * purposes, roles, retention, onward sharing, step deadlines).
 */
export function ActivatePolicyModal({
  agreementId,
  code,
  target,
  current,
  onClose,
}: {
  agreementId: string;
  code: string;
  /** The version to put in force; null: closed. */
  target: SharingPolicyVersion | null;
  /** The version in force now, if any. */
  current: SharingPolicyVersion | null;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const roleName = useRoleName();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const change = target ? diffPolicies(current?.policy ?? null, target.policy) : null;
  const field = (f: string) => t(`agreements.field.${f.replace('.', '_')}`);
  const purpose = (p: string) => t(`agreements.purpose.${p}`);
  const step = (s: string) => t(`agreements.step.${s}`);
  const lines: string[] = [];
  if (change) {
    const add = (key: string, items: string[], label: (x: string) => string) => {
      if (items.length > 0) {
        lines.push(t(key, { items: items.map(label).join(', ') }));
      }
    };
    add('agreements.policy.change.addedFields', change.addedFields, field);
    add('agreements.policy.change.removedFields', change.removedFields, field);
    add('agreements.policy.change.addedPurposes', change.addedPurposes, purpose);
    add('agreements.policy.change.removedPurposes', change.removedPurposes, purpose);
    add('agreements.policy.change.addedRoles', change.addedRoles, roleName);
    add('agreements.policy.change.removedRoles', change.removedRoles, roleName);
    if (change.retention) {
      lines.push(t('agreements.policy.change.retention', change.retention));
    }
    if (change.onwardSharing) {
      lines.push(
        change.onwardSharing.to
          ? t('agreements.policy.change.onwardAllowed')
          : t('agreements.policy.change.onwardForbidden'),
      );
    }
    add('agreements.policy.change.steps', change.changedSteps, step);
  }

  async function confirm(): Promise<void> {
    if (!target) {
      return;
    }
    setFailure(null);
    setBusy(true);
    try {
      await agreementsApi.activate(agreementId, target.version);
      await queryClient.invalidateQueries({ queryKey: ['agreements'] });
      notify('success', t('agreements.policy.activated', { version: target.version, code }));
      onClose();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={t('agreements.policy.activateTitle', { version: target?.version ?? '' })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {target ? (
        <Stack data-testid="activate-confirm">
          <Text>
            {current
              ? t('agreements.policy.supersedes', {
                  version: target.version,
                  previous: current.version,
                  code,
                })
              : t('agreements.policy.firstInForce', { version: target.version, code })}
          </Text>
          {change && current && isNoChange(change) ? (
            <Text c="dimmed">{t('agreements.policy.change.none')}</Text>
          ) : (
            <List>
              {lines.map((l) => (
                <List.Item key={l}>{l}</List.Item>
              ))}
            </List>
          )}
          <Text size="sm">{t('agreements.policy.enforcedNote')}</Text>
          <ErrorAlert error={failure} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button color="orange" loading={busy} onClick={() => void confirm()} data-autofocus>
              {t('agreements.policy.activateConfirm', { version: target.version })}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
