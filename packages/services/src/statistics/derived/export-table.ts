import { appendAuditEventNow } from '../../audit/append-audit-event';
import { auditEvent, authorize } from '../../common/access';
import type { AuthContext, ServiceContext } from '../../context';
import { queryStatTable } from './query-table';
import { statTableCsv, statTableFileName, statTableXlsx } from './table-file';

/**
 * The table of a query as a CSV or XLSX download, exactly as shown (disclosure-controlled unless
 * internal), with the disclosure note and the sources under it. Needs statistic:export besides
 * the read; audited `statistics.export`.
 * @param lang - language of the labels and notes (one of the seven; default English)
 * @throws INVALID_INPUT, FORBIDDEN (audited)
 */
export async function exportStatTable(
  ctx: ServiceContext,
  auth: AuthContext,
  query: unknown,
  format: 'csv' | 'xlsx',
  lang?: string,
): Promise<{ content: Buffer; fileName: string; mediaType: string }> {
  await authorize(ctx, auth, 'export', 'statistic');
  const table = await queryStatTable(ctx, auth, query);
  const content = format === 'csv' ? statTableCsv(table, lang) : await statTableXlsx(table, lang);
  await appendAuditEventNow(
    ctx.db,
    auditEvent(
      auth,
      'statistics.export',
      { type: 'statistic', id: null },
      {
        view: 'table',
        format,
        source: table.query.source,
        dataElement: table.query.dataElement ?? null,
        indicator: table.query.indicator ?? null,
        internal: table.disclosure.internal,
      },
    ),
    ctx.now(),
  );
  return {
    content,
    fileName: statTableFileName(table, format),
    mediaType:
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}
