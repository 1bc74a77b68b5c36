import type { StatQuery } from '@ctip/domain';
import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { type ReactElement, type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { statisticsAnalyticsApi } from '../../../api/statistics-analytics.api';
import { useSession } from '../../../auth/session';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { fileStem, saveBlob, saveUrl, toCsv } from '../shared/csv';
import { type ChartHandle, EChart, type EChartProps } from './EChart';

export type ChartCardProps = {
  title: string;
  option: object | null;
  /** The data the chart shows, as CSV rows (built on click). */
  csvRows: () => string[][];
  /** File names start with this (ASCII). */
  fileName: string;
  /** The query of the chart's data: the XLSX comes from the server with the same query. */
  xlsxQuery?: Partial<StatQuery>;
  prepare?: EChartProps['prepare'];
  height?: number;
  /** Shown under the chart (a table, notes, sources). */
  children?: ReactNode;
  'data-testid'?: string;
};

/** A titled chart with its downloads: PNG of the chart, CSV of its data, XLSX from the server. */
export function ChartCard({
  title,
  option,
  csvRows,
  fileName,
  xlsxQuery,
  prepare,
  height,
  children,
  'data-testid': testId,
}: ChartCardProps): ReactElement {
  const { t } = useTranslation();
  const session = useSession();
  const [handle, setHandle] = useState<ChartHandle | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const stem = fileStem(fileName);
  const onHandle = useCallback((h: ChartHandle | null) => setHandle(h), []);

  const downloadPng = () => {
    if (handle) {
      saveUrl(handle.toPng(), `${stem}.png`);
    }
  };
  const downloadCsv = () => {
    saveBlob(new Blob([toCsv(csvRows())], { type: 'text/csv;charset=utf-8' }), `${stem}.csv`);
  };
  const downloadXlsx = async () => {
    if (!xlsxQuery) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const file = await statisticsAnalyticsApi.download(
        xlsxQuery,
        'xlsx',
        session?.csrfToken ?? null,
      );
      saveBlob(file.blob, file.fileName || `${stem}.xlsx`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">
            {title}
          </Title>
          <Group gap="xs" role="group" aria-label={t('statistics.download.label', { title })}>
            <Button
              size="xs"
              variant="light"
              onClick={downloadPng}
              disabled={!handle}
              aria-label={t('statistics.download.pngOf', { title })}
            >
              {t('statistics.download.png')}
            </Button>
            <Button
              size="xs"
              variant="light"
              onClick={downloadCsv}
              aria-label={t('statistics.download.csvOf', { title })}
            >
              {t('statistics.download.csv')}
            </Button>
            {xlsxQuery ? (
              <Button
                size="xs"
                variant="light"
                loading={busy}
                onClick={() => void downloadXlsx()}
                aria-label={t('statistics.download.xlsxOf', { title })}
              >
                {t('statistics.download.xlsx')}
              </Button>
            ) : null}
          </Group>
        </Group>
        <ErrorAlert error={error} />
        <EChart
          option={option}
          label={title}
          height={height}
          prepare={prepare}
          onHandle={onHandle}
        />
        {children}
      </Stack>
    </Paper>
  );
}
