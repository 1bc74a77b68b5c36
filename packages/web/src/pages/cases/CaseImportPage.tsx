import { htcdsColumnOf } from '@ctip/domain';
import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Progress,
  ScrollArea,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CaseFileFormat,
  caseFileFormatOf,
  caseTransferApi,
  type ImportJob,
} from '../../api/case-transfer.api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';

/** The header cells of a CSV's first line (quotes removed; comma or semicolon separated). */
export function csvHeaderCells(firstLine: string): string[] {
  const line = firstLine.replace(/^\uFEFF/, '').replace(/\r$/, '');
  const delimiter = line.split(';').length > line.split(',').length ? ';' : ',';
  return line.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

/** Known messages of the row validator, by translation key (others are shown as sent). */
const MESSAGE_KEYS: Record<string, string> = {
  'is not a value of the picklist': 'caseTransfer.message.picklist',
  'holds a value that is not in the picklist': 'caseTransfer.message.picklist',
  'must be a whole number': 'caseTransfer.message.number',
  'must be true or false': 'caseTransfer.message.boolean',
  'must be a date YYYY-MM-DD': 'caseTransfer.message.date',
  'is not a calendar date': 'caseTransfer.message.date',
  'must be an ISO 3166-1 alpha-2 code': 'caseTransfer.message.country',
  'is not a known country code': 'caseTransfer.message.country',
  'appears more than once': 'caseTransfer.message.duplicateColumn',
  'no HTCDS column found in the header row': 'caseTransfer.message.noColumns',
  'the file has no data rows': 'caseTransfer.message.noRows',
};

function messageText(t: TFunction, message: string): string {
  const key = MESSAGE_KEYS[message];
  return key ? t(key) : message;
}

type Preview = { format: CaseFileFormat; headers: string[] } | null;

function isFinished(job: ImportJob | undefined): boolean {
  return job?.status === 'done' || job?.status === 'failed';
}

function ColumnPreview({ preview }: { preview: Preview }): ReactElement | null {
  const { t } = useTranslation();
  if (!preview) {
    return null;
  }
  if (preview.format === 'xlsx') {
    return <Text c="dimmed">{t('caseTransfer.import.xlsxPreview')}</Text>;
  }
  return (
    <ScrollArea.Autosize mah={320}>
      <Table striped aria-label={t('caseTransfer.import.columns')} data-testid="column-preview">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('caseTransfer.import.column')}</Table.Th>
            <Table.Th>{t('caseTransfer.import.recognised')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.headers.map((h, i) => {
            const column = htcdsColumnOf(h);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; position is the identity.
              <Table.Tr key={i}>
                <Table.Td>
                  <code>{h}</code>
                </Table.Td>
                <Table.Td>
                  {!column ? (
                    <Badge color="gray">{t('caseTransfer.import.ignored')}</Badge>
                  ) : column.exportOnly ? (
                    <Badge color="gray">{t('caseTransfer.import.exportOnly')}</Badge>
                  ) : (
                    <Group gap={4}>
                      <Badge color="green">{t('caseTransfer.import.known')}</Badge>
                      {column.personal ? (
                        <Badge color="orange">{t('caseTransfer.personal')}</Badge>
                      ) : null}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

function JobReport({ job }: { job: ImportJob }): ReactElement {
  const { t } = useTranslation();
  const total = Math.max(job.total, 1);
  const percent = job.status === 'done' ? 100 : Math.round((job.processed / total) * 100);
  return (
    <Stack gap="sm">
      <Text>
        {t(`caseTransfer.status.${job.status}`)} — {job.processed} / {job.total}
      </Text>
      <Progress
        value={percent}
        animated={!isFinished(job)}
        color={job.status === 'failed' ? 'red' : undefined}
        aria-label={t('caseTransfer.import.progress')}
      />
      {job.status === 'done' ? (
        <Alert color="green" data-testid="import-done">
          {t('caseTransfer.import.done', { count: job.inserted })}
        </Alert>
      ) : null}
      {job.status === 'failed' ? (
        <Alert color="red" data-testid="import-failed">
          {job.errorCount > 0
            ? t('caseTransfer.import.invalid', { count: job.errorCount })
            : t('caseTransfer.import.failed')}
        </Alert>
      ) : null}
      {job.errors.length > 0 ? (
        <>
          {job.errorCount > job.errors.length ? (
            <Text size="sm" c="dimmed">
              {t('caseTransfer.import.errorsShown', {
                shown: job.errors.length,
                total: job.errorCount,
              })}
            </Text>
          ) : null}
          <ScrollArea.Autosize mah={400}>
            <Table striped aria-label={t('caseTransfer.import.errors')} data-testid="import-errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('caseTransfer.import.row')}</Table.Th>
                  <Table.Th>{t('caseTransfer.import.column')}</Table.Th>
                  <Table.Th>{t('caseTransfer.import.problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {job.errors.map((e) => (
                  <Table.Tr key={`${e.row}:${e.column}`}>
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td>
                      <code>{e.column}</code>
                    </Table.Td>
                    <Table.Td>{messageText(t, e.message)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </>
      ) : null}
    </Stack>
  );
}

/**
 * /cases/import: choose an HTCDS CSV or XLSX file, preview its columns, start the import, follow its
 * progress, and read the row/column error report (nothing is imported while any row is invalid).
 */
export function CaseImportPage(): ReactElement {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const format = file ? caseFileFormatOf(file.name) : null;

  const handleFile = async (chosen: File | null) => {
    setFile(chosen);
    setJobId(null);
    const f = chosen ? caseFileFormatOf(chosen.name) : null;
    if (!chosen || !f) {
      setPreview(null);
      return;
    }
    if (f === 'xlsx') {
      setPreview({ format: f, headers: [] });
      return;
    }
    const head = await chosen.slice(0, 64 * 1024).text();
    setPreview({ format: f, headers: csvHeaderCells(head.split('\n')[0] ?? '') });
  };

  const start = useMutation({
    mutationFn: () => caseTransferApi.startImport(file as File, format as CaseFileFormat),
    onSuccess: (job) => setJobId(job.id),
  });
  const job = useQuery({
    queryKey: ['case-import-job', jobId],
    queryFn: () => caseTransferApi.job(jobId as string),
    enabled: jobId !== null,
    refetchInterval: (q) => (isFinished(q.state.data) ? false : 500),
  });

  return (
    <Stack>
      <PageHeader
        title={t('caseTransfer.import.title')}
        description={t('caseTransfer.import.description')}
      />
      <FileInput
        label={t('caseTransfer.import.file')}
        description={t('caseTransfer.import.fileHint')}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        value={file}
        onChange={(f) => void handleFile(f)}
        clearable
      />
      {file && !format ? <Alert color="red">{t('caseTransfer.import.wrongType')}</Alert> : null}
      <ColumnPreview preview={preview} />
      <Group>
        <Button
          onClick={() => start.mutate()}
          disabled={!file || !format || (jobId !== null && !isFinished(job.data))}
          loading={start.isPending}
        >
          {t('caseTransfer.import.start')}
        </Button>
      </Group>
      <ErrorAlert error={start.error ?? job.error} />
      {job.data ? <JobReport job={job.data} /> : null}
    </Stack>
  );
}
