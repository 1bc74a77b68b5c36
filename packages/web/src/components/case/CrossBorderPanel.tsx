import {
  RETURN_CHOICES,
  XB_PURPOSES,
  type XbPurpose,
  type XbReferralCreateInput,
} from '@ctip/domain';
import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCaseQuery } from '../../api/cases.api';
import { isApiError } from '../../api/client';
import { useCountries, useCountryLabel } from '../../api/queries';
import { useCan } from '../../auth/session';
import { notify } from '../../i18n/notify';
import { xbApi, xbKeys } from '../crossborder/xb/xb.api';
import { xbColumns } from '../crossborder/xb/xb-columns';
import { DataTable } from '../DataTable/DataTable';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';

export type CrossBorderPanelProps = { caseId: string };

/** Tab of the case page: the case's cross-border referrals and a form to send one. */
export function CrossBorderPanel({ caseId }: CrossBorderPanelProps): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const countryLabel = useCountryLabel();
  const detail = useCaseQuery(caseId);
  const [sending, setSending] = useState(false);
  const list = useQuery({ queryKey: xbKeys.ofCase(caseId), queryFn: () => xbApi.ofCase(caseId) });
  const columns = useMemo(() => xbColumns(t, countryLabel), [t, countryLabel]);
  const mayRefer =
    detail.data &&
    can('create', 'crossborder_case', {
      agencyId: detail.data.agencyId,
      countryCode: detail.data.countryCode,
      ownerUserId: detail.data.ownerUserId,
    });
  return (
    <Stack data-testid="CrossBorderPanel">
      <Group justify="space-between">
        <Title order={3}>{t('xb.panel.title')}</Title>
        {mayRefer ? (
          <Button onClick={() => setSending(true)} data-testid="xb-refer">
            {t('xb.panel.send')}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={list.error} />
      {list.data && list.data.length === 0 ? (
        <Text c="dimmed">{t('xb.panel.empty')}</Text>
      ) : (
        <DataTable
          label={t('xb.panel.title')}
          columns={columns}
          rows={list.data ?? []}
          getRowId={(r) => r.id}
          loading={list.isPending}
        />
      )}
      <Modal
        opened={sending}
        onClose={() => setSending(false)}
        title={t('xb.panel.send')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {sending && detail.data ? (
          <XbReferralForm
            caseId={caseId}
            caseCountry={detail.data.countryCode}
            onDone={() => setSending(false)}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

/** The send form: country, agreement, purpose, rights answers, needs; the consent path. */
export function XbReferralForm({
  caseId,
  caseCountry,
  onDone,
}: {
  caseId: string;
  caseCountry: string;
  onDone: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const can = useCan();
  const countries = useCountries();
  const countryLabel = useCountryLabel();
  const [toCountry, setToCountry] = useState<string | null>(null);
  const [agreementCode, setAgreementCode] = useState<string | null>(null);
  const [purpose, setPurpose] = useState<XbPurpose>('Repatriation');
  const [returnChoice, setReturnChoice] = useState<string | null>(null);
  const [wishesProtection, setWishesProtection] = useState<string | null>(null);
  const [contactAt, setContactAt] = useState('');
  const [supportNeeds, setSupportNeeds] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [consentMissing, setConsentMissing] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mayOverride = can('override', 'case', { countryCode: caseCountry });
  const agreements = useQuery({
    queryKey: ['xb', 'agreements', toCountry],
    queryFn: () => xbApi.agreements(toCountry as string),
    enabled: Boolean(toCountry),
  });
  const agreementOptions = (agreements.data?.items ?? [])
    .filter((a) => a.parties.includes(caseCountry) && a.activePolicyVersion !== null)
    .map((a) => ({ value: a.code, label: `${a.code} — ${a.title}` }));
  const countryOptions = (countries.data ?? [])
    .filter((c) => c.isCommit && c.code !== caseCountry)
    .map((c) => ({ value: c.code, label: countryLabel(c.code) }));

  async function submit(withOverride: boolean): Promise<void> {
    if (!toCountry) {
      return;
    }
    setFailure(null);
    setBusy(true);
    const input: XbReferralCreateInput = {
      toCountry,
      agreementCode: agreementCode ?? undefined,
      purpose,
      returnChoice: (returnChoice ?? undefined) as XbReferralCreateInput['returnChoice'],
      wishesProtection: wishesProtection === null ? undefined : wishesProtection === 'yes',
      contactAt: contactAt.trim() || undefined,
      supportNeeds: supportNeeds.trim() || undefined,
      overrideReason: withOverride ? overrideReason.trim() : undefined,
    };
    try {
      const created = await xbApi.refer(caseId, input);
      await queryClient.invalidateQueries({ queryKey: xbKeys.all });
      notify('success', t('xb.panel.sentOk'));
      onDone();
      void navigate(`/cross-border/cases/${created.id}`);
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
          label={t('xb.panel.toCountry')}
          required
          data={countryOptions}
          value={toCountry}
          onChange={(v) => {
            setToCountry(v);
            setAgreementCode(null);
            setConsentMissing(false);
          }}
          searchable
          data-autofocus
        />
        <Select
          label={t('xb.panel.agreement')}
          description={t('xb.panel.agreementHelp')}
          data={agreementOptions}
          value={agreementCode}
          onChange={setAgreementCode}
          disabled={!toCountry}
          clearable
          nothingFoundMessage={t('common.noResults')}
        />
        <Select
          label={t('xb.col.purpose')}
          required
          allowDeselect={false}
          data={XB_PURPOSES.map((p) => ({ value: p, label: t(`xb.purpose.${p}`) }))}
          value={purpose}
          onChange={(v) => setPurpose((v as XbPurpose) ?? 'Repatriation')}
        />
        <Group grow>
          <Select
            label={t('xb.facts.returnChoice')}
            data={RETURN_CHOICES.map((r) => ({ value: r, label: t(`xb.returnChoice.${r}`) }))}
            value={returnChoice}
            onChange={setReturnChoice}
            clearable
          />
          <Select
            label={t('xb.panel.wishesProtection')}
            data={[
              { value: 'yes', label: t('xb.yes') },
              { value: 'no', label: t('xb.no') },
            ]}
            value={wishesProtection}
            onChange={setWishesProtection}
            clearable
          />
        </Group>
        <TextInput
          label={t('xb.panel.contactAt')}
          description={t('xb.panel.contactAtHelp')}
          value={contactAt}
          onChange={(e) => setContactAt(e.currentTarget.value)}
          maxLength={500}
        />
        <Textarea
          label={t('xb.panel.supportNeeds')}
          value={supportNeeds}
          onChange={(e) => setSupportNeeds(e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={2}
        />
        <Text size="sm" c="dimmed">
          {t('xb.panel.policyNote')}
        </Text>
        {consentMissing ? (
          <Alert
            color="orange"
            role="alert"
            title={t('xb.panel.consentTitle')}
            data-testid="xb-consent-required"
          >
            <Stack gap="xs">
              <Text size="sm">
                {t('xb.panel.consentMissing', { country: countryLabel(toCountry) })}
              </Text>
              {mayOverride ? (
                <>
                  <Textarea
                    label={t('xb.panel.overrideReason')}
                    value={overrideReason}
                    onChange={(e) => setOverrideReason(e.currentTarget.value)}
                    maxLength={500}
                    autosize
                  />
                  <Group>
                    <Button
                      color="orange"
                      disabled={!overrideReason.trim()}
                      loading={busy}
                      onClick={() => void submit(true)}
                    >
                      {t('xb.panel.sendWithOverride')}
                    </Button>
                  </Group>
                </>
              ) : (
                <Text size="sm">{t('xb.panel.askFocalPoint')}</Text>
              )}
            </Stack>
          </Alert>
        ) : null}
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} disabled={!toCountry} data-testid="xb-refer-submit">
            {t('xb.panel.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
