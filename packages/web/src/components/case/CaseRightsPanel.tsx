import {
  LOCALES,
  type Locale,
  REPATRIATED_BY,
  RETURN_TYPES,
  RIGHTS_TITLES,
  type RightsNotification,
  type RightsNotificationInput,
  RightsNotificationInputSchema,
} from '@ctip/domain';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Modal,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountries, useCountryLabel } from '../../api/queries';
import { rightsApi } from '../../api/referrals.api';
import { useCan } from '../../auth/session';
import { notify } from '../../i18n/notify';
import { DataTable } from '../DataTable/DataTable';
import { DateText } from '../DateText/DateText';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';
import { languageName, useLanguageOptions } from '../ReferralForm/options';

export type CaseRightsPanelProps = { caseId: string };

/** Tab of the case page: rights notifications (Thai form), recording and printing them. */
export function CaseRightsPanel({ caseId }: CaseRightsPanelProps): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const [recording, setRecording] = useState(false);
  const list = useQuery({
    queryKey: ['rights', caseId],
    queryFn: () => rightsApi.list(caseId),
  });
  const columns = useMemo<ColumnDef<RightsNotification, unknown>[]>(
    () => [
      {
        id: 'notifiedOn',
        header: t('rights.notifiedOn'),
        cell: ({ row }) => <DateText value={row.original.notifiedOn} />,
      },
      { id: 'place', header: t('rights.place'), accessorKey: 'place' },
      {
        id: 'language',
        header: t('rights.language'),
        cell: ({ row }) => languageName(row.original.language),
      },
      {
        id: 'protection',
        header: t('rights.wishesProtection'),
        cell: ({ row }) =>
          row.original.wishesProtection ? (
            <Badge color="teal">{t('rights.wishes')}</Badge>
          ) : (
            <Badge color="gray">{t('rights.declines')}</Badge>
          ),
      },
      {
        id: 'acknowledged',
        header: t('rights.acknowledgedShort'),
        cell: ({ row }) => (row.original.acknowledged ? '✓' : '—'),
      },
      { id: 'official', header: t('rights.official'), accessorKey: 'officialName' },
      {
        id: 'print',
        header: t('common.actions'),
        cell: ({ row }) => <PrintMenu caseId={caseId} notification={row.original} />,
      },
    ],
    [t, caseId],
  );

  return (
    <Stack data-testid="CaseRightsPanel">
      <Group justify="space-between">
        <Title order={3}>{t('rights.title')}</Title>
        {can('update', 'case') ? (
          <Button onClick={() => setRecording(true)} data-testid="rights-record">
            {t('rights.record')}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={list.error} />
      {list.data && list.data.length === 0 ? (
        <Text c="dimmed">{t('rights.empty')}</Text>
      ) : (
        <DataTable
          label={t('rights.title')}
          columns={columns}
          rows={list.data ?? []}
          getRowId={(n) => n.id}
          loading={list.isPending}
        />
      )}
      <Modal
        opened={recording}
        onClose={() => setRecording(false)}
        title={t('rights.record')}
        size="xl"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {recording ? <RightsForm caseId={caseId} onDone={() => setRecording(false)} /> : null}
      </Modal>
    </Stack>
  );
}

/** "Print PDF" in the person's language, or in any of the seven. */
function PrintMenu({
  caseId,
  notification,
}: {
  caseId: string;
  notification: RightsNotification;
}): ReactElement {
  const { t } = useTranslation();
  const open = (lang: Locale, format: 'pdf' | 'html' = 'pdf') =>
    window.open(rightsApi.printUrl(caseId, notification.id, lang, format), '_blank', 'noopener');
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="xs" variant="light" onClick={() => open(notification.language)}>
        {t('rights.printPdf')}
      </Button>
      <Menu>
        <Menu.Target>
          <Button size="xs" variant="subtle" aria-label={t('rights.printIn')}>
            {t('rights.printIn')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {LOCALES.map((l) => (
            <Menu.Item key={l} onClick={() => open(l)} lang={l}>
              {languageName(l)}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => open(notification.language, 'html')}>
            {t('rights.printHtml')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}

type Draft = {
  place: string;
  notifiedOn: string;
  language: string | null;
  title: string | null;
  returningFrom: string | null;
  identifiedByAgency: string;
  identifiedIn: string | null;
  repatriatedBy: string | null;
  repatriatedByOther: string;
  returnType: string | null;
  acknowledged: boolean;
  wishesProtection: 'yes' | 'no';
  shelterName: string;
  declineReason: string;
  contact: string;
  witnessName: string;
  interpreterName: string;
};

const blank = (s: string): string | undefined => (s.trim() ? s.trim() : undefined);

function toInput(d: Draft): RightsNotificationInput {
  const wishes = d.wishesProtection === 'yes';
  return {
    place: d.place.trim(),
    notifiedOn: d.notifiedOn,
    language: (d.language ?? '') as Locale,
    title: (d.title ?? undefined) as RightsNotificationInput['title'],
    returningFrom: d.returningFrom ?? undefined,
    identifiedByAgency: blank(d.identifiedByAgency),
    identifiedIn: d.identifiedIn ?? undefined,
    repatriatedBy: (d.repatriatedBy ?? undefined) as RightsNotificationInput['repatriatedBy'],
    repatriatedByOther: d.repatriatedBy === 'Agency' ? blank(d.repatriatedByOther) : undefined,
    returnType: (d.returnType ?? undefined) as RightsNotificationInput['returnType'],
    acknowledged: d.acknowledged,
    wishesProtection: wishes,
    shelterName: wishes ? blank(d.shelterName) : undefined,
    declineReason: wishes ? undefined : blank(d.declineReason),
    contact: wishes ? undefined : blank(d.contact),
    witnessName: blank(d.witnessName),
    interpreterName: blank(d.interpreterName),
  };
}

function RightsForm({ caseId, onDone }: { caseId: string; onDone: () => void }): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const countries = useCountries();
  const countryLabel = useCountryLabel();
  const languages = useLanguageOptions();
  const [d, setD] = useState<Draft>({
    place: '',
    notifiedOn: new Date().toISOString().slice(0, 10),
    language: null,
    title: null,
    returningFrom: null,
    identifiedByAgency: '',
    identifiedIn: null,
    repatriatedBy: null,
    repatriatedByOther: '',
    returnType: null,
    acknowledged: false,
    wishesProtection: 'yes',
    shelterName: '',
    declineReason: '',
    contact: '',
    witnessName: '',
    interpreterName: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((prev) => ({ ...prev, [k]: v }));
  const countryOptions = (countries.data ?? [])
    .slice()
    .sort((a, b) => Number(b.isCommit) - Number(a.isCommit))
    .map((c) => ({ value: c.code, label: countryLabel(c.code) }));

  async function submit(): Promise<void> {
    const input = toInput(d);
    const parsed = RightsNotificationInputSchema.safeParse(input);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        next[String(issue.path[0])] = t('validation.required');
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      await rightsApi.record(caseId, input);
      await queryClient.invalidateQueries({ queryKey: ['rights', caseId] });
      notify('success', t('rights.recorded'));
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
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('rights.place')}
            required
            value={d.place}
            onChange={(e) => set('place', e.currentTarget.value)}
            error={errors.place}
            data-autofocus
          />
          <TextInput
            type="date"
            label={t('rights.notifiedOn')}
            required
            value={d.notifiedOn}
            onChange={(e) => set('notifiedOn', e.currentTarget.value)}
            error={errors.notifiedOn}
          />
          <Select
            label={t('rights.language')}
            required
            data={languages}
            value={d.language}
            onChange={(v) => set('language', v)}
            error={errors.language}
          />
          <Select
            label={t('rights.titleLabel')}
            data={RIGHTS_TITLES.map((x) => ({ value: x, label: t(`rights.titles.${x}`) }))}
            value={d.title}
            onChange={(v) => set('title', v)}
            clearable
          />
          <Select
            label={t('rights.returningFrom')}
            data={countryOptions}
            value={d.returningFrom}
            onChange={(v) => set('returningFrom', v)}
            searchable
            clearable
          />
          <Select
            label={t('rights.returnType')}
            data={RETURN_TYPES.map((x) => ({ value: x, label: t(`rights.returnTypes.${x}`) }))}
            value={d.returnType}
            onChange={(v) => set('returnType', v)}
            clearable
          />
          <TextInput
            label={t('rights.identifiedByAgency')}
            value={d.identifiedByAgency}
            onChange={(e) => set('identifiedByAgency', e.currentTarget.value)}
          />
          <Select
            label={t('rights.identifiedIn')}
            data={countryOptions}
            value={d.identifiedIn}
            onChange={(v) => set('identifiedIn', v)}
            searchable
            clearable
          />
          <Select
            label={t('rights.repatriatedBy')}
            data={REPATRIATED_BY.map((x) => ({ value: x, label: t(`rights.repatriated.${x}`) }))}
            value={d.repatriatedBy}
            onChange={(v) => set('repatriatedBy', v)}
            clearable
          />
        </SimpleGrid>
        {d.repatriatedBy === 'Agency' ? (
          <TextInput
            label={t('rights.repatriatedByOther')}
            required
            value={d.repatriatedByOther}
            onChange={(e) => set('repatriatedByOther', e.currentTarget.value)}
            error={errors.repatriatedByOther}
          />
        ) : null}
        <Checkbox
          label={t('rights.acknowledged')}
          checked={d.acknowledged}
          onChange={(e) => set('acknowledged', e.currentTarget.checked)}
        />
        <Radio.Group
          label={t('rights.wishesProtection')}
          value={d.wishesProtection}
          onChange={(v) => set('wishesProtection', v as 'yes' | 'no')}
        >
          <Group mt={4}>
            <Radio value="yes" label={t('rights.wishes')} />
            <Radio value="no" label={t('rights.declines')} />
          </Group>
        </Radio.Group>
        {d.wishesProtection === 'yes' ? (
          <TextInput
            label={t('rights.shelterName')}
            required
            value={d.shelterName}
            onChange={(e) => set('shelterName', e.currentTarget.value)}
            error={errors.shelterName}
          />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea
              label={t('rights.declineReason')}
              required
              autosize
              minRows={2}
              value={d.declineReason}
              onChange={(e) => set('declineReason', e.currentTarget.value)}
              error={errors.declineReason}
            />
            <Textarea
              label={t('rights.contact')}
              description={t('rights.contactHelp')}
              autosize
              minRows={2}
              value={d.contact}
              onChange={(e) => set('contact', e.currentTarget.value)}
            />
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('rights.witnessName')}
            value={d.witnessName}
            onChange={(e) => set('witnessName', e.currentTarget.value)}
          />
          <TextInput
            label={t('rights.interpreterName')}
            value={d.interpreterName}
            onChange={(e) => set('interpreterName', e.currentTarget.value)}
          />
        </SimpleGrid>
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('rights.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
