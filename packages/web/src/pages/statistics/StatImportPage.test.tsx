import type { ColumnMapping, ImportJobView, ImportPreview } from '@ctip/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stubApi, withSession } from '../../components/statistics/entry/test-fixtures';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { StatImportPage } from './StatImportPage';

const WIDE: ColumnMapping = {
  layout: 'wide',
  fields: {
    country: { column: 'Country' },
    dataElement: { fixed: 'VICTIMS_IDENTIFIED' },
    dimensions: {},
  },
  columns: [
    { column: '2008', period: '2008', dimensions: {} },
    { column: '2009', period: '2009', dimensions: {} },
  ],
  optionMaps: {},
  skipRows: [],
};

const PREVIEW: ImportPreview = {
  fileName: 'table1.csv',
  format: 'csv',
  headers: ['Country', '2008', '2009'],
  rows: [
    ['Cambodia', '12', 'N/A'],
    ['Thailand', '529', '300'],
  ],
  totalRows: 2,
  sheets: [],
  sheet: null,
  detectedLayout: 'wide',
  suggestedMapping: WIDE,
  matchingMappings: [],
};

function job(over: Partial<ImportJobView>): ImportJobView {
  return {
    id: '00000000-0000-4000-8000-0000000000i1',
    status: 'Validating',
    fileName: 'table1.csv',
    format: 'csv',
    progress: { processed: 0, total: 4 },
    inserted: 0,
    updated: 0,
    unchanged: 0,
    errors: [],
    errorCount: 0,
    createdAt: '2026-12-01T00:00:00Z',
    finishedAt: null,
    ...over,
  };
}

function render(finished: ImportJobView, preview: ImportPreview = PREVIEW) {
  const calls = stubApi([
    { method: 'POST', path: /^\/api\/statistics\/imports\/preview$/, reply: () => preview },
    {
      method: 'POST',
      path: /^\/api\/statistics\/imports$/,
      reply: () => ({ status: 202, body: job({}) }),
    },
    { method: 'GET', path: /^\/api\/statistics\/imports\/[\w-]+$/, reply: () => finished },
    { method: 'GET', path: /^\/api\/statistics\/mappings$/, reply: () => ({ items: [] }) },
    {
      method: 'POST',
      path: /^\/api\/statistics\/mappings$/,
      reply: () => ({
        id: '00000000-0000-4000-8000-0000000000m1',
        name: 'Table 1',
        layout: 'wide',
        mapping: WIDE,
        createdAt: '2026-12-01T00:00:00Z',
        updatedAt: '2026-12-01T00:00:00Z',
      }),
    },
    { method: 'GET', path: /^\/api\/statistics\/elements$/, reply: () => ({ items: [] }) },
    { method: 'GET', path: /^\/api\/statistics\/sources$/, reply: () => ({ items: [] }) },
  ]);
  const queryClient = testQueryClient();
  withSession(queryClient);
  const result = renderWithProviders(<StatImportPage />, { queryClient });
  return { ...result, calls };
}

async function uploadAndMap(container: HTMLElement) {
  const input = container.querySelector('input[type="file"]') as HTMLInputElement;
  const file = new File(['Country,2008,2009\nCambodia,12,N/A\nThailand,529,300\n'], 'table1.csv', {
    type: 'text/csv',
  });
  fireEvent.change(input, { target: { files: [file] } });
  fireEvent.click(screen.getByTestId('to-preview'));
  const table = await screen.findByTestId('preview-table');
  expect(table.textContent).toContain('Cambodia');
  expect(table.textContent).toContain('N/A');
  expect(screen.getByTestId('preview-summary').textContent).toContain('2');
  fireEvent.click(screen.getByTestId('to-mapping'));
  await screen.findByTestId('wide-columns');
}

describe(StatImportPage.name, () => {
  it('uploads, previews, maps, imports, and shows the row-level error report (nothing written)', async () => {
    const { container, calls } = render(
      job({
        status: 'Failed',
        progress: { processed: 4, total: 4 },
        errorCount: 1,
        errors: [
          {
            row: 2,
            column: '2009',
            field: 'value',
            code: 'bad_value',
            message: 'not a number or a status text',
          },
        ],
        finishedAt: '2026-12-01T00:00:01Z',
      }),
    );
    await uploadAndMap(container);
    // The wide value columns of the suggested mapping are ticked.
    expect(
      (screen.getByRole('checkbox', { name: '2008 holds values' }) as HTMLInputElement).checked,
    ).toBe(true);
    fireEvent.click(screen.getByTestId('start-import'));
    const report = await screen.findByTestId('import-errors');
    expect(report.textContent).toContain('2009');
    expect(report.textContent).toContain('Not a number or a known status text');
    expect(report.textContent).toContain('not a number or a status text');
    expect(screen.getByTestId('import-failed').textContent).toContain('Nothing was written');

    const preview = calls.find((c) => c.url === '/api/statistics/imports/preview');
    // Uploads are JSON with the file base64-encoded (ImportUploadSchema).
    const text = 'Country,2008,2009\nCambodia,12,N/A\nThailand,529,300\n';
    expect(preview?.body).toEqual({
      fileName: 'table1.csv',
      format: 'csv',
      contentBase64: btoa(text),
    });
    const start = calls.find((c) => c.method === 'POST' && c.url === '/api/statistics/imports');
    expect(start?.body).toEqual({
      fileName: 'table1.csv',
      format: 'csv',
      contentBase64: btoa(text),
      mapping: WIDE,
    });
  });

  it('saves the mapping for reuse and reports the counts of a finished import', async () => {
    const { container, calls } = render(
      job({
        status: 'Done',
        progress: { processed: 4, total: 4 },
        inserted: 3,
        updated: 0,
        unchanged: 1,
        finishedAt: '2026-12-01T00:00:01Z',
      }),
    );
    await uploadAndMap(container);
    fireEvent.change(screen.getByRole('textbox', { name: 'Name of the mapping' }), {
      target: { value: 'Table 1' },
    });
    fireEvent.click(screen.getByTestId('save-mapping'));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.url === '/api/statistics/mappings')).toBe(
        true,
      ),
    );
    expect(
      calls.find((c) => c.url === '/api/statistics/mappings' && c.method === 'POST')?.body,
    ).toEqual({
      name: 'Table 1',
      mapping: WIDE,
    });
    fireEvent.click(screen.getByTestId('start-import'));
    const done = await screen.findByTestId('import-done');
    expect(done.textContent).toContain('New values: 3');
    expect(done.textContent).toContain('unchanged: 1');
  });

  it('does not start while a wide mapping has no value column', async () => {
    const { container, calls } = render(job({}), {
      ...PREVIEW,
      suggestedMapping: { ...WIDE, columns: [] } as unknown as ColumnMapping,
    });
    await uploadAndMap(container);
    fireEvent.click(screen.getByTestId('start-import'));
    expect(await screen.findByText('Tick at least one value column.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST' && c.url === '/api/statistics/imports')).toBe(
      false,
    );
  });
});
