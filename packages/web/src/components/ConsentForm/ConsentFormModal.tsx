import {
  CONSENT_PURPOSES,
  type ConsentPurpose,
  type ConsentRecordInput,
  ConsentRecordInputSchema,
} from '@ctip/domain';
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencyOptions, useCountries, useCountryLabel } from '../../api/queries';
import { consentsApi } from '../../api/referrals.api';
import { useActor } from '../../auth/session';
import { notify } from '../../i18n/notify';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';
import { useLanguageOptions } from '../ReferralForm/options';

export type ConsentFormModalProps = { caseId: string; opened: boolean; onClose: () => void };

/** Record a consent (or refusal) for one purpose, its recipients, dates and language. */
export function ConsentFormModal({ caseId, opened, onClose }: ConsentFormModalProps): ReactElement {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('consent.record')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened ? <ConsentForm caseId={caseId} onDone={onClose} /> : null}
    </Modal>
  );
}

const today = (): string => new Date().toISOString().slice(0, 10);

function ConsentForm({ caseId, onDone }: { caseId: string; onDone: () => void }): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const actor = useActor();
  const agencies = useAgencyOptions();
  const countries = useCountries();
  const countryLabel = useCountryLabel();
  const languages = useLanguageOptions();
  const [purpose, setPurpose] = useState<ConsentPurpose>('Services');
  const [granted, setGranted] = useState('granted');
  const [recipients, setRecipients] = useState<string[]>([]);
  const [givenOn, setGivenOn] = useState(today());
  const [expiresOn, setExpiresOn] = useState('');
  const [explainedIn, setExplainedIn] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const recipientOptions =
    purpose === 'ShareCountry'
      ? (countries.data ?? [])
          .filter((c) => c.code !== actor?.countryCode)
          .sort((a, b) => Number(b.isCommit) - Number(a.isCommit))
          .map((c) => ({ value: c.code, label: countryLabel(c.code) }))
      : (agencies.data ?? [])
          .filter((a) => a.countryCode === actor?.countryCode)
          .map((a) => ({ value: a.id, label: a.name }));

  async function submit(): Promise<void> {
    const input: ConsentRecordInput = {
      purpose,
      isGranted: granted === 'granted',
      recipients,
      givenOn,
      expiresOn: expiresOn || undefined,
      explainedIn: explainedIn ?? '',
    };
    const parsed = ConsentRecordInputSchema.safeParse(input);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        next[String(issue.path[0])] = t('validation.invalid');
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      await consentsApi.record(caseId, input);
      await queryClient.invalidateQueries({ queryKey: ['consents', caseId] });
      notify('success', t('consent.recorded'));
      onDone();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack>
        <Select
          label={t('consent.purposeLabel')}
          required
          data={CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`consent.purpose.${p}`) }))}
          value={purpose}
          onChange={(v) => {
            setPurpose((v as ConsentPurpose) ?? 'Services');
            setRecipients([]);
          }}
          allowDeselect={false}
          data-autofocus
        />
        <Text size="sm" c="dimmed">
          {t(`consent.purposeHelp.${purpose}`)}
        </Text>
        <div>
          <Text size="sm" fw={500} mb={4} id="consent-decision-label">
            {t('consent.decision')}
          </Text>
          <SegmentedControl
            aria-labelledby="consent-decision-label"
            value={granted}
            onChange={setGranted}
            data={[
              { value: 'granted', label: t('consent.granted') },
              { value: 'refused', label: t('consent.refused') },
            ]}
          />
        </div>
        <MultiSelect
          label={t('consent.recipients')}
          description={
            purpose === 'ShareCountry'
              ? t('consent.recipientsCountryHelp')
              : t('consent.recipientsAgencyHelp')
          }
          data={recipientOptions}
          value={recipients}
          onChange={setRecipients}
          searchable
          clearable
          error={errors.recipients}
          nothingFoundMessage={t('common.noResults')}
        />
        <Group grow>
          <TextInput
            type="date"
            label={t('consent.givenOn')}
            required
            value={givenOn}
            onChange={(e) => setGivenOn(e.currentTarget.value)}
            error={errors.givenOn}
          />
          <TextInput
            type="date"
            label={t('consent.expiresOn')}
            value={expiresOn}
            onChange={(e) => setExpiresOn(e.currentTarget.value)}
            error={errors.expiresOn}
          />
        </Group>
        <Select
          label={t('consent.explainedIn')}
          required
          data={languages}
          value={explainedIn}
          onChange={setExplainedIn}
          error={errors.explainedIn}
        />
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('consent.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
