import {
  CASE_STUDY_STATUSES,
  type CaseStudy,
  type CaseStudyStatus,
  type CaseStudyTransition,
} from '@ctip/domain';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../api/queries';
import { useCan, useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { CaseStudyForm } from '../../components/plans/case-studies/CaseStudyForm';
import {
  type CaseStudyFilters,
  caseStudiesApi,
} from '../../components/plans/case-studies/case-studies.api';
import { ListHeader } from '../../components/plans/shared/actions';
import { useWritableCountries } from '../../components/plans/shared/countries';
import { CountryFilter, useFilters, YearFilter } from '../../components/plans/shared/fields';
import { notify } from '../../i18n/notify';

const KNOWN_FRAMEWORKS = ['SPA3', 'SPA4'];
const STATUS_COLOR: Record<CaseStudyStatus, string> = {
  Draft: 'gray',
  Submitted: 'blue',
  Approved: 'green',
};

/**
 * Case studies for the monitoring report: filter by framework, country, year, area and status;
 * write and edit drafts (English beside the national language); submit (the country), approve or
 * return (the Secretariat). A standing warning: case studies name no victim.
 */
export function CaseStudiesPage(): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const session = useSession();
  const countryLabel = useCountryLabel();
  const queryClient = useQueryClient();
  const [filters, setFilter] = useFilters<CaseStudyFilters>();
  const [editing, setEditing] = useState<CaseStudy | 'new' | null>(null);
  const [returning, setReturning] = useState<CaseStudy | null>(null);
  const [error, setError] = useState<unknown>(null);
  const list = useQuery({
    queryKey: ['plans', 'case-studies', filters],
    queryFn: () => caseStudiesApi.list(filters),
  });
  const areas = useQuery({
    queryKey: ['plans', 'case-studies', 'areas', filters.framework ?? 'SPA3'],
    queryFn: () => caseStudiesApi.areas(filters.framework ?? 'SPA3'),
  });
  const ownCountry = session?.user.countryCode ?? '';
  const writable = useWritableCountries(t('plansCaseStudies.regional'), can('approve', 'plan'));
  const frameworks = useMemo(
    () => [...new Set([...KNOWN_FRAMEWORKS, ...(list.data ?? []).map((c) => c.frameworkId)])],
    [list.data],
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['plans', 'case-studies'] });
  async function move(c: CaseStudy, transition: CaseStudyTransition, reason?: string) {
    setError(null);
    try {
      await caseStudiesApi.transition(c.id, transition, {
        version: c.version,
        ...(reason ? { reason } : {}),
      });
      notify(
        'success',
        t(
          transition === 'submit'
            ? 'plansCaseStudies.submitted'
            : transition === 'approve'
              ? 'plansCaseStudies.approved'
              : 'plansCaseStudies.returned',
        ),
      );
      await refresh();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Stack data-testid="CaseStudiesPage">
      <ListHeader
        title={t('plansCaseStudies.title')}
        description={t('plansCaseStudies.description')}
        createLabel={t('plansCaseStudies.create')}
        canCreate={writable.length > 0}
        onCreate={() => setEditing('new')}
      />
      <Alert color="orange" data-testid="no-victim-warning">
        {t('plansCaseStudies.noVictimWarning')}
      </Alert>
      <SimpleGrid cols={{ base: 1, sm: 3, lg: 5 }}>
        <Select
          label={t('plansCaseStudies.filter.framework')}
          clearable
          data={frameworks}
          value={filters.framework ?? null}
          onChange={(v) => {
            setFilter('framework', v ?? undefined);
            setFilter('area', undefined);
          }}
        />
        <CountryFilter
          label={t('plansCaseStudies.filter.country')}
          value={filters.country}
          onChange={(v) => setFilter('country', v)}
        />
        <YearFilter
          label={t('plansCaseStudies.filter.year')}
          value={filters.year}
          onChange={(v) => setFilter('year', v)}
        />
        <Select
          label={t('plansCaseStudies.filter.area')}
          clearable
          data={(areas.data ?? []).map((a) => ({ value: a.id, label: `${a.code} ${a.title}` }))}
          value={filters.area ?? null}
          onChange={(v) => setFilter('area', v ?? undefined)}
        />
        <Select
          label={t('plansCaseStudies.filter.status')}
          clearable
          data={CASE_STUDY_STATUSES.map((s) => ({
            value: s,
            label: t(`plansCaseStudies.status.${s}`),
          }))}
          value={filters.status ?? null}
          onChange={(v) => setFilter('status', (v as CaseStudyStatus | null) ?? undefined)}
        />
      </SimpleGrid>
      <ErrorAlert error={list.error ?? error} />
      {list.data && list.data.length === 0 ? (
        <Text c="dimmed">{t('plansCaseStudies.none')}</Text>
      ) : null}
      {(list.data ?? []).map((c) => {
        const record = { countryCode: c.countryCode };
        const mayUpdate = can('update', 'plan', record);
        const mayApprove = can('approve', 'plan', record);
        return (
          <Card key={c.id} withBorder data-testid={`case-study-${c.id}`}>
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start">
                <Title order={2} size="h4">
                  {c.heading}
                </Title>
                <Group gap="xs">
                  <Badge color={STATUS_COLOR[c.status]}>
                    {t(`plansCaseStudies.status.${c.status}`)}
                  </Badge>
                  {c.isSeeded ? (
                    <Badge variant="outline">{t('plansCaseStudies.seeded')}</Badge>
                  ) : null}
                </Group>
              </Group>
              <Text size="sm" c="dimmed">
                {[
                  c.frameworkId,
                  c.year,
                  c.countryCode ? countryLabel(c.countryCode) : t('plansCaseStudies.regional'),
                  c.areaCode ? `${c.areaCode} ${c.areaTitle ?? ''}`.trim() : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              <SimpleGrid cols={{ base: 1, md: c.bodyLocal ? 2 : 1 }}>
                <Text size="sm" style={{ whiteSpace: 'pre-line' }} lang="en">
                  {c.bodyEn}
                </Text>
                {c.bodyLocal ? (
                  <Text
                    size="sm"
                    style={{ whiteSpace: 'pre-line' }}
                    lang={c.localLang ?? undefined}
                  >
                    {c.bodyLocal}
                  </Text>
                ) : null}
              </SimpleGrid>
              {c.attribution ? (
                <Text size="sm" fs="italic">
                  – {c.attribution}
                </Text>
              ) : null}
              <Group gap="xs">
                {c.status === 'Draft' && mayUpdate ? (
                  <>
                    <Button size="xs" variant="light" onClick={() => setEditing(c)}>
                      {t('common.edit')}
                    </Button>
                    <Button size="xs" variant="light" onClick={() => void move(c, 'submit')}>
                      {t('plansCaseStudies.action.submit')}
                    </Button>
                  </>
                ) : null}
                {c.status === 'Submitted' && mayApprove ? (
                  <Button size="xs" color="green" onClick={() => void move(c, 'approve')}>
                    {t('plansCaseStudies.action.approve')}
                  </Button>
                ) : null}
                {c.status !== 'Draft' && mayApprove ? (
                  <Button size="xs" variant="light" color="orange" onClick={() => setReturning(c)}>
                    {t('plansCaseStudies.action.return')}
                  </Button>
                ) : null}
                {c.status !== 'Draft' && !mayApprove ? (
                  <Text size="xs" c="dimmed">
                    {t('plansCaseStudies.readOnly')}
                  </Text>
                ) : null}
              </Group>
            </Stack>
          </Card>
        );
      })}
      {editing ? (
        <CaseStudyForm
          caseStudy={editing === 'new' ? null : editing}
          frameworks={frameworks}
          countries={writable}
          defaultCountry={
            writable.some((w) => w.value === ownCountry) ? ownCountry : (writable[0]?.value ?? '')
          }
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            notify('success', t('plansCaseStudies.saved'));
            void refresh();
          }}
        />
      ) : null}
      {returning ? (
        <ReturnDialog
          onClose={() => setReturning(null)}
          onReturn={async (reason) => {
            const c = returning;
            setReturning(null);
            await move(c, 'return', reason);
          }}
        />
      ) : null}
    </Stack>
  );
}

function ReturnDialog({
  onClose,
  onReturn,
}: {
  onClose: () => void;
  onReturn: (reason: string) => Promise<void>;
}): ReactElement {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('plansCaseStudies.action.return')}>
      <Stack gap="sm">
        <Textarea
          label={t('plansCaseStudies.action.returnReason')}
          required
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="orange"
            disabled={!reason.trim()}
            data-testid="return-submit"
            onClick={() => void onReturn(reason.trim())}
          >
            {t('plansCaseStudies.action.return')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
