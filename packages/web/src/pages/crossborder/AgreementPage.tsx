import {
  type AgreementDetail,
  DEFAULT_SHARING_POLICY,
  type SharingPolicyVersion,
} from '@ctip/domain';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useCountryLabel } from '../../api/queries';
import { useCan } from '../../auth/session';
import { ActivatePolicyModal } from '../../components/crossborder/agreement/ActivatePolicyModal';
import { AgreementEditModal } from '../../components/crossborder/agreement/AgreementEditModal';
import { agreementsApi } from '../../components/crossborder/agreement/agreements.api';
import { BorderPointsTable } from '../../components/crossborder/agreement/BorderPointsTable';
import { PolicyDraftEditor } from '../../components/crossborder/agreement/PolicyDraftEditor';
import { PolicyView } from '../../components/crossborder/agreement/PolicyView';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { useFormatDate } from '../../i18n/hooks';
import { notify } from '../../i18n/notify';
import { dateOnly, useAgreementDate } from './AgreementsPage';

const STATUS_COLOR = { Draft: 'gray', Active: 'green', Superseded: 'dark' } as const;

/** One instrument: details, revisions, meeting rhythm, sharing-policy versions, border points. */
export function AgreementPage(): ReactElement {
  const { t } = useTranslation();
  const { agreementId = '' } = useParams();
  const query = useQuery({
    queryKey: ['agreements', 'one', agreementId],
    queryFn: () => agreementsApi.get(agreementId),
  });
  if (query.isPending) {
    return <Loader aria-label={t('agreements.loading')} />;
  }
  if (!query.data) {
    return (
      <Stack>
        <ErrorAlert error={query.error} />
        <Anchor component={Link} to="/cross-border/agreements">
          {t('agreements.back')}
        </Anchor>
      </Stack>
    );
  }
  return <AgreementView agreement={query.data} />;
}

function AgreementView({ agreement }: { agreement: AgreementDetail }): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const countryLabel = useCountryLabel();
  const formatDate = useFormatDate();
  const dateOf = useAgreementDate();
  const parties = agreement.parties.map(countryLabel).join(' – ');
  const inScope = (action: 'update' | 'approve') =>
    agreement.parties.some((c) => can(action, 'agreement', { countryCode: c }));
  const active = agreement.policies.find((p) => p.status === 'Active') ?? null;
  const [viewing, setViewing] = useState<number | null>(active?.version ?? null);
  const [drafting, setDrafting] = useState(false);
  const [editing, setEditing] = useState(false);
  const [activating, setActivating] = useState<SharingPolicyVersion | null>(null);
  const shown =
    agreement.policies.find((p) => p.version === viewing) ?? active ?? agreement.policies[0];
  const rhythm = agreement.meetingRhythm;

  return (
    <Stack data-testid="AgreementPage">
      <Anchor component={Link} to="/cross-border/agreements" size="sm">
        {t('agreements.back')}
      </Anchor>
      <PageHeader
        title={agreement.title}
        description={`${agreement.code} · ${parties}`}
        actions={
          <Group gap="xs">
            {inScope('update') ? (
              <Button size="xs" variant="light" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            ) : null}
            <Badge variant="light">{t(`agreements.agrStatus.${agreement.status}`)}</Badge>
            {agreement.activePolicyVersion ? (
              <Badge color="green">
                {t('agreements.policy.inForceBadge', { version: agreement.activePolicyVersion })}
              </Badge>
            ) : (
              <Badge color="gray">{t('agreements.noPolicy')}</Badge>
            )}
          </Group>
        }
      />
      <Tabs defaultValue="details" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="details">{t('agreements.tabs.details')}</Tabs.Tab>
          <Tabs.Tab value="policies">{t('agreements.tabs.policies')}</Tabs.Tab>
          <Tabs.Tab value="border">{t('agreements.border.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details" pt="md">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Table variant="vertical" aria-label={t('agreements.tabs.details')}>
                <Table.Tbody>
                  {[
                    [t('agreements.code'), agreement.code],
                    [t('agreements.type'), t(`agreements.agrType.${agreement.type}`)],
                    [t('agreements.subject'), t(`agreements.agrSubject.${agreement.subject}`)],
                    [t('agreements.parties'), parties],
                    [t('agreements.signed'), dateOf(agreement)],
                    [t('agreements.dateNote'), agreement.dateNote ?? '—'],
                    [t('agreements.place'), agreement.place ?? '—'],
                    [
                      t('agreements.period'),
                      agreement.periodFrom || agreement.periodTo
                        ? `${formatDate(dateOnly(agreement.periodFrom))} – ${formatDate(dateOnly(agreement.periodTo))}`
                        : '—',
                    ],
                    [t('agreements.areas'), agreement.areas ?? '—'],
                    [
                      t('agreements.reviewEveryMonths'),
                      agreement.reviewEveryMonths
                        ? t('agreements.rhythm.months', { count: agreement.reviewEveryMonths })
                        : '—',
                    ],
                    [
                      t('agreements.nextReviewOn'),
                      formatDate(dateOnly(agreement.nextReviewOn)) || '—',
                    ],
                    [t('agreements.source'), agreement.source ?? '—'],
                  ].map(([k, v]) => (
                    <Table.Tr key={k}>
                      <Table.Th w={200}>{k}</Table.Th>
                      <Table.Td>{v}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
            <Stack>
              <Card withBorder>
                <Title order={4}>{t('agreements.rhythm.title')}</Title>
                <Text data-testid="meeting-rhythm">
                  {rhythm
                    ? t('agreements.rhythm.cadence', { count: rhythm.cadenceMonths })
                    : t('agreements.rhythm.none')}
                </Text>
                {rhythm?.reviewEveryMonths ? (
                  <Text>{t('agreements.rhythm.review', { count: rhythm.reviewEveryMonths })}</Text>
                ) : null}
              </Card>
              <Card withBorder>
                <Title order={4}>{t('agreements.revisions.title')}</Title>
                {agreement.revisions.length === 0 ? (
                  <Text c="dimmed">{t('agreements.revisions.none')}</Text>
                ) : (
                  <Timeline bulletSize={14} mt="sm" data-testid="revisions">
                    <Timeline.Item title={dateOf(agreement)}>
                      <Text size="sm">{t('agreements.revisions.signed')}</Text>
                    </Timeline.Item>
                    {agreement.revisions.map((r) => (
                      <Timeline.Item
                        key={r.id}
                        title={
                          r.revisedOn
                            ? formatDate(dateOnly(r.revisedOn))
                            : t('agreements.revisions.undated')
                        }
                      >
                        <Text size="sm">{r.note}</Text>
                      </Timeline.Item>
                    ))}
                  </Timeline>
                )}
                {inScope('update') ? <RevisionForm agreementId={agreement.id} /> : null}
              </Card>
            </Stack>
          </SimpleGrid>
        </Tabs.Panel>
        <Tabs.Panel value="policies" pt="md">
          <Stack>
            <Table striped withTableBorder aria-label={t('agreements.policy.versions')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('agreements.policy.version')}</Table.Th>
                  <Table.Th>{t('agreements.status')}</Table.Th>
                  <Table.Th>{t('agreements.policy.createdAt')}</Table.Th>
                  <Table.Th>{t('agreements.policy.activatedAt')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {agreement.policies.map((p) => (
                  <Table.Tr key={p.version} data-testid={`policy-row-${p.version}`}>
                    <Table.Td>{p.version}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[p.status]}>
                        {t(`agreements.policyStatus.${p.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatDate(p.createdAt, true)}</Table.Td>
                    <Table.Td>{formatDate(p.activatedAt, true) || '—'}</Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <Button size="xs" variant="light" onClick={() => setViewing(p.version)}>
                          {t('agreements.policy.view')}
                        </Button>
                        {p.status !== 'Active' && inScope('approve') ? (
                          <Button
                            size="xs"
                            color="orange"
                            onClick={() => setActivating(p)}
                            data-testid={`policy-activate-${p.version}`}
                          >
                            {t('agreements.policy.activate')}
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {agreement.policies.length === 0 ? (
              <Text c="dimmed">{t('agreements.policy.noneYet')}</Text>
            ) : null}
            {inScope('update') && !drafting ? (
              <Group>
                <Button onClick={() => setDrafting(true)} data-testid="policy-new-draft">
                  {t('agreements.policy.newDraft')}
                </Button>
              </Group>
            ) : null}
            {drafting ? (
              <Card withBorder>
                <Title order={4} mb="sm">
                  {t('agreements.policy.draftTitle')}
                </Title>
                <PolicyDraftEditor
                  agreementId={agreement.id}
                  base={(active ?? agreement.policies[0])?.policy ?? DEFAULT_SHARING_POLICY}
                  onDone={() => setDrafting(false)}
                />
              </Card>
            ) : null}
            {shown ? (
              <Card withBorder>
                <Title order={4} mb="sm">
                  {t('agreements.policy.viewTitle', {
                    version: shown.version,
                    status: t(`agreements.policyStatus.${shown.status}`),
                  })}
                </Title>
                <PolicyView policy={shown.policy} />
              </Card>
            ) : null}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="border" pt="md">
          <BorderPointsTable countries={agreement.parties} />
        </Tabs.Panel>
      </Tabs>
      <AgreementEditModal
        agreement={agreement}
        opened={editing}
        onClose={() => setEditing(false)}
      />
      <ActivatePolicyModal
        agreementId={agreement.id}
        code={agreement.code}
        target={activating}
        current={active}
        onClose={() => setActivating(null)}
      />
    </Stack>
  );
}

function RevisionForm({ agreementId }: { agreementId: string }): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [revisedOn, setRevisedOn] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(): Promise<void> {
    if (!note.trim()) {
      setErrors({ note: t('validation.required') });
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      await agreementsApi.addRevision(agreementId, {
        note: note.trim(),
        ...(revisedOn ? { revisedOn } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: ['agreements'] });
      notify('success', t('agreements.revisions.added'));
      setNote('');
      setRevisedOn('');
    } catch (err) {
      if (isApiError(err) && (err.field === 'note' || err.field === 'revisedOn')) {
        setErrors({ [err.field]: t('validation.invalid') });
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
        void submit();
      }}
    >
      <Stack gap="xs" mt="md">
        <Text fw={500}>{t('agreements.revisions.add')}</Text>
        <TextInput
          type="date"
          label={t('agreements.revisions.revisedOn')}
          value={revisedOn}
          onChange={(e) => setRevisedOn(e.currentTarget.value)}
          error={errors.revisedOn}
        />
        <Textarea
          label={t('agreements.revisions.note')}
          required
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
        />
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button type="submit" size="sm" loading={busy}>
            {t('agreements.revisions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
