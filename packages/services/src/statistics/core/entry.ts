import {
  can,
  type DataEntryForm,
  DataEntryFormQuerySchema,
  type DataEntrySaveInput,
  DataEntrySaveInputSchema,
  DIMENSION_OPTIONS,
  type Disaggregation,
  dimensionAllows,
  disaggregationKey,
  type StatDimension,
  type StatValueStatus,
  TOTAL,
} from '@ctip/domain';
import { appendAuditEvent } from '../../audit/append-audit-event';
import { auditEvent, denyAccess } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import {
  authorizeCountry,
  canOnCountry,
  conflict,
  countryExists,
  type DataSetWithElements,
  dimensionColumns,
  disaggregationOfRow,
  invalid,
  jsonValue,
  loadDataSet,
  periodProblem,
  presentApproval,
  presentViolation,
  type Reader,
  selectViolations,
} from './common';
import { type RevalidateBlock, revalidateBlocks } from './revalidate';
import { loadFiscalStartMonth } from './settings';

type FormKey = { dataSet: string; country: string; period: string };

/** Load the data set and check the country and period of a form (fields named). */
async function loadFormTarget(
  db: Reader,
  key: FormKey,
): Promise<{ set: DataSetWithElements; fiscalStartMonth: number }> {
  const set = await loadDataSet(db, key.dataSet);
  if (!set) {
    throw invalid('dataSet', 'no such data set');
  }
  if (!(await countryExists(db, key.country))) {
    throw invalid('country', 'is not a known country');
  }
  const fiscalStartMonth = await loadFiscalStartMonth(db, key.country);
  const problem = periodProblem(key.period, set.periodType, fiscalStartMonth);
  if (problem) {
    throw invalid('period', problem);
  }
  return { set, fiscalStartMonth };
}

async function countryOptions(db: Reader): Promise<string[]> {
  const rows = await db
    .selectFrom('country')
    .select('code')
    .where('is_commit', '=', true)
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}

/** Build the form of a data set for a country and period, from the database (or a transaction). */
async function buildForm(
  db: Reader,
  set: DataSetWithElements,
  key: FormKey,
): Promise<DataEntryForm> {
  const codes = set.elements.map((e) => e.dataElement);
  const [approvalRow, valueRows, sources, violations, commit] = await Promise.all([
    db
      .selectFrom('stat_approval')
      .selectAll()
      .where('data_set', '=', set.code)
      .where('country', '=', key.country)
      .where('period', '=', key.period)
      .executeTakeFirst(),
    codes.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('stat_value')
          .selectAll()
          .where('data_element', 'in', codes)
          .where('country', '=', key.country)
          .where('province', '=', '')
          .where('period', '=', key.period)
          .orderBy('id')
          .execute(),
    db.selectFrom('stat_source').select(['id', 'code']).execute(),
    codes.length === 0
      ? Promise.resolve([])
      : selectViolations(db)
          .where('v.data_element', 'in', codes)
          .where('v.country', '=', key.country)
          .where('v.period', '=', key.period)
          .where('v.status', '!=', 'Resolved')
          .orderBy('v.data_element')
          .orderBy('v.rule_code')
          .orderBy('v.violation_key')
          .execute(),
    countryOptions(db),
  ]);
  const sourceCode = new Map(sources.map((s) => [s.id, s.code]));
  const approval = presentApproval(approvalRow, key);
  return {
    dataSet: set.code,
    periodType: set.periodType,
    country: key.country,
    period: key.period,
    approval,
    isLocked: approval.status === 'Approved',
    elements: set.elements.map((e) => {
      const options: Partial<Record<StatDimension, string[]>> = {};
      for (const dim of e.formDimensions) {
        options[dim] = [TOTAL, ...(DIMENSION_OPTIONS[dim] ?? commit)];
      }
      return {
        dataElement: e.dataElement,
        formDimensions: e.formDimensions,
        options,
        values: valueRows
          .filter((v) => v.data_element === e.dataElement)
          .map((v) => ({
            disaggregation: disaggregationOfRow(v),
            status: v.status as StatValueStatus,
            value: v.value === null ? null : Number(v.value),
            note: v.note,
            source: v.source_id ? (sourceCode.get(v.source_id) ?? null) : null,
          })),
      };
    }),
    openViolations: violations.map(presentViolation),
  };
}

/**
 * Who may open an entry form: whoever may change the country's statistics, or see its internal
 * (unsuppressed) figures — the form shows values as entered, before disclosure control.
 */
async function authorizeFormRead(ctx: ServiceContext, auth: AuthContext, country: string) {
  if (
    canOnCountry(auth.actor, 'update', country) ||
    can(auth.actor, 'read', 'statistic_internal', { countryCode: country })
  ) {
    return;
  }
  await denyAccess(ctx, auth, 'read', 'statistic', country);
}

/**
 * The entry form of a data set for a country and period: its elements, the options of each form
 * dimension (TOTAL first), the values entered, the approval state and the findings not yet
 * resolved (Open and Annotated) on those blocks.
 * @throws INVALID_INPUT (field named), FORBIDDEN (audited)
 */
export async function getDataEntryForm(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: FormKey;
}): Promise<DataEntryForm> {
  const { ctx, auth } = args;
  const key = parseInput(DataEntryFormQuerySchema, args.query);
  const { set } = await loadFormTarget(ctx.db, key);
  await authorizeFormRead(ctx, auth, key.country);
  return buildForm(ctx.db, set, key);
}

const dimensionsOf = (v: unknown): StatDimension[] => jsonValue<StatDimension[]>(v, []);

/**
 * Save values of an entry form. Every value is checked first (element of the data set, the form's
 * country and period, country-level, only the element's dimensions with allowed options, whole
 * numbers for Integer elements, one value per cell); any problem refuses the whole request with the
 * field named (`values.3.value`) and nothing written. A Missing or SuppressedAtSource value is
 * stored without a number, never as zero. Unchanged values are not rewritten; a changed value loses
 * its source citation (it is no longer the figure as printed). Validation rules re-run on the
 * touched blocks in the same transaction.
 * @throws INVALID_INPUT (field named), FORBIDDEN (audited), CONFLICT (the period is approved)
 */
export async function saveDataValues(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: DataEntrySaveInput;
}): Promise<DataEntryForm> {
  const { ctx, auth } = args;
  const input = parseInput(DataEntrySaveInputSchema, args.input);
  const key: FormKey = { dataSet: input.dataSet, country: input.country, period: input.period };
  const { set } = await loadFormTarget(ctx.db, key);
  await authorizeCountry(ctx, auth, 'update', input.country);

  const codes = set.elements.map((e) => e.dataElement);
  const elementRows =
    codes.length === 0
      ? []
      : await ctx.db
          .selectFrom('stat_data_element')
          .select(['code', 'dimensions', 'value_type'])
          .where('code', 'in', codes)
          .execute();
  const elements = new Map(elementRows.map((r) => [r.code, r]));
  const seen = new Set<string>();
  const cells = input.values.map((v, i) => {
    const at = `values.${i}`;
    const element = elements.get(v.dataElement);
    if (!element) {
      throw invalid(`${at}.dataElement`, `is not an element of data set ${set.code}`);
    }
    if (v.country !== input.country) {
      throw invalid(`${at}.country`, 'must be the form’s country');
    }
    if (v.period !== input.period) {
      throw invalid(`${at}.period`, 'must be the form’s period');
    }
    if (v.province !== '') {
      throw invalid(`${at}.province`, 'entry forms take country-level values only');
    }
    const allowed = dimensionsOf(element.dimensions);
    const disaggregation: Disaggregation = {};
    for (const dim of Object.keys(v.disaggregation) as StatDimension[]) {
      const option = v.disaggregation[dim] ?? TOTAL;
      if (option === TOTAL) {
        continue;
      }
      if (!allowed.includes(dim)) {
        throw invalid(`${at}.disaggregation.${dim}`, `${v.dataElement} is not broken down by it`);
      }
      if (!dimensionAllows(dim, option)) {
        throw invalid(`${at}.disaggregation.${dim}`, 'is not an option of this dimension');
      }
      disaggregation[dim] = option;
    }
    if (v.value !== null && element.value_type === 'Integer' && !Number.isInteger(v.value)) {
      throw invalid(`${at}.value`, 'must be a whole number');
    }
    const cellKey = `${v.dataElement}|${disaggregationKey(disaggregation)}`;
    if (seen.has(cellKey)) {
      throw invalid(at, 'names a cell already given earlier in the request');
    }
    seen.add(cellKey);
    return {
      dataElement: v.dataElement,
      disaggregation,
      status: v.status,
      value: v.status === 'Reported' ? v.value : null,
      note: v.note ?? null,
      cellKey,
    };
  });

  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const approval = await trx
      .selectFrom('stat_approval')
      .select('status')
      .where('data_set', '=', set.code)
      .where('country', '=', input.country)
      .where('period', '=', input.period)
      .executeTakeFirst();
    if (approval?.status === 'Approved') {
      throw conflict(
        'This data set is approved for the period: un-approve it before changing values',
      );
    }
    const touchedCodes = [...new Set(cells.map((c) => c.dataElement))];
    const existing =
      touchedCodes.length === 0
        ? []
        : await trx
            .selectFrom('stat_value')
            .selectAll()
            .where('data_element', 'in', touchedCodes)
            .where('country', '=', input.country)
            .where('province', '=', '')
            .where('period', '=', input.period)
            .execute();
    const byKey = new Map(
      existing.map((r) => [`${r.data_element}|${disaggregationKey(disaggregationOfRow(r))}`, r]),
    );
    let inserted = 0;
    let updated = 0;
    let unchanged = 0;
    const fresh: typeof cells = [];
    const touchedBlocks = new Set<string>();
    for (const c of cells) {
      const row = byKey.get(c.cellKey);
      if (!row) {
        fresh.push(c);
        touchedBlocks.add(c.dataElement);
        continue;
      }
      const same =
        row.status === c.status &&
        (row.value === null ? null : Number(row.value)) === c.value &&
        (row.note ?? null) === c.note;
      if (same) {
        unchanged += 1;
        continue;
      }
      await trx
        .updateTable('stat_value')
        .set({
          status: c.status,
          value: c.value,
          note: c.note,
          printed: null,
          source_id: null,
          import_id: null,
          period_type: set.periodType,
          updated_by: auth.actor.userId,
          updated_at: now,
        })
        .where('id', '=', row.id)
        .execute();
      updated += 1;
      touchedBlocks.add(c.dataElement);
    }
    for (let i = 0; i < fresh.length; i += 500) {
      await trx
        .insertInto('stat_value')
        .values(
          fresh.slice(i, i + 500).map((c) => ({
            data_element: c.dataElement,
            country: input.country,
            province: '',
            period: input.period,
            period_type: set.periodType,
            ...dimensionColumns(c.disaggregation),
            status: c.status,
            value: c.value,
            note: c.note,
            printed: null,
            source_id: null,
            import_id: null,
            updated_by: auth.actor.userId,
            updated_at: now,
          })),
        )
        .execute();
    }
    inserted = fresh.length;
    const blocks: RevalidateBlock[] = [...touchedBlocks].map((dataElement) => ({
      dataElement,
      country: input.country,
      period: input.period,
    }));
    const { open } = await revalidateBlocks(trx, blocks, now);
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'statistics.value_save',
        { type: 'stat_data_set', id: set.code },
        {
          dataSet: set.code,
          country: input.country,
          period: input.period,
          inserted,
          updated,
          unchanged,
          openViolations: open,
        },
      ),
      now,
    );
    return buildForm(trx, set, key);
  });
}
