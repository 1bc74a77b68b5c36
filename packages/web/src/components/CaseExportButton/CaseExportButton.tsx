import { CONSENT_PURPOSES, type ConsentPurpose } from '@ctip/domain';
import { Alert, Button, Checkbox, Modal, Select, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CaseExportFile,
  type CaseFileFormat,
  caseTransferApi,
} from '../../api/case-transfer.api';
import { useCan } from '../../auth/session';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';

/** Hand a downloaded file to the browser. */
function saveFile(file: CaseExportFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * "Export" on the cases list: choose CSV or XLSX, and optionally the personal fields for a declared
 * purpose (only cases with a covering consent are then exported; the others are counted). Hidden for
 * users without case:export (the server enforces it).
 */
export function CaseExportButton(): ReactElement | null {
  const { t } = useTranslation();
  const can = useCan();
  const [opened, setOpened] = useState(false);
  const [format, setFormat] = useState<CaseFileFormat>('csv');
  const [includePersonal, setIncludePersonal] = useState(false);
  const [purpose, setPurpose] = useState<ConsentPurpose | null>(null);
  const run = useMutation({
    mutationFn: () =>
      caseTransferApi.export({
        format,
        includePersonal,
        ...(includePersonal && purpose ? { purpose } : {}),
      }),
    onSuccess: saveFile,
  });
  if (!can('export', 'case')) {
    return null;
  }
  const close = () => {
    setOpened(false);
    run.reset();
  };
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)} data-testid="case-export">
        {t('caseTransfer.export.button')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('caseTransfer.export.title')}>
        <Stack>
          <Select
            label={t('caseTransfer.export.format')}
            data={[
              { value: 'csv', label: 'CSV' },
              { value: 'xlsx', label: 'Excel (XLSX)' },
            ]}
            value={format}
            onChange={(v) => setFormat(v === 'xlsx' ? 'xlsx' : 'csv')}
            allowDeselect={false}
          />
          <Checkbox
            label={t('caseTransfer.export.includePersonal')}
            description={t('caseTransfer.export.includePersonalHint')}
            checked={includePersonal}
            onChange={(e) => setIncludePersonal(e.currentTarget.checked)}
          />
          {includePersonal ? (
            <Select
              label={t('caseTransfer.export.purpose')}
              data={CONSENT_PURPOSES.map((p) => ({
                value: p,
                label: t(`caseTransfer.purpose.${p}`),
              }))}
              value={purpose}
              onChange={(v) => setPurpose(CONSENT_PURPOSES.find((p) => p === v) ?? null)}
              required
            />
          ) : null}
          <ErrorAlert error={run.error} />
          {run.data ? (
            <Alert color={run.data.leftOut > 0 ? 'yellow' : 'green'} data-testid="export-summary">
              {t('caseTransfer.export.done', { count: run.data.exported })}
              {run.data.leftOut > 0
                ? ` ${t('caseTransfer.export.leftOut', {
                    count: run.data.leftOut,
                    purpose: purpose ? t(`caseTransfer.purpose.${purpose}`) : '',
                  })}`
                : ''}
            </Alert>
          ) : null}
          <Button
            onClick={() => run.mutate()}
            loading={run.isPending}
            disabled={includePersonal && !purpose}
          >
            {t('caseTransfer.export.download')}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
