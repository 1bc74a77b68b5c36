import {
  can,
  cubeConstraints,
  type Disaggregation,
  DomainError,
  disaggregationKey,
  type ImportFormat,
  parsePeriod,
  STAT_DIMENSIONS,
  STAT_EXPORT_COLUMNS,
  type StatExportQuery,
  StatExportQuerySchema,
  suppressCells,
  widestScope,
} from '@ctip/domain';
import type { z } from 'zod';
import { appendAuditEventNow } from '../../audit/append-audit-event';
import { auditEvent, authorize, denyAccess } from '../../common/access';
import { writeCsv, writeXlsx } from '../../common/spreadsheet';
import type { AuthContext, ServiceContext } from '../../context';
import { loadDisclosureSettings } from '../core/settings';
import { periodIdToAdx, STAT_FILE_MEDIA_TYPES, writeAdx } from './files';

export type StatExportFile = {
  fileName: string;
  mediaType: string;
  body: Buffer;
  exported: number;
  suppressed: number;
  internal: boolean;
};

type ExportRow = {
  data_element: string;
  country: string;
  province: string;
  period: string;
  period_type: string;
  status: string;
  value: number | null;
  dims: Disaggregation;
};

/**
 * Export raw values (long layout) as CSV, XLSX or ADX. By default disclosure-controlled: per block
 * (element, unit, period) the cube's part–whole constraints and suppressCells, suppressed cells
 * written as status Suppressed with no number. `internal` (unsuppressed) needs
 * statistic_internal:read for every country exported. Audited (statistics.export, counts only).
 * @throws FORBIDDEN without statistic:export for the country (audited), INVALID_INPUT
 */
export async function exportStatValues(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: z.input<typeof StatExportQuerySchema>;
}): Promise<StatExportFile> {
  const { ctx, auth } = args;
  const parsed = StatExportQuerySchema.safeParse(args.query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'query');
    throw new DomainError('INVALID_INPUT', `${field}: ${issue?.message ?? 'invalid'}`, { field });
  }
  const q: StatExportQuery = parsed.data;
  const from = q.periodFrom ? parsePeriod(q.periodFrom) : null;
  const to = q.periodTo ? parsePeriod(q.periodTo) : null;
  if (q.periodFrom && !from) {
    throw new DomainError('INVALID_INPUT', 'periodFrom: not a period', { field: 'periodFrom' });
  }
  if (q.periodTo && !to) {
    throw new DomainError('INVALID_INPUT', 'periodTo: not a period', { field: 'periodTo' });
  }
  // Scope: a country-scoped exporter exports its own country only.
  await authorize(ctx, auth, 'export', 'statistic');
  const scope = widestScope(auth.actor, 'export', 'statistic');
  const country = q.country ?? (scope === 'region' ? null : auth.actor.countryCode);
  if (country !== null && !can(auth.actor, 'export', 'statistic', { countryCode: country })) {
    await denyAccess(ctx, auth, 'export', 'statistic', country);
  }
  const internal = q.internal === 'true';
  if (internal) {
    const ok =
      country === null
        ? widestScope(auth.actor, 'read', 'statistic_internal') === 'region'
        : can(auth.actor, 'read', 'statistic_internal', { countryCode: country });
    if (!ok) {
      await denyAccess(ctx, auth, 'read', 'statistic_internal', country);
    }
  }
  let elements: string[];
  let dataSet = q.dataSet ?? null;
  if (q.dataSet) {
    const members = await ctx.db
      .selectFrom('stat_data_set_element')
      .select('data_element')
      .where('data_set', '=', q.dataSet)
      .orderBy('sort')
      .execute();
    if (members.length === 0) {
      throw new DomainError('INVALID_INPUT', 'dataSet: unknown data set', { field: 'dataSet' });
    }
    elements = members.map((m) => m.data_element);
    if (q.dataElement) {
      elements = elements.filter((e) => e === q.dataElement);
    }
  } else {
    const el = await ctx.db
      .selectFrom('stat_data_element')
      .select('code')
      .where('code', '=', q.dataElement as string)
      .executeTakeFirst();
    if (!el) {
      throw new DomainError('INVALID_INPUT', 'dataElement: unknown data element', {
        field: 'dataElement',
      });
    }
    elements = [el.code];
    const set = await ctx.db
      .selectFrom('stat_data_set_element')
      .select('data_set')
      .where('data_element', '=', el.code)
      .executeTakeFirst();
    dataSet = set?.data_set ?? el.code;
  }
  let query = ctx.db
    .selectFrom('stat_value')
    .select([
      'data_element',
      'country',
      'province',
      'period',
      'period_type',
      'status',
      'value',
      ...STAT_DIMENSIONS,
    ])
    .where('data_element', 'in', elements.length > 0 ? elements : ['\u0000']);
  if (country !== null) {
    query = query.where('country', '=', country);
  }
  const raw = await query
    .orderBy('data_element')
    .orderBy('country')
    .orderBy('period')
    .orderBy('province')
    .orderBy('id')
    .execute();
  const rows: ExportRow[] = [];
  for (const r of raw) {
    const p = parsePeriod(r.period);
    if ((from && (!p || p.startDate < from.startDate)) || (to && (!p || p.endDate > to.endDate))) {
      continue;
    }
    const dims: Disaggregation = {};
    for (const d of STAT_DIMENSIONS) {
      const v = (r as unknown as Record<string, string>)[d];
      if (v) {
        dims[d] = v;
      }
    }
    rows.push({ ...r, dims });
  }
  // Disclosure control per block.
  const suppressedIdx = new Set<number>();
  if (!internal) {
    const settings = await loadDisclosureSettings(ctx.db);
    const blocks = new Map<string, number[]>();
    rows.forEach((r, i) => {
      const k = `${r.data_element}|${r.country}|${r.province}|${r.period}`;
      const list = blocks.get(k) ?? [];
      list.push(i);
      blocks.set(k, list);
    });
    for (const idx of blocks.values()) {
      const cells = idx.map((i) => ({ key: disaggregationKey((rows[i] as ExportRow).dims), i }));
      const values = new Map<string, number | null>(
        cells.map((c) => {
          const r = rows[c.i] as ExportRow;
          return [c.key, r.status === 'Reported' ? r.value : null];
        }),
      );
      const { primary, secondary } = suppressCells(
        values,
        cubeConstraints(
          cells.map((c) => ({ key: c.key, disaggregation: (rows[c.i] as ExportRow).dims })),
        ),
        settings,
        // A part withheld by the publisher is unknown yet inside the stored (printed) totals.
        new Set(
          cells
            .filter((c) => (rows[c.i] as ExportRow).status === 'SuppressedAtSource')
            .map((c) => c.key),
        ),
      );
      for (const c of cells) {
        if (primary.has(c.key) || secondary.has(c.key)) {
          suppressedIdx.add(c.i);
        }
      }
    }
  }
  const shown = rows.map((r, i) =>
    suppressedIdx.has(i) ? { ...r, status: 'Suppressed', value: null } : r,
  );
  const base = `statistics-${dataSet ?? 'values'}-${country ?? 'all'}${internal ? '-internal' : ''}`;
  const format: ImportFormat = q.format;
  let body: Buffer;
  if (format === 'adx') {
    const groups = new Map<
      string,
      {
        dataSet: string;
        period: string;
        orgUnit: string;
        values: { dataElement: string; attributes: Record<string, string>; value: string | null }[];
      }
    >();
    for (const r of shown) {
      const p = parsePeriod(r.period);
      const period = p ? periodIdToAdx(r.period, p.startDate, p.type) : r.period;
      const k = `${r.country}|${r.period}`;
      let g = groups.get(k);
      if (!g) {
        g = { dataSet: dataSet ?? '', period, orgUnit: r.country, values: [] };
        groups.set(k, g);
      }
      const attributes: Record<string, string> = { ...(r.dims as Record<string, string>) };
      if (r.province) {
        attributes.province = r.province;
      }
      if (r.status !== 'Reported') {
        attributes.status = r.status;
      }
      g.values.push({
        dataElement: r.data_element,
        attributes,
        value: r.value === null ? null : String(r.value),
      });
    }
    body = writeAdx([...groups.values()], ctx.now());
  } else {
    const table = shown.map((r) => [
      r.data_element,
      r.country,
      r.province,
      r.period,
      ...STAT_DIMENSIONS.map((d) => r.dims[d] ?? ''),
      r.status,
      r.value === null ? '' : String(r.value),
    ]);
    body =
      format === 'csv'
        ? writeCsv(STAT_EXPORT_COLUMNS, table)
        : await writeXlsx(
            STAT_EXPORT_COLUMNS,
            table,
            [
              ['values', table.length],
              ['suppressed', suppressedIdx.size],
              ['internal', internal ? 'yes (unsuppressed internal figures)' : 'no'],
            ],
            'values',
          );
  }
  await appendAuditEventNow(
    ctx.db,
    auditEvent(
      auth,
      'statistics.export',
      { type: 'stat_data_set', id: dataSet },
      {
        format,
        country,
        values: shown.length,
        suppressed: suppressedIdx.size,
        internal,
      },
    ),
    ctx.now(),
  );
  return {
    fileName: `${base}.${format === 'adx' ? 'adx.xml' : format}`,
    mediaType: STAT_FILE_MEDIA_TYPES[format],
    body,
    exported: shown.length,
    suppressed: suppressedIdx.size,
    internal,
  };
}
