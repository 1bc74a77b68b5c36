import { REPORT_LANGUAGES, type ReportKind, type ReportOptionsView } from '@ctip/domain';
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { errorText } from '../../../i18n/errors';
import { type ReportDraft, reportApi } from './report.api';

type Errors = Partial<Record<keyof ReportDraft | 'other', string>>;

/**
 * The report builder: framework, Annual (a year) or Final (the whole SPA period), the second
 * language printed beside English, the countries (a focal point: their own only), and the
 * introduction and conclusion. The server checks everything again and names the field it refuses.
 */
export function ReportBuilder({
  opened,
  options,
  onClose,
  onCreated,
}: {
  opened: boolean;
  options: ReportOptionsView | undefined;
  onClose: () => void;
  onCreated: (id: string) => void;
}): ReactElement {
  const { t } = useTranslation();
  const frameworks = options?.frameworks ?? [];
  const [frameworkId, setFrameworkId] = useState<string | null>(null);
  const [kind, setKind] = useState<ReportKind>('Annual');
  const [year, setYear] = useState<number | ''>('');
  const [secondLanguage, setSecondLanguage] = useState<string | null>(null);
  const [countries, setCountries] = useState<string[]>([]);
  const [title, setTitle] = useState('');
  const [introduction, setIntroduction] = useState('');
  const [conclusion, setConclusion] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const fw = frameworks.find((f) => f.id === frameworkId) ?? frameworks[0];
  const last = fw ? (fw.extendedTo ?? fw.periodEnd) : null;
  const ownOnly = (options?.countries.length ?? 0) <= 1;

  const submit = async () => {
    const next: Errors = {};
    if (!fw) {
      next.frameworkId = t('validation.required');
    }
    if (kind === 'Annual' && year === '') {
      next.year = t('validation.required');
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || !fw) {
      return;
    }
    setBusy(true);
    try {
      const created = await reportApi.create({
        frameworkId: fw.id,
        kind,
        year: kind === 'Annual' ? Number(year) : null,
        secondLanguage,
        countries: ownOnly ? (options?.countries ?? []) : countries,
        ...(title.trim() ? { title: title.trim() } : {}),
        introduction: introduction.trim() || null,
        conclusion: conclusion.trim() || null,
      });
      onCreated(created.id);
    } catch (err) {
      const field = isApiError(err) ? err.field : undefined;
      if (
        field &&
        ['frameworkId', 'year', 'secondLanguage', 'countries', 'title'].includes(field)
      ) {
        setErrors({ [field]: t('plansReport.fieldError') });
      } else {
        setErrors({ other: errorText(t, err) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('plansReport.builder.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Select
          label={t('plansReport.builder.framework')}
          required
          data={frameworks.map((f) => ({
            value: f.id,
            label: `${f.shortTitle ?? f.title} (${f.periodStart}–${f.extendedTo ?? f.periodEnd})`,
          }))}
          value={fw?.id ?? null}
          onChange={setFrameworkId}
          error={errors.frameworkId}
          data-testid="builder-framework"
        />
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('plansReport.builder.kind')}
          </Text>
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as ReportKind)}
            data={[
              { value: 'Annual', label: t('plansReport.kind.Annual') },
              { value: 'Final', label: t('plansReport.kind.Final') },
            ]}
            data-testid="builder-kind"
          />
        </div>
        {kind === 'Annual' ? (
          <NumberInput
            label={t('plansReport.builder.year')}
            description={
              fw ? t('plansReport.builder.yearHint', { from: fw.periodStart, to: last }) : undefined
            }
            required
            min={fw?.periodStart}
            max={last ?? undefined}
            allowDecimal={false}
            value={year}
            onChange={(v) => setYear(typeof v === 'number' ? v : '')}
            error={errors.year}
            data-testid="builder-year"
          />
        ) : (
          <Text size="sm" c="dimmed">
            {fw ? t('plansReport.builder.wholePeriod', { from: fw.periodStart, to: last }) : null}
          </Text>
        )}
        <Select
          label={t('plansReport.builder.secondLanguage')}
          description={t('plansReport.builder.secondLanguageHint')}
          clearable
          data={REPORT_LANGUAGES.map((l) => ({ value: l, label: t(`plansReport.language.${l}`) }))}
          value={secondLanguage}
          onChange={setSecondLanguage}
          error={errors.secondLanguage}
          data-testid="builder-language"
        />
        {ownOnly ? (
          <Text size="sm">
            {t('plansReport.builder.ownCountry', {
              country: (options?.countries ?? [])
                .map((c) => t(`plansReport.country.${c}`, { defaultValue: c }))
                .join(', '),
            })}
          </Text>
        ) : (
          <MultiSelect
            label={t('plansReport.builder.countries')}
            description={t('plansReport.builder.countriesHint')}
            data={(options?.countries ?? []).map((c) => ({
              value: c,
              label: t(`plansReport.country.${c}`, { defaultValue: c }),
            }))}
            value={countries}
            onChange={setCountries}
            error={errors.countries}
            data-testid="builder-countries"
          />
        )}
        <TextInput
          label={t('plansReport.builder.reportTitle')}
          description={t('plansReport.builder.reportTitleHint')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
        />
        <Textarea
          label={t('plansReport.builder.introduction')}
          rows={4}
          value={introduction}
          onChange={(e) => setIntroduction(e.currentTarget.value)}
        />
        <Textarea
          label={t('plansReport.builder.conclusion')}
          rows={4}
          value={conclusion}
          onChange={(e) => setConclusion(e.currentTarget.value)}
        />
        {errors.other ? (
          <Text c="red" size="sm" role="alert">
            {errors.other}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy} onClick={() => void submit()} data-testid="builder-submit">
            {t('plansReport.builder.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
