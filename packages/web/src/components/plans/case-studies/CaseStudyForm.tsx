import { CASE_STUDY_LANGUAGES, type CaseStudy } from '@ctip/domain';
import {
  Alert,
  Checkbox,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_ENDONYMS } from '../../LanguagePicker/LanguagePicker';
import { FormActions, useSubmit } from '../shared/form';
import { type CaseStudyDraft, caseStudiesApi } from './case-studies.api';

/**
 * Write or edit a case study: English beside the national language, an area of the framework,
 * and (for a new one) the confirmation that it names no victim.
 */
export function CaseStudyForm({
  caseStudy,
  frameworks,
  countries,
  defaultCountry,
  onClose,
  onSaved,
}: {
  caseStudy: CaseStudy | null;
  frameworks: string[];
  /** Countries the caller may write for ('' = regional). */
  countries: { value: string; label: string }[];
  defaultCountry: string;
  onClose: () => void;
  onSaved: (c: CaseStudy) => void;
}): ReactElement {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<CaseStudyDraft>({
    frameworkId: caseStudy?.frameworkId ?? frameworks[0] ?? 'SPA3',
    countryCode: caseStudy ? caseStudy.countryCode : defaultCountry || null,
    year: caseStudy?.year ?? new Date().getUTCFullYear(),
    areaNodeId: caseStudy?.areaNodeId ?? null,
    heading: caseStudy?.heading ?? '',
    bodyEn: caseStudy?.bodyEn ?? '',
    bodyLocal: caseStudy?.bodyLocal ?? null,
    localLang: caseStudy?.localLang ?? null,
    attribution: caseStudy?.attribution ?? null,
  });
  const [confirmed, setConfirmed] = useState(false);
  const areas = useQuery({
    queryKey: ['plans', 'case-studies', 'areas', draft.frameworkId],
    queryFn: () => caseStudiesApi.areas(draft.frameworkId),
    enabled: Boolean(draft.frameworkId),
  });
  const set = <K extends keyof CaseStudyDraft>(k: K, v: CaseStudyDraft[K]) =>
    setDraft((d) => ({ ...d, [k]: v }));
  const {
    busy,
    error,
    submit: save,
  } = useSubmit<void>(async () => {
    const saved = caseStudy
      ? await caseStudiesApi.update(caseStudy.id, {
          version: caseStudy.version,
          year: draft.year,
          areaNodeId: draft.areaNodeId,
          heading: draft.heading,
          bodyEn: draft.bodyEn,
          bodyLocal: draft.bodyLocal,
          localLang: draft.localLang,
          attribution: draft.attribution,
        })
      : await caseStudiesApi.create({ ...draft, noVictimNames: true });
    onSaved(saved);
  });
  const ready =
    draft.heading.trim() !== '' && draft.bodyEn.trim() !== '' && (caseStudy !== null || confirmed);
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={caseStudy ? t('plansCaseStudies.editTitle') : t('plansCaseStudies.createTitle')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) {
            void save();
          }
        }}
      >
        <Stack gap="sm">
          <Alert color="orange">{t('plansCaseStudies.noVictimWarning')}</Alert>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('plansCaseStudies.field.framework')}
              data={frameworks}
              value={draft.frameworkId}
              disabled={caseStudy !== null}
              allowDeselect={false}
              onChange={(v) => {
                set('frameworkId', v ?? draft.frameworkId);
                set('areaNodeId', null);
              }}
            />
            <Select
              label={t('plansCaseStudies.field.country')}
              data={countries}
              value={draft.countryCode ?? ''}
              disabled={caseStudy !== null}
              allowDeselect={false}
              onChange={(v) => set('countryCode', v ? v : null)}
            />
            <NumberInput
              label={t('plansCaseStudies.field.year')}
              min={1990}
              max={2100}
              allowDecimal={false}
              value={draft.year}
              onChange={(v) => set('year', typeof v === 'number' ? v : draft.year)}
            />
          </SimpleGrid>
          <Select
            label={t('plansCaseStudies.field.area')}
            clearable
            data={(areas.data ?? []).map((a) => ({ value: a.id, label: `${a.code} ${a.title}` }))}
            value={draft.areaNodeId}
            onChange={(v) => set('areaNodeId', v)}
          />
          <TextInput
            label={t('plansCaseStudies.field.heading')}
            required
            value={draft.heading}
            onChange={(e) => set('heading', e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Textarea
              label={t('plansCaseStudies.field.bodyEn')}
              required
              rows={6}
              value={draft.bodyEn}
              onChange={(e) => set('bodyEn', e.currentTarget.value)}
            />
            <Stack gap="xs">
              <Select
                label={t('plansCaseStudies.field.localLang')}
                clearable
                data={CASE_STUDY_LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_ENDONYMS[l] }))}
                value={draft.localLang}
                onChange={(v) => set('localLang', v)}
              />
              <Textarea
                label={t('plansCaseStudies.field.bodyLocal')}
                rows={4}
                lang={draft.localLang ?? undefined}
                value={draft.bodyLocal ?? ''}
                onChange={(e) => set('bodyLocal', e.currentTarget.value || null)}
              />
            </Stack>
          </SimpleGrid>
          <TextInput
            label={t('plansCaseStudies.field.attribution')}
            value={draft.attribution ?? ''}
            onChange={(e) => set('attribution', e.currentTarget.value || null)}
          />
          {caseStudy === null ? (
            <Checkbox
              label={t('plansCaseStudies.confirmNoVictimNames')}
              checked={confirmed}
              onChange={(e) => setConfirmed(e.currentTarget.checked)}
            />
          ) : null}
          <FormActions
            error={error}
            busy={busy}
            disabled={!ready}
            cancelLabel={t('common.cancel')}
            saveLabel={t('common.save')}
            saveTestId="case-study-save"
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Modal>
  );
}
