import type { Database } from '@ctip/db';
import {
  can,
  type DataElementInput,
  DataElementInputSchema,
  type DataElementUpdateInput,
  DataElementUpdateInputSchema,
  type IndicatorInput,
  IndicatorInputSchema,
  IndicatorSyntaxError,
  type IndicatorUpdateInput,
  IndicatorUpdateInputSchema,
  indicatorElements,
  parseIndicator,
  RuleUpdateInputSchema,
  STAT_DIMENSIONS,
  type StatDataElementView,
  type StatDataSetView,
  type StatDimension,
  type StatIndicatorView,
  type StatRuleView,
  type StatSourceView,
} from '@ctip/domain';
import type { Selectable, Updateable } from 'kysely';
import { appendAuditEvent } from '../../audit/append-audit-event';
import { auditEvent, authorize, denyAccess } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import { invalid, jsonValue, notFound, type Reader, type Trx } from './common';
import { revalidateAllStatistics } from './revalidate';

type Args = { ctx: ServiceContext; auth: AuthContext };

function presentElement(r: Selectable<Database['stat_data_element']>): StatDataElementView {
  return {
    code: r.code,
    group: r.element_group,
    valueType: r.value_type,
    unit: r.unit,
    dimensions: jsonValue<StatDimension[]>(r.dimensions, []),
    caseDerived: r.case_derived,
    name: r.name,
    description: r.description,
    isBuiltIn: r.is_built_in,
  };
}

function presentIndicator(r: Selectable<Database['stat_indicator']>): StatIndicatorView {
  return {
    code: r.code,
    name: r.name,
    expression: r.expression,
    unit: r.unit,
    decimals: Number(r.decimals),
    isBuiltIn: r.is_built_in,
  };
}

function presentRule(r: Selectable<Database['stat_validation_rule']>): StatRuleView {
  return {
    code: r.code,
    kind: r.kind,
    dataElement: r.data_element,
    params: jsonValue<Record<string, unknown>>(r.params, {}),
    isEnabled: r.is_enabled,
    isBuiltIn: r.is_built_in,
  };
}

/**
 * Who may change definitions: they are shared by every country of the node (and, through the
 * regional push, the region), so a country-scoped grant is not enough. Allowed: statistic:update
 * at region scope, or the node administrator (settings:update). Refusals are audited.
 */
async function authorizeMetadataWrite(ctx: ServiceContext, auth: AuthContext, target: string) {
  const regional = can(auth.actor, 'update', 'statistic', { countryCode: null });
  if (regional || can(auth.actor, 'update', 'settings')) {
    return;
  }
  await denyAccess(ctx, auth, 'update', 'statistic', target);
}

// ---- Lists (statistic:read at any scope: definitions hold no figures) ----

export async function listDataElements({ ctx, auth }: Args): Promise<StatDataElementView[]> {
  await authorize(ctx, auth, 'read', 'statistic');
  const rows = await ctx.db
    .selectFrom('stat_data_element')
    .selectAll()
    .orderBy('element_group')
    .orderBy('code')
    .execute();
  return rows.map(presentElement);
}

export async function listDataSets({ ctx, auth }: Args): Promise<StatDataSetView[]> {
  await authorize(ctx, auth, 'read', 'statistic');
  const [sets, elements] = await Promise.all([
    ctx.db.selectFrom('stat_data_set').selectAll().orderBy('code').execute(),
    ctx.db
      .selectFrom('stat_data_set_element')
      .selectAll()
      .orderBy('data_set')
      .orderBy('sort')
      .orderBy('data_element')
      .execute(),
  ]);
  return sets.map((s) => ({
    code: s.code,
    periodType: s.period_type,
    name: s.name,
    isBuiltIn: s.is_built_in,
    elements: elements
      .filter((e) => e.data_set === s.code)
      .map((e) => ({
        dataElement: e.data_element,
        formDimensions: jsonValue<StatDimension[]>(e.form_dimensions, []),
        sort: Number(e.sort),
      })),
  }));
}

export async function listIndicators({ ctx, auth }: Args): Promise<StatIndicatorView[]> {
  await authorize(ctx, auth, 'read', 'statistic');
  const rows = await ctx.db.selectFrom('stat_indicator').selectAll().orderBy('code').execute();
  return rows.map(presentIndicator);
}

export async function listValidationRules({ ctx, auth }: Args): Promise<StatRuleView[]> {
  await authorize(ctx, auth, 'read', 'statistic');
  const rows = await ctx.db
    .selectFrom('stat_validation_rule')
    .selectAll()
    .orderBy('code')
    .execute();
  return rows.map(presentRule);
}

export async function listSources({ ctx, auth }: Args): Promise<StatSourceView[]> {
  await authorize(ctx, auth, 'read', 'statistic');
  const rows = await ctx.db.selectFrom('stat_source').selectAll().orderBy('code').execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    citation: r.citation,
    publisher: r.publisher,
    seedFile: r.seed_file,
  }));
}

// ---- Data elements ----

function checkDimensions(dims: readonly StatDimension[], field: string): void {
  if (new Set(dims).size !== dims.length) {
    throw invalid(field, 'lists a dimension twice');
  }
}

/** Dimensions in STAT_DIMENSIONS order. */
function ordered(dims: readonly StatDimension[]): StatDimension[] {
  return STAT_DIMENSIONS.filter((d) => dims.includes(d));
}

/**
 * Define a data element (code UPPER_SNAKE, dimensions from STAT_DIMENSIONS); with `dataSet`, add it
 * to that data set's entry form.
 * @throws INVALID_INPUT (field named), CONFLICT (code taken), FORBIDDEN (audited)
 */
export async function createDataElement(
  args: Args & { input: DataElementInput },
): Promise<StatDataElementView> {
  const { ctx, auth } = args;
  const input = parseInput(DataElementInputSchema, args.input);
  checkDimensions(input.dimensions, 'dimensions');
  await authorizeMetadataWrite(ctx, auth, input.code);
  if (input.dataSet) {
    const set = await ctx.db
      .selectFrom('stat_data_set')
      .select('code')
      .where('code', '=', input.dataSet)
      .executeTakeFirst();
    if (!set) {
      throw invalid('dataSet', 'no such data set');
    }
  }
  const dims = ordered(input.dimensions);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('stat_data_element')
      .select('code')
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (taken) {
      throw invalid('code', 'is already used by another data element');
    }
    await trx
      .insertInto('stat_data_element')
      .values({
        code: input.code,
        element_group: input.group,
        value_type: input.valueType,
        unit: input.unit,
        dimensions: JSON.stringify(dims),
        case_derived: false,
        name: input.name,
        description: input.description ?? null,
        is_built_in: false,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (input.dataSet) {
      const last = await trx
        .selectFrom('stat_data_set_element')
        .select((eb) => eb.fn.max('sort').as('sort'))
        .where('data_set', '=', input.dataSet)
        .executeTakeFirst();
      await trx
        .insertInto('stat_data_set_element')
        .values({
          data_set: input.dataSet,
          data_element: input.code,
          form_dimensions: JSON.stringify(dims),
          sort: Number(last?.sort ?? -1) + 1,
        })
        .execute();
    }
    await auditDefinitionChange(
      trx,
      auth,
      { type: 'stat_data_element', id: input.code },
      { change: 'create', dimensions: dims, dataSet: input.dataSet ?? null },
      now,
    );
  });
  return loadElementView(ctx.db, input.code);
}

/** Audit a change of the statistics definitions (element, indicator, rule) in its transaction. */
function auditDefinitionChange(
  trx: Trx,
  auth: AuthContext,
  target: { type: string; id: string },
  details: Record<string, unknown>,
  now: Date,
): Promise<unknown> {
  return appendAuditEvent(
    trx,
    auditEvent(auth, 'statistics.metadata_update', target, details),
    now,
  );
}

async function loadElementView(db: Reader, code: string): Promise<StatDataElementView> {
  const row = await db
    .selectFrom('stat_data_element')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) {
    throw notFound('data element');
  }
  return presentElement(row);
}

/**
 * Change a data element. A built-in element takes only a new name and description (its shape is
 * the domain's); a dimension still used by stored values or by a data set's form cannot be removed.
 * @throws INVALID_INPUT (field named), NOT_FOUND, FORBIDDEN (audited)
 */
export async function updateDataElement(
  args: Args & { code: string; input: DataElementUpdateInput },
): Promise<StatDataElementView> {
  const { ctx, auth, code } = args;
  const input = parseInput(DataElementUpdateInputSchema, args.input);
  if (input.dimensions) {
    checkDimensions(input.dimensions, 'dimensions');
  }
  const row = await ctx.db
    .selectFrom('stat_data_element')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) {
    throw notFound('data element');
  }
  await authorizeMetadataWrite(ctx, auth, code);
  if (row.is_built_in) {
    for (const f of ['group', 'valueType', 'unit', 'dimensions'] as const) {
      if (input[f] !== undefined) {
        throw invalid(f, 'is fixed for a built-in data element');
      }
    }
  }
  const set: Updateable<Database['stat_data_element']> = {};
  if (input.group !== undefined) {
    set.element_group = input.group;
  }
  if (input.valueType !== undefined) {
    set.value_type = input.valueType;
  }
  if (input.unit !== undefined) {
    set.unit = input.unit;
  }
  if (input.name !== undefined) {
    set.name = input.name;
  }
  if (input.description !== undefined) {
    set.description = input.description;
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (input.dimensions) {
      const dims = ordered(input.dimensions);
      const removed = jsonValue<StatDimension[]>(row.dimensions, []).filter(
        (d) => !dims.includes(d),
      );
      for (const d of removed) {
        const used = await trx
          .selectFrom('stat_value')
          .select('id')
          .where('data_element', '=', code)
          .where(d, '!=', '')
          .limit(1)
          .executeTakeFirst();
        if (used) {
          throw invalid('dimensions', `stored values are broken down by ${d}`);
        }
      }
      await dropFormDimensions(trx, code, removed);
      set.dimensions = JSON.stringify(dims);
    }
    await trx
      .updateTable('stat_data_element')
      .set({ ...set, updated_at: now })
      .where('code', '=', code)
      .execute();
    await auditDefinitionChange(
      trx,
      auth,
      { type: 'stat_data_element', id: code },
      { change: 'update', fields: Object.keys(input) },
      now,
    );
  });
  return loadElementView(ctx.db, code);
}

async function dropFormDimensions(trx: Trx, code: string, removed: StatDimension[]) {
  if (removed.length === 0) {
    return;
  }
  const forms = await trx
    .selectFrom('stat_data_set_element')
    .selectAll()
    .where('data_element', '=', code)
    .execute();
  for (const f of forms) {
    const dims = jsonValue<StatDimension[]>(f.form_dimensions, []);
    const kept = dims.filter((d) => !removed.includes(d));
    if (kept.length !== dims.length) {
      await trx
        .updateTable('stat_data_set_element')
        .set({ form_dimensions: JSON.stringify(kept) })
        .where('data_set', '=', f.data_set)
        .where('data_element', '=', code)
        .execute();
    }
  }
}

// ---- Indicators ----

/** Parse an expression and check that every element it names exists. */
async function checkExpression(db: Reader, expression: string): Promise<string[]> {
  let codes: string[];
  try {
    codes = indicatorElements(parseIndicator(expression));
  } catch (err) {
    if (err instanceof IndicatorSyntaxError) {
      throw invalid('expression', `${err.message} (at character ${err.position + 1})`);
    }
    throw err;
  }
  if (codes.length > 0) {
    const found = await db
      .selectFrom('stat_data_element')
      .select('code')
      .where('code', 'in', codes)
      .execute();
    const have = new Set(found.map((f) => f.code));
    const unknown = codes.find((c) => !have.has(c));
    if (unknown) {
      throw invalid('expression', `no data element ${unknown}`);
    }
  }
  return codes;
}

/**
 * Define an indicator: an expression over data elements (syntax and element codes checked).
 * @throws INVALID_INPUT (field `expression` for a syntax error or an unknown element), FORBIDDEN
 */
export async function createIndicator(
  args: Args & { input: IndicatorInput },
): Promise<StatIndicatorView> {
  const { ctx, auth } = args;
  const input = parseInput(IndicatorInputSchema, args.input);
  await authorizeMetadataWrite(ctx, auth, input.code);
  const elements = await checkExpression(ctx.db, input.expression);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('stat_indicator')
      .select('code')
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (taken) {
      throw invalid('code', 'is already used by another indicator');
    }
    await trx
      .insertInto('stat_indicator')
      .values({
        code: input.code,
        name: input.name,
        expression: input.expression,
        unit: input.unit,
        decimals: input.decimals,
        is_built_in: false,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await auditDefinitionChange(
      trx,
      auth,
      { type: 'stat_indicator', id: input.code },
      { change: 'create', elements },
      now,
    );
  });
  return loadIndicatorView(ctx.db, input.code);
}

async function loadIndicatorView(db: Reader, code: string): Promise<StatIndicatorView> {
  const row = await db
    .selectFrom('stat_indicator')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) {
    throw notFound('indicator');
  }
  return presentIndicator(row);
}

/**
 * Change an indicator. A built-in indicator (SDG 16.2.2…) takes only a new name and decimals.
 * @throws INVALID_INPUT (field named), NOT_FOUND, FORBIDDEN (audited)
 */
export async function updateIndicator(
  args: Args & { code: string; input: IndicatorUpdateInput },
): Promise<StatIndicatorView> {
  const { ctx, auth, code } = args;
  const input = parseInput(IndicatorUpdateInputSchema, args.input);
  const row = await ctx.db
    .selectFrom('stat_indicator')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) {
    throw notFound('indicator');
  }
  await authorizeMetadataWrite(ctx, auth, code);
  if (row.is_built_in) {
    for (const f of ['expression', 'unit'] as const) {
      if (input[f] !== undefined) {
        throw invalid(f, 'is fixed for a built-in indicator');
      }
    }
  }
  if (input.expression !== undefined) {
    await checkExpression(ctx.db, input.expression);
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('stat_indicator')
      .set({ ...input, updated_at: now })
      .where('code', '=', code)
      .execute();
    await auditDefinitionChange(
      trx,
      auth,
      { type: 'stat_indicator', id: code },
      { change: 'update', fields: Object.keys(input) },
      now,
    );
  });
  return loadIndicatorView(ctx.db, code);
}

// ---- Validation rules ----

/**
 * Enable or disable a validation rule. Disabling resolves the rule's unresolved findings at once;
 * enabling re-runs validation over all stored values (so its findings appear).
 * @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN (audited)
 */
export async function setRuleEnabled(
  args: Args & { code: string; input: { isEnabled: boolean } },
): Promise<StatRuleView> {
  const { ctx, auth, code } = args;
  const input = parseInput(RuleUpdateInputSchema, args.input);
  const row = await ctx.db
    .selectFrom('stat_validation_rule')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) {
    throw notFound('validation rule');
  }
  await authorizeMetadataWrite(ctx, auth, code);
  const now = ctx.now();
  if (row.is_enabled !== input.isEnabled) {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('stat_validation_rule')
        .set({ is_enabled: input.isEnabled })
        .where('code', '=', code)
        .execute();
      if (!input.isEnabled) {
        await trx
          .updateTable('stat_violation')
          .set({ status: 'Resolved', resolved_at: now })
          .where('rule_code', '=', code)
          .where('status', '!=', 'Resolved')
          .execute();
      }
      await auditDefinitionChange(
        trx,
        auth,
        { type: 'stat_validation_rule', id: code },
        { change: input.isEnabled ? 'enable' : 'disable' },
        now,
      );
    });
    if (input.isEnabled) {
      await revalidateAllStatistics(ctx.db, now);
    }
  }
  const after = await ctx.db
    .selectFrom('stat_validation_rule')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return presentRule(after);
}
