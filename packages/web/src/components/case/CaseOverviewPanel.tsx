import {
  type CaseCreateInput,
  CaseCreateInputSchema,
  type CaseDetail,
  type CaseStatus,
  type CaseUpdateInput,
} from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, type ReactNode, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { caseQueryKey, casesApi, useCaseQuery } from '../../api/cases.api';
import { isApiError } from '../../api/client';
import { useAgencyOptions, useCountryLabel } from '../../api/queries';
import { useCan } from '../../auth/session';
import { notify } from '../../i18n/notify';
import { translated } from '../../i18n/resolver';
import {
  applyCaseFieldError,
  type CaseFormValues,
  PersonFields,
  VictimFields,
} from '../CaseForm/CaseFields';
import { type HtcdsList, htcdsLabel, useHtcdsOptions } from '../CaseForm/htcds-lists';
import { DateText } from '../DateText/DateText';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';

export type CaseOverviewPanelProps = { caseId: string };

function undef<T>(value: T | null): T | undefined {
  return value ?? undefined;
}

/** The form's values for a loaded case. */
function formValuesOf(c: CaseDetail): CaseFormValues {
  const { victim, person } = c;
  return {
    person: {
      givenName: undef(person.givenName),
      familyName: undef(person.familyName),
      otherNames: undef(person.otherNames),
      birthDate: undef(person.birthDate),
      gender: person.gender,
      nationality: undef(person.nationality),
      ethnicity: undef(person.ethnicity),
      idDocumentNumber: undef(person.idDocumentNumber),
      contact: undef(person.contact),
    },
    victim: {
      ...victim,
      identifiedByAgencyId: undef(victim.identifiedByAgencyId),
      identificationDate: undef(victim.identificationDate),
      vulnerabilityDetails: undef(victim.vulnerabilityDetails),
      countryOfExploitation: undef(victim.countryOfExploitation),
    },
    events: [],
  };
}

/** Only what changed, so the history records real changes. */
function changedPart<T extends Record<string, unknown>>(
  next: T,
  prev: Record<string, unknown>,
): Partial<T> | undefined {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(prev[key] ?? undefined)) {
      out[key] = value;
    }
  }
  return Object.keys(out).length > 0 ? (out as Partial<T>) : undefined;
}

function Field({ label, children }: { label: string; children: ReactNode }): ReactElement {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children || '—'}
      </Text>
    </div>
  );
}

function CodedList({ list, values }: { list: HtcdsList; values: readonly string[] }): ReactElement {
  const { t } = useTranslation();
  if (values.length === 0) {
    return <>—</>;
  }
  return (
    <Group gap={4}>
      {values.map((v) => (
        <Badge key={v} variant="light" size="sm" tt="none">
          {htcdsLabel(t, list, v)}
        </Badge>
      ))}
    </Group>
  );
}

function OverviewView({ c }: { c: CaseDetail }): ReactElement {
  const { t } = useTranslation();
  const country = useCountryLabel();
  const agencies = useAgencyOptions();
  const { person, victim } = c;
  const name = [person.givenName, person.familyName].filter(Boolean).join(' ');
  return (
    <Stack>
      <Card withBorder>
        <Title order={3} size="h4" mb="sm">
          {t('cases.person.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Field label={t('cases.person.name')}>{name}</Field>
          <Field label={t('cases.person.otherNames')}>{person.otherNames}</Field>
          <Field label={t('cases.person.birthDate')}>
            <DateText value={person.birthDate} empty="—" />
          </Field>
          <Field label={t('cases.list.age')}>
            {c.ageAtIdentification == null ? '' : String(c.ageAtIdentification)}
          </Field>
          <Field label={t('cases.person.gender')}>{htcdsLabel(t, 'gender', person.gender)}</Field>
          <Field label={t('cases.person.nationality')}>{country(person.nationality)}</Field>
          <Field label={t('cases.person.ethnicity')}>{person.ethnicity}</Field>
          <Field label={t('cases.person.idDocumentNumber')}>{person.idDocumentNumber}</Field>
          <Field label={t('cases.person.contact')}>{person.contact}</Field>
        </SimpleGrid>
      </Card>
      <Card withBorder>
        <Title order={3} size="h4" mb="sm">
          {t('cases.victim.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Field label={t('cases.victim.identificationStatus')}>
            {htcdsLabel(t, 'identificationStatus', victim.identificationStatus)}
          </Field>
          <Field label={t('cases.victim.identifiedBy')}>
            {agencies.data?.find((a) => a.id === victim.identifiedByAgencyId)?.name ?? ''}
          </Field>
          <Field label={t('cases.victim.identificationDate')}>
            <DateText value={victim.identificationDate} empty="—" />
          </Field>
          <Field label={t('cases.victim.countryOfExploitation')}>
            {country(victim.countryOfExploitation)}
          </Field>
          <Field label={t('cases.victim.formsOfExploitation')}>
            <CodedList list="formOfExploitation" values={victim.formsOfExploitation} />
          </Field>
          <Field label={t('cases.victim.recruitmentMethods')}>
            <CodedList list="recruitmentMethod" values={victim.recruitmentMethods} />
          </Field>
          <Field label={t('cases.victim.recruitmentApps')}>
            <CodedList list="websiteOrApp" values={victim.recruitmentApps} />
          </Field>
          <Field label={t('cases.victim.methodsOfControl')}>
            <CodedList list="methodOfControl" values={victim.methodsOfControl} />
          </Field>
          <Field label={t('cases.victim.labourExploitationTypes')}>
            <CodedList list="labourExploitationType" values={victim.labourExploitationTypes} />
          </Field>
          <Field label={t('cases.victim.labourIndustries')}>
            <CodedList list="labourIndustry" values={victim.labourIndustries} />
          </Field>
          <Field label={t('cases.victim.sexExploitationTypes')}>
            <CodedList list="sexExploitationType" values={victim.sexExploitationTypes} />
          </Field>
          <Field label={t('cases.victim.exploitationApps')}>
            <CodedList list="websiteOrApp" values={victim.exploitationApps} />
          </Field>
          <Field label={t('cases.victim.vulnerabilities')}>
            <CodedList list="vulnerability" values={victim.vulnerabilities} />
          </Field>
          <Field label={t('cases.victim.vulnerabilityDetails')}>
            {victim.vulnerabilityDetails}
          </Field>
          <Field label={t('cases.victim.agreementToManagePersonalData')}>
            {victim.agreementToManagePersonalData ? t('cases.common.yes') : t('cases.common.no')}
          </Field>
        </SimpleGrid>
      </Card>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Field label={t('cases.list.created')}>
            <DateText value={c.createdAt} withTime />
          </Field>
          <Field label={t('cases.overview.updated')}>
            <DateText value={c.updatedAt} withTime />
          </Field>
          <Field label={t('cases.overview.closed')}>
            <DateText value={c.closedAt} withTime empty="—" />
          </Field>
          <Field label={t('cases.overview.reasonForClosure')}>{c.reasonForClosure}</Field>
          <Field label={t('cases.overview.linkedCases')}>
            {c.linkedCases.map((l) => l.code).join(', ')}
          </Field>
        </SimpleGrid>
      </Card>
    </Stack>
  );
}

function OverviewEdit({ c, onDone }: { c: CaseDetail; onDone: () => void }): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const statuses = useHtcdsOptions('caseStatus');
  const [status, setStatus] = useState<CaseStatus>(c.status);
  const [reason, setReason] = useState(c.reasonForClosure ?? '');
  const [failure, setFailure] = useState<unknown>(null);
  const [stale, setStale] = useState(false);
  const form = useForm<CaseFormValues, unknown, CaseCreateInput>({
    resolver: translated(zodResolver(CaseCreateInputSchema)),
    defaultValues: formValuesOf(c),
  });

  async function submit(values: CaseCreateInput): Promise<void> {
    setFailure(null);
    setStale(false);
    const input: CaseUpdateInput = {
      version: c.version,
      person: changedPart(values.person, c.person),
      victim: changedPart(values.victim ?? {}, c.victim),
      status: status !== c.status ? status : undefined,
      reasonForClosure:
        reason.trim() && reason.trim() !== (c.reasonForClosure ?? '') ? reason.trim() : undefined,
    };
    try {
      const updated = await casesApi.update(c.id, input);
      queryClient.setQueryData(caseQueryKey(c.id), updated);
      await queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
      notify('success', t('cases.overview.saved'));
      onDone();
    } catch (err) {
      if (isApiError(err) && err.code === 'CONFLICT') {
        setStale(true);
      } else if (!applyCaseFieldError(form, err, t('validation.invalid'))) {
        setFailure(err);
      }
    }
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate data-testid="case-overview-form">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('cases.list.status')}
            data={statuses}
            value={status}
            onChange={(v) => setStatus((v as CaseStatus | null) ?? c.status)}
          />
          {status.startsWith('Closed') ? (
            <Textarea
              label={t('cases.overview.reasonForClosure')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
            />
          ) : null}
        </SimpleGrid>
        <PersonFields form={form} />
        <VictimFields form={form} />
        {stale ? (
          <Alert color="yellow" role="alert">
            <Text size="sm">{t('cases.overview.stale')}</Text>
            <Button
              mt="xs"
              size="xs"
              variant="light"
              onClick={() => queryClient.invalidateQueries({ queryKey: caseQueryKey(c.id) })}
            >
              {t('cases.overview.reload')}
            </Button>
          </Alert>
        ) : null}
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.formState.isSubmitting}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The person and the victim context of a case; editable at the version shown. */
export function CaseOverviewPanel({ caseId }: CaseOverviewPanelProps): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const detail = useCaseQuery(caseId);
  const [editing, setEditing] = useState(false);
  const c = detail.data;
  if (!c) {
    return detail.isPending ? <Loader size="sm" /> : <ErrorAlert error={detail.error} />;
  }
  const mayEdit = can('update', 'case', {
    ownerUserId: c.ownerUserId,
    agencyId: c.agencyId,
    countryCode: c.countryCode,
  });
  return (
    <Stack data-testid="CaseOverviewPanel">
      {editing ? (
        <OverviewEdit key={c.version} c={c} onDone={() => setEditing(false)} />
      ) : (
        <>
          {mayEdit ? (
            <Group justify="flex-end">
              <Button variant="light" onClick={() => setEditing(true)} data-testid="case-edit">
                {t('common.edit')}
              </Button>
            </Group>
          ) : null}
          <OverviewView c={c} />
        </>
      )}
    </Stack>
  );
}
