import {
  type ServiceProvider,
  type ServiceProviderInput,
  ServiceProviderInputSchema,
} from '@ctip/domain';
import {
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  organisationTypeLabel,
  useAgencyOptions,
  useCountries,
  useCountryLabel,
  useOrganisationTypes,
} from '../../api/queries';
import { providersApi } from '../../api/referrals.api';
import { useActor, useCan } from '../../auth/session';
import { notify } from '../../i18n/notify';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';
import { useLanguageOptions, useServiceOptions } from '../ReferralForm/options';

export type ProviderFormModalProps = {
  opened: boolean;
  /** The provider to edit; null to add one. */
  provider: ServiceProvider | null;
  onClose: () => void;
};

/** Add or edit a directory entry. */
export function ProviderFormModal({
  opened,
  provider,
  onClose,
}: ProviderFormModalProps): ReactElement {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        provider ? t('providers.editTitle', { name: provider.name }) : t('providers.createTitle')
      }
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened ? <ProviderForm provider={provider} onDone={onClose} /> : null}
    </Modal>
  );
}

const GENDERS = ['Male', 'Female', 'TransgenderNonConforming'] as const;

function ProviderForm({
  provider,
  onDone,
}: {
  provider: ServiceProvider | null;
  onDone: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const actor = useActor();
  const can = useCan();
  const countries = useCountries();
  const countryLabel = useCountryLabel();
  const types = useOrganisationTypes();
  const agencies = useAgencyOptions();
  const serviceOptions = useServiceOptions();
  const languageOptions = useLanguageOptions();
  const [v, setV] = useState({
    name: provider?.name ?? '',
    agencyId: provider?.agencyId ?? null,
    agencyType: provider?.agencyType ?? null,
    countryCode: provider?.countryCode ?? actor?.countryCode ?? null,
    province: provider?.province ?? '',
    services: provider?.services ?? [],
    languages: provider?.languages ?? [],
    capacity: provider?.capacity ?? ('' as number | string),
    servesGenders: provider?.servesGenders ?? [],
    servesChildren: provider?.servesChildren ?? true,
    servesAdults: provider?.servesAdults ?? true,
    phone: provider?.phone ?? '',
    email: provider?.email ?? '',
    address: provider?.address ?? '',
    isActive: provider?.isActive ?? true,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) =>
    setV((p) => ({ ...p, [k]: value }));
  const blank = (s: string) => (s.trim() ? s.trim() : undefined);
  const action = provider ? 'update' : 'create';

  async function submit(): Promise<void> {
    const input = {
      name: v.name.trim(),
      agencyId: v.agencyId ?? undefined,
      agencyType: v.agencyType ?? '',
      countryCode: v.countryCode ?? '',
      province: blank(v.province),
      services: v.services,
      languages: v.languages,
      capacity: typeof v.capacity === 'number' ? v.capacity : undefined,
      servesGenders: v.servesGenders,
      servesChildren: v.servesChildren,
      servesAdults: v.servesAdults,
      phone: blank(v.phone),
      email: blank(v.email),
      address: blank(v.address),
      isActive: v.isActive,
    } as ServiceProviderInput;
    const parsed = ServiceProviderInputSchema.safeParse(input);
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
      const saved = provider
        ? await providersApi.update(provider.id, input)
        : await providersApi.create(input);
      await queryClient.invalidateQueries({ queryKey: ['providers'] });
      notify('success', t('providers.saved', { name: saved.name }));
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
        <TextInput
          label={t('providers.name')}
          required
          value={v.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('providers.agencyType')}
            required
            searchable
            data={(types.data ?? []).map((ty) => ({
              value: ty.code,
              label: organisationTypeLabel(t, ty.code, ty.name),
            }))}
            value={v.agencyType}
            onChange={(x) => set('agencyType', x)}
            error={errors.agencyType}
          />
          <Select
            label={t('providers.country')}
            required
            searchable
            data={(countries.data ?? [])
              .filter(
                (c) =>
                  c.code === provider?.countryCode ||
                  can(action, 'service_provider', { countryCode: c.code }),
              )
              .map((c) => ({ value: c.code, label: countryLabel(c.code) }))}
            value={v.countryCode}
            onChange={(x) => {
              set('countryCode', x);
              set('agencyId', null);
            }}
            error={errors.countryCode}
          />
          <Select
            label={t('providers.agency')}
            description={t('providers.agencyHelp')}
            searchable
            clearable
            data={(agencies.data ?? [])
              .filter((a) => a.countryCode === v.countryCode)
              .map((a) => ({ value: a.id, label: a.name }))}
            value={v.agencyId}
            onChange={(x) => set('agencyId', x)}
            error={errors.agencyId}
          />
          <TextInput
            label={t('providers.province')}
            value={v.province}
            onChange={(e) => set('province', e.currentTarget.value)}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('providers.services')}
          data={serviceOptions}
          value={v.services}
          onChange={(x) => set('services', x as typeof v.services)}
          searchable
          clearable
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MultiSelect
            label={t('providers.languages')}
            data={languageOptions}
            value={v.languages}
            onChange={(x) => set('languages', x)}
            searchable
            clearable
          />
          <NumberInput
            label={t('providers.capacity')}
            min={0}
            max={100_000}
            allowDecimal={false}
            value={v.capacity}
            onChange={(x) => set('capacity', x)}
          />
          <MultiSelect
            label={t('providers.servesGenders')}
            description={t('providers.allGendersHelp')}
            data={GENDERS.map((g) => ({ value: g, label: t(`providers.gender.${g}`) }))}
            value={v.servesGenders}
            onChange={(x) => set('servesGenders', x as typeof v.servesGenders)}
            clearable
          />
          <Stack gap={6} justify="flex-end">
            <Checkbox
              label={t('providers.servesChildren')}
              checked={v.servesChildren}
              onChange={(e) => set('servesChildren', e.currentTarget.checked)}
            />
            <Checkbox
              label={t('providers.servesAdults')}
              checked={v.servesAdults}
              onChange={(e) => set('servesAdults', e.currentTarget.checked)}
            />
          </Stack>
          <TextInput
            label={t('providers.phone')}
            value={v.phone}
            onChange={(e) => set('phone', e.currentTarget.value)}
          />
          <TextInput
            type="email"
            label={t('providers.email')}
            value={v.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={errors.email}
          />
        </SimpleGrid>
        <TextInput
          label={t('providers.address')}
          value={v.address}
          onChange={(e) => set('address', e.currentTarget.value)}
        />
        <Checkbox
          label={t('providers.isActive')}
          checked={v.isActive}
          onChange={(e) => set('isActive', e.currentTarget.checked)}
        />
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {provider ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
