import type { FrameworkStructure } from '@ctip/domain';
import {
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Loader,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import {
  type FrameworkImportReport,
  frameworksApi,
} from '../../components/plans/frameworks/frameworks.api';
import { usePeriodLabel } from '../../components/plans/frameworks/labels';

type Header = {
  id: string;
  title: string;
  periodStart: number | string;
  periodEnd: number | string;
  extendedTo: number | string;
};
const EMPTY: Header = { id: '', title: '', periodStart: '', periodEnd: '', extendedTo: '' };

function headerInput(h: Header) {
  return {
    id: h.id.trim(),
    title: h.title.trim(),
    periodStart: Number(h.periodStart),
    periodEnd: Number(h.periodEnd),
    ...(h.extendedTo === '' ? {} : { extendedTo: Number(h.extendedTo) }),
  };
}

function HeaderFields({ value, onChange }: { value: Header; onChange: (h: Header) => void }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end">
      <TextInput
        label={t('plansFrameworks.form.id')}
        description={t('plansFrameworks.form.idHint')}
        value={value.id}
        onChange={(e) => onChange({ ...value, id: e.currentTarget.value.toUpperCase() })}
        w={140}
        required
      />
      <TextInput
        label={t('plansFrameworks.form.title')}
        value={value.title}
        onChange={(e) => onChange({ ...value, title: e.currentTarget.value })}
        w={320}
        required
      />
      <NumberInput
        label={t('plansFrameworks.form.periodStart')}
        value={value.periodStart}
        onChange={(v) => onChange({ ...value, periodStart: v })}
        w={110}
        required
      />
      <NumberInput
        label={t('plansFrameworks.form.periodEnd')}
        value={value.periodEnd}
        onChange={(v) => onChange({ ...value, periodEnd: v })}
        w={110}
        required
      />
      <NumberInput
        label={t('plansFrameworks.form.extendedTo')}
        value={value.extendedTo}
        onChange={(v) => onChange({ ...value, extendedTo: v })}
        w={110}
      />
    </Group>
  );
}

/** A new SPA by form: an empty Draft tree, edited in place afterwards. */
function CreateForm(): ReactElement {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [h, setH] = useState<Header>(EMPTY);
  const [structure, setStructure] = useState<FrameworkStructure>('areas');
  const create = useMutation({
    mutationFn: () => frameworksApi.create({ ...headerInput(h), structure }),
    onSuccess: (f) => navigate(`/plans/frameworks/${f.id}`),
  });
  return (
    <Paper withBorder p="md" data-testid="framework-create">
      <Title order={3} mb="sm">
        {t('plansFrameworks.create.title')}
      </Title>
      <Stack>
        <ErrorAlert error={create.error} />
        <HeaderFields value={h} onChange={setH} />
        <Select
          label={t('plansFrameworks.form.structure')}
          data={(['areas', 'results'] as const).map((s) => ({
            value: s,
            label: t(`plansFrameworks.structure.${s}`),
          }))}
          value={structure}
          onChange={(v) => setStructure((v as FrameworkStructure) ?? 'areas')}
          allowDeselect={false}
          w={320}
        />
        <Group>
          <Button onClick={() => create.mutate()} loading={create.isPending}>
            {t('plansFrameworks.create.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Import a whole framework from JSON or CSV: check first (validation report), then import. */
function ImportForm(): ReactElement {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [h, setH] = useState<Header>(EMPTY);
  const [format, setFormat] = useState<'json' | 'csv'>('json');
  const [content, setContent] = useState('');
  const [report, setReport] = useState<FrameworkImportReport | null>(null);
  const run = useMutation({
    mutationFn: (dryRun: boolean) =>
      frameworksApi.import({ ...headerInput(h), format, content, dryRun }),
    onSuccess: async (r) => {
      setReport(r);
      if (!r.dryRun) {
        await qc.invalidateQueries({ queryKey: ['plans', 'frameworks'] });
      }
    },
  });
  const onFile = async (file: File | null) => {
    setReport(null);
    if (!file) {
      setContent('');
      return;
    }
    setFormat(file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
    setContent(await file.text());
  };
  return (
    <Paper withBorder p="md" data-testid="framework-import">
      <Title order={3} mb="sm">
        {t('plansFrameworks.import.title')}
      </Title>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('plansFrameworks.import.hint')}
        </Text>
        <HeaderFields value={h} onChange={setH} />
        <Group align="flex-end">
          <SegmentedControl
            data={[
              { value: 'json', label: 'JSON' },
              { value: 'csv', label: 'CSV' },
            ]}
            value={format}
            onChange={(v) => setFormat(v as 'json' | 'csv')}
          />
          <FileInput
            label={t('plansFrameworks.import.file')}
            accept=".json,.csv,application/json,text/csv"
            onChange={onFile}
            w={280}
            clearable
          />
        </Group>
        <ErrorAlert error={run.error} />
        <Group>
          <Button
            variant="light"
            disabled={!content}
            loading={run.isPending}
            onClick={() => run.mutate(true)}
          >
            {t('plansFrameworks.import.check')}
          </Button>
          <Button
            disabled={!content || !report?.ok || !report.dryRun}
            onClick={() => run.mutate(false)}
          >
            {t('plansFrameworks.import.submit')}
          </Button>
        </Group>
        {report ? (
          <Stack gap="xs" data-testid="import-report">
            <Text fw={600}>
              {report.ok
                ? report.dryRun
                  ? t('plansFrameworks.import.ok')
                  : t('plansFrameworks.import.done')
                : t('plansFrameworks.import.problems', { count: report.issues.length })}
            </Text>
            <Text size="sm">
              {Object.entries(report.counts)
                .map(([k, n]) => `${t(`plansFrameworks.count.${k}`)}: ${n}`)
                .join(' · ')}
            </Text>
            {report.issues.length > 0 ? (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('plansFrameworks.import.row')}</Table.Th>
                    <Table.Th>{t('plansFrameworks.import.field')}</Table.Th>
                    <Table.Th>{t('plansFrameworks.import.message')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.issues.map((i) => (
                    <Table.Tr key={`${i.row}${i.field}${i.message}`}>
                      <Table.Td>{i.row}</Table.Td>
                      <Table.Td>{i.field}</Table.Td>
                      <Table.Td>{i.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
            {report.framework ? (
              <Anchor component={Link} to={`/plans/frameworks/${report.framework.id}`}>
                {t('plansFrameworks.import.open', { id: report.framework.id })}
              </Anchor>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}

/**
 * /plans: the plan frameworks (SPA III, SPA IV, …) with their periods and revisions, each opening
 * the tree browser; the Secretariat and administrators create a new SPA or import one.
 */
export function FrameworksPage(): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const period = usePeriodLabel();
  const list = useQuery({ queryKey: ['plans', 'frameworks'], queryFn: frameworksApi.list });
  return (
    <Stack data-testid="FrameworksPage">
      <PageHeader
        title={t('plansFrameworks.list.title')}
        description={t('plansFrameworks.list.description')}
      />
      <ErrorAlert error={list.error} />
      {list.isPending ? <Loader /> : null}
      {list.data ? (
        <Table data-testid="frameworks-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plansFrameworks.list.framework')}</Table.Th>
              <Table.Th>{t('plansFrameworks.list.period')}</Table.Th>
              <Table.Th>{t('plansFrameworks.list.structure')}</Table.Th>
              <Table.Th>{t('plansFrameworks.list.nodes')}</Table.Th>
              <Table.Th>{t('plansFrameworks.list.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/plans/frameworks/${f.id}`}>
                    {f.shortTitle ?? f.id}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {f.title}
                  </Text>
                </Table.Td>
                <Table.Td>{period(f)}</Table.Td>
                <Table.Td>{t(`plansFrameworks.structure.${f.structure}`)}</Table.Td>
                <Table.Td>{f.nodeCount}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge variant="light">{t(`plansFrameworks.status.${f.status}`)}</Badge>
                    <Text size="xs">{t('plansFrameworks.revisionLabel', { n: f.revision })}</Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {can('create', 'plan_framework') ? (
        <>
          <CreateForm />
          <ImportForm />
        </>
      ) : null}
    </Stack>
  );
}
