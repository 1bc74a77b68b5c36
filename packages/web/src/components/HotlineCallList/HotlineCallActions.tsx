import type { HotlineCallSummary } from '@ctip/domain';
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hotlineApi } from '../../api/hotline.api';
import { useAgencyOptions } from '../../api/queries';
import { useCan } from '../../auth/session';
import { errorText } from '../../i18n/errors';
import { notify } from '../../i18n/notify';
import { HotlineCallDetails } from './HotlineCallDetails';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Actions on one logged call: open a screening, refer, link a case. */
export function HotlineCallActions({ call }: { call: HotlineCallSummary }): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'refer' | 'link' | 'details' | null>(null);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [caseId, setCaseId] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const agencies = useAgencyOptions(dialog === 'refer');
  const record = {
    ownerUserId: call.operatorUserId,
    agencyId: call.agencyId,
    countryCode: call.countryCode,
  };
  const mayUpdate = can('update', 'hotline_call', record);

  async function run(action: () => Promise<unknown>, done: string): Promise<void> {
    setFailure(null);
    setBusy(true);
    try {
      await action();
      await queryClient.invalidateQueries({ queryKey: ['hotline'] });
      notify('success', done);
      setDialog(null);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  const close = () => {
    setDialog(null);
    setFailure(null);
  };

  return (
    <Group gap={4} wrap="nowrap">
      <Button size="xs" variant="subtle" onClick={() => setDialog('details')}>
        {t('hotline.list.details')}
      </Button>
      {can('create', 'screening') && !call.screeningId ? (
        <Button
          size="xs"
          variant="light"
          component={Link}
          to={`/screenings/new?hotlineCallId=${encodeURIComponent(call.id)}`}
        >
          {t('hotline.list.openScreening')}
        </Button>
      ) : null}
      {mayUpdate ? (
        <>
          <Button size="xs" variant="subtle" onClick={() => setDialog('refer')}>
            {t('hotline.list.refer')}
          </Button>
          <Button size="xs" variant="subtle" onClick={() => setDialog('link')}>
            {t('hotline.list.linkCase')}
          </Button>
        </>
      ) : null}
      <Modal opened={dialog === 'details'} onClose={close} title={t('hotline.details.title')}>
        {dialog === 'details' ? <HotlineCallDetails id={call.id} /> : null}
      </Modal>
      <Modal opened={dialog === 'refer'} onClose={close} title={t('hotline.refer.title')}>
        <Stack>
          <Text size="sm">{t('hotline.refer.hint')}</Text>
          <Select
            label={t('hotline.refer.agency')}
            searchable
            data-autofocus
            data={(agencies.data ?? [])
              .filter((a) => a.id !== call.agencyId)
              .map((a) => ({ value: a.id, label: a.name }))}
            value={agencyId}
            onChange={setAgencyId}
          />
          {failure ? <Alert color="red">{errorText(t, failure)}</Alert> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              disabled={!agencyId}
              loading={busy}
              onClick={() =>
                agencyId &&
                run(() => hotlineApi.refer(call.id, { agencyId }), t('hotline.refer.done'))
              }
            >
              {t('hotline.list.refer')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={dialog === 'link'} onClose={close} title={t('hotline.link.title')}>
        <Stack>
          <Text size="sm">{t('hotline.link.hint')}</Text>
          <TextInput
            label={t('hotline.link.caseId')}
            data-autofocus
            value={caseId}
            onChange={(e) => setCaseId(e.currentTarget.value.trim())}
            error={caseId && !UUID.test(caseId) ? t('validation.invalid_format') : undefined}
          />
          {failure ? <Alert color="red">{errorText(t, failure)}</Alert> : null}
          <Group justify="flex-end">
            {call.caseId ? (
              <Button
                variant="subtle"
                color="red"
                loading={busy}
                onClick={() =>
                  run(
                    () => hotlineApi.update(call.id, { caseId: null }),
                    t('hotline.link.unlinked'),
                  )
                }
              >
                {t('hotline.link.unlink')}
              </Button>
            ) : null}
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              disabled={!UUID.test(caseId)}
              loading={busy}
              onClick={() =>
                run(() => hotlineApi.update(call.id, { caseId }), t('hotline.link.done'))
              }
            >
              {t('hotline.link.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
