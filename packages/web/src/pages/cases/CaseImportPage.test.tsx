import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { CaseImportPage, csvHeaderCells } from './CaseImportPage';

describe(csvHeaderCells.name, () => {
  it('splits a header line on commas or semicolons and drops quotes and the BOM', () => {
    expect(csvHeaderCells('\uFEFFprs_Gender,"cas_Status"\r')).toEqual(['prs_Gender', 'cas_Status']);
    expect(csvHeaderCells('prs_Gender;vic_FormOfExploitation')).toEqual([
      'prs_Gender',
      'vic_FormOfExploitation',
    ]);
  });
});

describe(CaseImportPage.name, () => {
  it('previews the columns, starts the job and shows its row/column error report', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${url}`);
      const job = {
        id: '00000000-0000-4000-8000-000000000001',
        format: 'csv',
        total: 2,
        processed: 2,
        inserted: 0,
        failure: null,
        createdAt: '2026-12-01T00:00:00Z',
        finishedAt: null,
      };
      const body =
        init?.method === 'POST'
          ? { ...job, status: 'queued', errorCount: 0, errors: [] }
          : {
              ...job,
              status: 'failed',
              errorCount: 1,
              errors: [{ row: 3, column: 'prs_Gender', message: 'is not a value of the picklist' }],
            };
      return new Response(JSON.stringify(body), { status: init?.method === 'POST' ? 202 : 200 });
    });
    const { container } = renderWithProviders(<CaseImportPage />);
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    const file = new File(['prs_Gender,foo,cas_Code\nFemale,x,\nRobot,y,\n'], 'cases.csv', {
      type: 'text/csv',
    });
    fireEvent.change(input, { target: { files: [file] } });
    const preview = await screen.findByTestId('column-preview');
    expect(preview.textContent).toContain('prs_Gender');
    expect(preview.textContent).toContain('HTCDS column');
    expect(preview.textContent).toContain('Ignored');
    fireEvent.click(screen.getByRole('button', { name: 'Start import' }));
    const report = await screen.findByTestId('import-errors');
    expect(report.textContent).toContain('3');
    expect(report.textContent).toContain('prs_Gender');
    expect(report.textContent).toContain('is not a value of the list');
    expect(screen.getByTestId('import-failed').textContent).toContain('Nothing was imported');
    await waitFor(() => expect(calls[0]).toBe('POST /api/cases/import'));
  });
});
