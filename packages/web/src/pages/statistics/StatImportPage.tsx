import {
  type ColumnMapping,
  ColumnMappingSchema,
  type ImportPreview,
  type SavedMappingView,
} from '@ctip/domain';
import {
  Alert,
  Button,
  FileInput,
  Group,
  ScrollArea,
  Select,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importFormatOf, statisticsDataApi } from '../../api/statistics-data.api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import {
  ImportJobReport,
  importJobIsFinished,
} from '../../components/statistics/import/ImportJobReport';
import { MappingEditor } from '../../components/statistics/import/MappingEditor';
import { errorText } from '../../i18n/errors';
import { notify } from '../../i18n/notify';

const ACCEPT =
  '.csv,.xlsx,.xml,.adx,text/csv,application/xml,text/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Problems of a mapping by path, translated (before anything is sent). */
function mappingProblems(mapping: ColumnMapping, t: (k: string) => string): Record<string, string> {
  const parsed = ColumnMappingSchema.safeParse(mapping);
  if (parsed.success) {
    return {};
  }
  const out: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    out[path] =
      path === 'columns' ? t('statisticsData.import.needValueColumn') : t('validation.invalid');
  }
  return out;
}

/**
 * /statistics/import: a wizard. Upload a CSV, XLSX or ADX file → preview its header and first
 * rows → map its columns (long or wide; start from a saved mapping, save one for reuse) → import
 * with a progress bar → the counts, or the row-level error report when nothing was written.
 */
export function StatImportPage(): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [savedId, setSavedId] = useState<string | null>(null);
  const [mappingName, setMappingName] = useState('');
  const [source, setSource] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [jobId, setJobId] = useState<string | null>(null);
  const format = file ? importFormatOf(file.name) : null;

  const elements = useQuery({
    queryKey: ['stat-elements'],
    queryFn: statisticsDataApi.elements,
    staleTime: 5 * 60_000,
    enabled: step >= 2,
  });
  const sources = useQuery({
    queryKey: ['stat-sources'],
    queryFn: statisticsDataApi.sources,
    staleTime: 5 * 60_000,
    enabled: step >= 2,
  });
  const saved = useQuery({
    queryKey: ['stat-mappings'],
    queryFn: statisticsDataApi.mappings,
    enabled: step >= 2,
  });

  const previewCall = useMutation({
    mutationFn: (sheet: string | null) =>
      statisticsDataApi.previewImport(file as File, {
        format: format ?? undefined,
        sheet,
      }),
    onSuccess: (p) => {
      setPreview(p);
      const best = p.matchingMappings[0];
      if (best) {
        setMapping(best.mapping);
        setSavedId(best.id);
        setMappingName(best.name);
      } else {
        setMapping(p.suggestedMapping);
        setSavedId(null);
        setMappingName('');
      }
      setStep(1);
    },
  });

  const saveMapping = useMutation({
    mutationFn: async () => {
      const m = mapping as ColumnMapping;
      const existing = saved.data?.find((s) => s.id === savedId);
      return existing && existing.name === mappingName.trim()
        ? statisticsDataApi.updateMapping(existing.id, existing.name, m)
        : statisticsDataApi.createMapping(mappingName.trim(), m);
    },
    onSuccess: (s) => {
      setSavedId(s.id);
      notify('success', t('statisticsData.import.mappingSaved'));
      void queryClient.invalidateQueries({ queryKey: ['stat-mappings'] });
    },
    onError: (err) => notify('error', errorText(t, err)),
  });

  const start = useMutation({
    mutationFn: () =>
      statisticsDataApi.startImport(file as File, {
        format: format ?? undefined,
        sheet: preview?.sheet ?? null,
        mapping: mapping as ColumnMapping,
        source,
      }),
    onSuccess: (job) => {
      setJobId(job.id);
      queryClient.setQueryData(['stat-import-job', job.id], job);
      setStep(3);
    },
  });
  const job = useQuery({
    queryKey: ['stat-import-job', jobId],
    queryFn: () => statisticsDataApi.importJob(jobId as string),
    enabled: jobId !== null,
    refetchInterval: (q) => (importJobIsFinished(q.state.data) ? false : 500),
  });

  const handleFile = (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setMapping(null);
    setJobId(null);
    previewCall.reset();
    start.reset();
  };

  const choices: SavedMappingView[] = [
    ...(preview?.matchingMappings ?? []),
    ...(saved.data ?? []).filter((s) => !preview?.matchingMappings.some((m) => m.id === s.id)),
  ];
  const matchingIds = new Set(preview?.matchingMappings.map((m) => m.id));

  const handleStart = () => {
    if (!mapping) {
      return;
    }
    const found = mappingProblems(mapping, t);
    setProblems(found);
    if (Object.keys(found).length === 0) {
      start.mutate();
    }
  };

  const restart = () => {
    handleFile(null);
    setStep(0);
  };

  return (
    <Stack>
      <PageHeader
        title={t('statisticsData.import.title')}
        description={t('statisticsData.import.description')}
      />
      <Stepper active={step} onStepClick={(s) => (s < step && step < 3 ? setStep(s) : undefined)}>
        <Stepper.Step label={t('statisticsData.import.stepUpload')}>
          <Stack>
            <FileInput
              label={t('statisticsData.import.file')}
              description={t('statisticsData.import.fileHint')}
              accept={ACCEPT}
              value={file}
              onChange={handleFile}
              clearable
            />
            {file && !format ? (
              <Alert color="red">{t('statisticsData.import.wrongType')}</Alert>
            ) : null}
            <ErrorAlert error={previewCall.error} />
            <Group>
              <Button
                onClick={() => previewCall.mutate(null)}
                disabled={!file || !format}
                loading={previewCall.isPending}
                data-testid="to-preview"
              >
                {t('statisticsData.import.toPreview')}
              </Button>
            </Group>
          </Stack>
        </Stepper.Step>

        <Stepper.Step label={t('statisticsData.import.stepPreview')}>
          {preview ? (
            <Stack>
              <Text data-testid="preview-summary">
                {t('statisticsData.import.previewSummary', {
                  file: preview.fileName,
                  count: preview.totalRows,
                  format: preview.format.toUpperCase(),
                })}
              </Text>
              {preview.sheets.length > 1 ? (
                <Select
                  label={t('statisticsData.import.sheet')}
                  data={preview.sheets}
                  value={preview.sheet}
                  onChange={(v) => v && previewCall.mutate(v)}
                  allowDeselect={false}
                  w={260}
                />
              ) : null}
              <ScrollArea.Autosize mah={360}>
                <Table
                  striped
                  withTableBorder
                  aria-label={t('statisticsData.import.firstRows')}
                  data-testid="preview-table"
                >
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>#</Table.Th>
                      {preview.headers.map((h, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; position is the identity.
                        <Table.Th key={i}>
                          <code>{h}</code>
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.rows.map((row, r) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity but their number.
                      <Table.Tr key={r}>
                        <Table.Td c="dimmed">{r + 1}</Table.Td>
                        {preview.headers.map((_, c) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: cells align with the headers.
                          <Table.Td key={c}>{row[c] ?? ''}</Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
              <Text size="sm" c="dimmed">
                {t('statisticsData.import.detected', {
                  layout: t(`statisticsData.import.layoutName.${preview.detectedLayout}`),
                })}
              </Text>
              <Group>
                <Button variant="default" onClick={() => setStep(0)}>
                  {t('statisticsData.import.back')}
                </Button>
                <Button onClick={() => setStep(2)} data-testid="to-mapping">
                  {t('statisticsData.import.toMapping')}
                </Button>
              </Group>
            </Stack>
          ) : null}
        </Stepper.Step>

        <Stepper.Step label={t('statisticsData.import.stepMapping')}>
          {preview && mapping ? (
            <Stack>
              <Group align="flex-end">
                <Select
                  label={t('statisticsData.import.savedMapping')}
                  placeholder={t('statisticsData.import.noSavedMapping')}
                  data={choices.map((m) => ({
                    value: m.id,
                    label: matchingIds.has(m.id)
                      ? t('statisticsData.import.matches', { name: m.name })
                      : m.name,
                  }))}
                  value={savedId}
                  onChange={(id) => {
                    const m = choices.find((c) => c.id === id);
                    setSavedId(id);
                    if (m) {
                      setMapping(m.mapping);
                      setMappingName(m.name);
                    } else {
                      setMapping(preview.suggestedMapping);
                      setMappingName('');
                    }
                    setProblems({});
                  }}
                  clearable
                  w={300}
                />
                <Select
                  label={t('statisticsData.import.sourceLabel')}
                  placeholder={t('statisticsData.import.noSource')}
                  data={(sources.data ?? []).map((s) => ({ value: s.code, label: s.title }))}
                  value={source}
                  onChange={setSource}
                  clearable
                  searchable
                  w={300}
                />
              </Group>
              <MappingEditor
                mapping={mapping}
                headers={preview.headers}
                elementCodes={(elements.data ?? []).map((e) => e.code)}
                onChange={(m) => {
                  setMapping(m);
                  setProblems({});
                }}
                errors={problems}
              />
              {Object.keys(problems).length > 0 ? (
                <Alert color="red" data-testid="mapping-problems">
                  {t('statisticsData.import.mappingIncomplete')}
                </Alert>
              ) : null}
              {mapping.layout !== 'adx' ? (
                <Group align="flex-end">
                  <TextInput
                    label={t('statisticsData.import.mappingName')}
                    value={mappingName}
                    onChange={(e) => setMappingName(e.currentTarget.value)}
                    w={300}
                  />
                  <Button
                    variant="light"
                    onClick={() => saveMapping.mutate()}
                    disabled={
                      mappingName.trim() === '' ||
                      Object.keys(mappingProblems(mapping, t)).length > 0
                    }
                    loading={saveMapping.isPending}
                    data-testid="save-mapping"
                  >
                    {t('statisticsData.import.saveMapping')}
                  </Button>
                </Group>
              ) : null}
              <ErrorAlert error={start.error} />
              <Group>
                <Button variant="default" onClick={() => setStep(1)}>
                  {t('statisticsData.import.back')}
                </Button>
                <Button onClick={handleStart} loading={start.isPending} data-testid="start-import">
                  {t('statisticsData.import.start')}
                </Button>
              </Group>
            </Stack>
          ) : null}
        </Stepper.Step>

        <Stepper.Step label={t('statisticsData.import.stepImport')}>
          <Stack>
            <ErrorAlert error={job.error} />
            {job.data ? <ImportJobReport job={job.data} /> : null}
            {importJobIsFinished(job.data) ? (
              <Group>
                {job.data?.status === 'Failed' ? (
                  <Button variant="default" onClick={() => setStep(2)}>
                    {t('statisticsData.import.backToMapping')}
                  </Button>
                ) : null}
                <Button variant="light" onClick={restart}>
                  {t('statisticsData.import.another')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Stepper.Step>
      </Stepper>
    </Stack>
  );
}
