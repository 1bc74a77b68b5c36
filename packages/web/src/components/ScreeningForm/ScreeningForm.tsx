import {
  GENDERS,
  SCREENING_ACT_INDICATORS,
  SCREENING_MEANS_INDICATORS,
  SCREENING_OUTCOMES,
  SCREENING_PURPOSE_INDICATORS,
  SCREENING_RED_FLAGS,
  type ScreeningCreateInput,
  ScreeningCreateInputSchema,
  type ScreeningDetail,
  screeningAssessment,
  screeningOutcomeConflict,
} from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Fieldset,
  NativeSelect,
  Radio,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useMemo, useState } from 'react';
import { Controller, type Resolver, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { referenceApi } from '../../api/endpoints';
import { useAgencyOptions, useCountries, useCountryLabel } from '../../api/queries';
import { screeningApi } from '../../api/screening.api';
import { applyFieldError, errorText } from '../../i18n/errors';
import { translated } from '../../i18n/resolver';
import { AssessmentSummary } from './AssessmentSummary';
import { IndicatorGroup, TOUCH_TARGET_PX } from './IndicatorGroup';
import {
  emptyScreeningForm,
  type ScreeningFormValues,
  screeningPayload,
} from './screening-form-values';

const schemaResolver = translated(zodResolver(ScreeningCreateInputSchema));

/** Validate the API payload built from the form with the domain schema (same paths as the form). */
const resolver: Resolver<ScreeningFormValues, unknown, ScreeningCreateInput> = (
  values,
  context,
  options,
) =>
  schemaResolver(
    screeningPayload(values) as never,
    context,
    options as never,
  ) as unknown as ReturnType<Resolver<ScreeningFormValues, unknown, ScreeningCreateInput>>;

const FIELDS = [
  'screenedAt',
  'location',
  'isChild',
  'gender',
  'ageEstimate',
  'nationality',
  'actIndicators',
  'meansIndicators',
  'purposeIndicators',
  'redFlags',
  'interviewLanguage',
  'outcome',
  'decidingAgencyId',
  'decisionDate',
  'personName',
  'notes',
] as const;

export type ScreeningFormProps = {
  /** The hotline call this screening follows, if any. */
  hotlineCallId?: string;
  onSaved: (screening: ScreeningDetail) => void;
};

/**
 * The first-responder screening form: one column with large touch targets on a phone, checkbox
 * groups per Palermo element, a live assessment and a save bar that stays in view.
 */
export function ScreeningForm({ hotlineCallId, onSaved }: ScreeningFormProps): ReactElement {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const countries = useCountries();
  const countryLabel = useCountryLabel();
  const agencies = useAgencyOptions();
  const languages = useQuery({
    queryKey: ['reference', 'languages'],
    queryFn: async () => (await referenceApi.languages()).items,
    staleTime: 60 * 60_000,
  });
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<ScreeningFormValues, unknown, ScreeningCreateInput>({
    resolver,
    defaultValues: emptyScreeningForm(new Date(), hotlineCallId ?? ''),
  });
  const watched = useWatch({ control });
  const assessment = useMemo(
    () =>
      screeningAssessment({
        isChild: watched.isChild ?? false,
        actIndicators: watched.actIndicators ?? [],
        meansIndicators: watched.meansIndicators ?? [],
        purposeIndicators: watched.purposeIndicators ?? [],
        redFlags: watched.redFlags ?? [],
      }),
    [watched],
  );
  const outcome = watched.outcome;
  const isMinimal = outcome === 'NotAVictim';
  const conflict = outcome ? screeningOutcomeConflict(outcome, assessment) : null;

  async function submit(values: ScreeningCreateInput): Promise<void> {
    setFailure(null);
    try {
      onSaved(await screeningApi.create(values));
    } catch (err) {
      if (!applyFieldError(t, err, setError, FIELDS)) {
        setFailure(err);
      }
    }
  }

  const group = (
    name: 'actIndicators' | 'meansIndicators' | 'purposeIndicators' | 'redFlags',
    legend: string,
    values: readonly string[],
    prefix: string,
    description?: string,
  ) => (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <div>
          <IndicatorGroup
            legend={legend}
            description={description}
            values={values}
            labelOf={(v) => t(`screening.${prefix}.${v}`)}
            selected={field.value}
            onChange={field.onChange}
            data-testid={`group-${name}`}
          />
          {fieldState.error ? (
            <Alert color="red" mt={4} p="xs">
              {fieldState.error.message}
            </Alert>
          ) : null}
        </div>
      )}
    />
  );

  const big = { size: 'md' as const, styles: { input: { minHeight: TOUCH_TARGET_PX } } };

  return (
    <form onSubmit={handleSubmit(submit)} noValidate aria-label={t('screening.newTitle')}>
      <Stack gap="md" maw={640} data-testid="screening-form">
        {hotlineCallId ? <Alert color="blue">{t('screening.fromCall')}</Alert> : null}
        <Fieldset legend={t('screening.section.when')}>
          <Stack gap="sm">
            <TextInput
              type="datetime-local"
              label={t('screening.field.screenedAt')}
              required
              error={errors.screenedAt?.message}
              {...big}
              {...register('screenedAt')}
            />
            <TextInput
              label={t('screening.field.location')}
              description={t('screening.field.locationHint')}
              error={errors.location?.message}
              {...big}
              {...register('location')}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('screening.section.person')}>
          <Stack gap="sm">
            <Checkbox
              label={t('screening.field.isChild')}
              description={t('screening.field.isChildHint')}
              size="md"
              error={errors.isChild?.message}
              styles={{ root: { minHeight: TOUCH_TARGET_PX } }}
              {...register('isChild')}
            />
            <TextInput
              type="number"
              inputMode="numeric"
              min={0}
              max={120}
              label={t('screening.field.ageEstimate')}
              error={errors.ageEstimate?.message}
              {...big}
              {...register('ageEstimate')}
            />
            <Controller
              control={control}
              name="gender"
              render={({ field }) => (
                <NativeSelect
                  label={t('screening.field.gender')}
                  data={GENDERS.map((g) => ({ value: g, label: t(`screening.gender.${g}`) }))}
                  {...big}
                  value={field.value}
                  onChange={(e) => field.onChange(e.currentTarget.value)}
                  onBlur={field.onBlur}
                  name={field.name}
                  ref={field.ref}
                />
              )}
            />
            <Controller
              control={control}
              name="nationality"
              render={({ field }) => (
                <Select
                  label={t('screening.field.nationality')}
                  searchable
                  clearable
                  data={(countries.data ?? []).map((c) => ({
                    value: c.code,
                    label: countryLabel(c.code),
                  }))}
                  value={field.value || null}
                  onChange={(v) => field.onChange(v ?? '')}
                  error={errors.nationality?.message}
                  {...big}
                />
              )}
            />
          </Stack>
        </Fieldset>
        {group('actIndicators', t('screening.section.act'), SCREENING_ACT_INDICATORS, 'act')}
        {group(
          'meansIndicators',
          t('screening.section.means'),
          SCREENING_MEANS_INDICATORS,
          'means',
          watched.isChild ? t('screening.assessment.meansNotRequiredChild') : undefined,
        )}
        {group(
          'purposeIndicators',
          t('screening.section.purpose'),
          SCREENING_PURPOSE_INDICATORS,
          'purpose',
        )}
        {group('redFlags', t('screening.section.redFlags'), SCREENING_RED_FLAGS, 'redFlag')}
        <AssessmentSummary assessment={assessment} />
        <Fieldset legend={t('screening.section.interview')}>
          <Stack gap="sm">
            <Checkbox
              label={t('screening.field.interpreterUsed')}
              size="md"
              styles={{ root: { minHeight: TOUCH_TARGET_PX } }}
              {...register('interpreterUsed')}
            />
            <Controller
              control={control}
              name="interviewLanguage"
              render={({ field }) => (
                <NativeSelect
                  label={t('screening.field.interviewLanguage')}
                  data={[
                    { value: '', label: '—' },
                    ...(languages.data ?? []).map((l) => ({
                      value: l.code,
                      label: `${l.nativeName} (${l.code})`,
                    })),
                  ]}
                  error={errors.interviewLanguage?.message}
                  {...big}
                  value={field.value}
                  onChange={(e) => field.onChange(e.currentTarget.value)}
                  onBlur={field.onBlur}
                  name={field.name}
                  ref={field.ref}
                />
              )}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('screening.section.decision')}>
          <Stack gap="sm">
            <Controller
              control={control}
              name="outcome"
              render={({ field }) => (
                <Radio.Group
                  label={t('screening.field.outcome')}
                  required
                  value={field.value}
                  onChange={(v) => {
                    field.onChange(v);
                    if (v === 'NotAVictim') {
                      setValue('personName', '');
                      setValue('notes', '');
                    }
                  }}
                  error={errors.outcome?.message}
                >
                  <Stack gap={4} mt="xs">
                    {SCREENING_OUTCOMES.map((o) => (
                      <Radio
                        key={o}
                        value={o}
                        size="md"
                        label={t(`screening.outcome.${o}`)}
                        styles={{ root: { minHeight: TOUCH_TARGET_PX } }}
                      />
                    ))}
                  </Stack>
                </Radio.Group>
              )}
            />
            {outcome && outcome !== assessment.suggestedOutcome && !conflict ? (
              <Alert color="yellow">{t('screening.assessment.differs')}</Alert>
            ) : null}
            {conflict ? (
              <Alert color="red" data-testid="screening-conflict">
                {t('screening.assessment.actualNeedsElements')}
              </Alert>
            ) : null}
            <Controller
              control={control}
              name="decidingAgencyId"
              render={({ field }) => (
                <Select
                  label={t('screening.field.decidingAgency')}
                  description={t('screening.field.decidingAgencyHint')}
                  searchable
                  clearable
                  data={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
                  value={field.value || null}
                  onChange={(v) => field.onChange(v ?? '')}
                  error={errors.decidingAgencyId?.message}
                  {...big}
                />
              )}
            />
            <TextInput
              type="date"
              label={t('screening.field.decisionDate')}
              description={t('screening.field.decisionDateHint')}
              error={errors.decisionDate?.message}
              {...big}
              {...register('decisionDate')}
            />
          </Stack>
        </Fieldset>
        {isMinimal ? (
          <Alert color="gray" data-testid="screening-minimal">
            {t('screening.notAVictimNotice')}
          </Alert>
        ) : (
          <Fieldset legend={t('screening.section.personal')}>
            <Stack gap="sm">
              <TextInput
                label={t('screening.field.personName')}
                description={t('screening.field.personalHint')}
                autoComplete="off"
                error={errors.personName?.message}
                {...big}
                {...register('personName')}
              />
              <Textarea
                label={t('screening.field.notes')}
                rows={4}
                error={errors.notes?.message}
                size="md"
                {...register('notes')}
              />
            </Stack>
          </Fieldset>
        )}
        {failure ? <Alert color="red">{errorText(t, failure)}</Alert> : null}
        <Box
          data-testid="screening-save-bar"
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 2,
            background: 'var(--mantine-color-body)',
            paddingBlock: 'var(--mantine-spacing-sm)',
          }}
        >
          <Button
            type="submit"
            size="lg"
            fullWidth
            loading={isSubmitting}
            style={{ minHeight: TOUCH_TARGET_PX }}
          >
            {t('screening.save')}
          </Button>
        </Box>
      </Stack>
    </form>
  );
}
