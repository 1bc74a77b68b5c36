import {
  REFERRAL_KINDS,
  REFERRAL_REASONS,
  type ReferralCreateInput,
  type ReferralKind,
} from '@ctip/domain';
import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useAgencyOptions } from '../../api/queries';
import { providersApi, referralsApi } from '../../api/referrals.api';
import { useActor, useCan } from '../../auth/session';
import { notify } from '../../i18n/notify';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';
import { useServiceOptions } from './options';

export type ReferralFormModalProps = {
  caseId: string;
  /** The agency that owns the case (Assign stays there; Refer/Transfer go elsewhere). */
  ownerAgencyId: string | null;
  opened: boolean;
  onClose: () => void;
};

/** Create an assignment, referral, transfer or transfer request, with the consent override path. */
export function ReferralFormModal(props: ReferralFormModalProps): ReactElement {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('referrals.create')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {props.opened ? <ReferralForm {...props} /> : null}
    </Modal>
  );
}

function ReferralForm({ caseId, ownerAgencyId, onClose }: ReferralFormModalProps): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const actor = useActor();
  const can = useCan();
  const agencies = useAgencyOptions();
  const serviceOptions = useServiceOptions();
  // The owner's side (or a country-wide referral manager) sends; another agency may only ask.
  const isOwnerAgency = ownerAgencyId === actor?.agencyId;
  const mayShare =
    isOwnerAgency ||
    can('create', 'referral', { agencyId: ownerAgencyId, countryCode: actor?.countryCode });
  const kinds = REFERRAL_KINDS.filter((k) => (k === 'TransferRequest' ? !isOwnerAgency : mayShare));
  const [kind, setKind] = useState<ReferralKind>(kinds[0] ?? 'Refer');
  const [toAgencyId, setToAgencyId] = useState<string | null>(null);
  const [toProviderId, setToProviderId] = useState<string | null>(null);
  const [toUserId, setToUserId] = useState<string | null>(null);
  const [services, setServices] = useState<string[]>([]);
  const [reason, setReason] = useState<string>('AdditionalServicesRequired');
  const [details, setDetails] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [consentMissing, setConsentMissing] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mayOverride = can('override', 'case');

  const providers = useQuery({
    queryKey: ['providers', 'for-referral', actor?.countryCode],
    queryFn: () => providersApi.list({ country: actor?.countryCode }),
    enabled: kind === 'Refer',
  });
  const userAgency = kind === 'Assign' ? ownerAgencyId : toAgencyId;
  const assignees = useQuery({
    queryKey: ['referrals', 'assignees', userAgency],
    queryFn: () => referralsApi.assignees(userAgency as string),
    enabled: Boolean(userAgency) && kind !== 'TransferRequest',
  });
  const agencyOptions = (agencies.data ?? [])
    .filter((a) => a.countryCode === actor?.countryCode && a.id !== ownerAgencyId)
    .map((a) => ({ value: a.id, label: a.name }));
  const providerOptions = (providers.data ?? [])
    .filter((p) => p.agencyId)
    .map((p) => ({ value: p.id, label: p.province ? `${p.name} (${p.province})` : p.name }));

  async function submit(withOverride: boolean): Promise<void> {
    setFailure(null);
    setBusy(true);
    const input: ReferralCreateInput = {
      kind,
      toAgencyId: kind === 'Refer' || kind === 'Transfer' ? (toAgencyId ?? undefined) : undefined,
      toProviderId: kind === 'Refer' ? (toProviderId ?? undefined) : undefined,
      toUserId: kind !== 'TransferRequest' ? (toUserId ?? undefined) : undefined,
      services: services as ReferralCreateInput['services'],
      reason: reason as ReferralCreateInput['reason'],
      details: details.trim() || undefined,
      dueOn: dueOn || undefined,
      overrideReason: withOverride ? overrideReason.trim() : undefined,
    };
    try {
      await referralsApi.create(caseId, input);
      await queryClient.invalidateQueries({ queryKey: ['referrals'] });
      notify('success', t('referrals.createdOk'));
      onClose();
    } catch (err) {
      if (isApiError(err) && err.code === 'CONSENT_REQUIRED') {
        setConsentMissing(true);
      } else {
        setFailure(err);
      }
    } finally {
      setBusy(false);
    }
  }

  const needsAgency = kind === 'Refer' || kind === 'Transfer';
  const ready =
    kind === 'Assign'
      ? Boolean(toUserId)
      : needsAgency
        ? Boolean(toAgencyId || toProviderId)
        : true;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(false);
      }}
    >
      <Stack>
        <Select
          label={t('referrals.kindLabel')}
          required
          allowDeselect={false}
          data={kinds.map((k) => ({ value: k, label: t(`referrals.kind.${k}`) }))}
          value={kind}
          onChange={(v) => {
            setKind((v as ReferralKind) ?? 'Refer');
            setToUserId(null);
            setConsentMissing(false);
          }}
          data-autofocus
        />
        <Text size="sm" c="dimmed">
          {t(`referrals.kindHelp.${kind}`)}
        </Text>
        {kind === 'Refer' ? (
          <Select
            label={t('referrals.provider')}
            data={providerOptions}
            value={toProviderId}
            onChange={(v) => {
              setToProviderId(v);
              const p = providers.data?.find((x) => x.id === v);
              if (p?.agencyId) {
                setToAgencyId(p.agencyId);
                setServices((s) => (s.length ? s : p.services.slice(0, 3)));
              }
            }}
            searchable
            clearable
            nothingFoundMessage={t('common.noResults')}
          />
        ) : null}
        {needsAgency ? (
          <Select
            label={t('referrals.toAgency')}
            required
            data={agencyOptions}
            value={toAgencyId}
            onChange={(v) => {
              setToAgencyId(v);
              setToProviderId((p) =>
                providers.data?.find((x) => x.id === p)?.agencyId === v ? p : null,
              );
              setToUserId(null);
              setConsentMissing(false);
            }}
            searchable
            nothingFoundMessage={t('common.noResults')}
          />
        ) : null}
        {kind !== 'TransferRequest' ? (
          <Select
            label={t('referrals.toUser')}
            required={kind === 'Assign'}
            data={(assignees.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            value={toUserId}
            onChange={setToUserId}
            searchable
            clearable
            nothingFoundMessage={t('common.noResults')}
          />
        ) : null}
        <MultiSelect
          label={t('referrals.services')}
          data={serviceOptions}
          value={services}
          onChange={setServices}
          searchable
          clearable
        />
        <Group grow>
          <Select
            label={t('referrals.reasonLabel')}
            allowDeselect={false}
            data={REFERRAL_REASONS.map((r) => ({ value: r, label: t(`referrals.reason.${r}`) }))}
            value={reason}
            onChange={(v) => setReason(v ?? 'AdditionalServicesRequired')}
          />
          <TextInput
            type="date"
            label={t('referrals.dueOn')}
            description={t('referrals.dueOnHelp')}
            value={dueOn}
            onChange={(e) => setDueOn(e.currentTarget.value)}
          />
        </Group>
        <Textarea
          label={t('referrals.details')}
          autosize
          minRows={2}
          maxLength={2000}
          value={details}
          onChange={(e) => setDetails(e.currentTarget.value)}
        />
        {consentMissing ? (
          <Alert color="orange" title={t('error.CONSENT_REQUIRED')} data-testid="consent-required">
            <Stack gap="xs">
              <Text size="sm">{t('referrals.consentRequired')}</Text>
              {mayOverride ? (
                <>
                  <Text size="sm">{t('referrals.overrideOffer')}</Text>
                  <Textarea
                    label={t('referrals.overrideReason')}
                    required
                    autosize
                    minRows={2}
                    maxLength={500}
                    value={overrideReason}
                    onChange={(e) => setOverrideReason(e.currentTarget.value)}
                  />
                  <Group justify="flex-end">
                    <Button
                      color="orange"
                      disabled={!overrideReason.trim()}
                      loading={busy}
                      onClick={() => void submit(true)}
                      data-testid="referral-override"
                    >
                      {t('referrals.overrideSubmit')}
                    </Button>
                  </Group>
                </>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} disabled={!ready}>
            {t('referrals.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
