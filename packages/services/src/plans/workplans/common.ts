import type { Database } from '@ctip/db';
import {
  type Action,
  frameworkYears,
  type NationalPlanView,
  type WorkplanActivityView,
  type WorkplanFrameworkActivity,
  type WorkplanStatus,
  type WorkplanSummary,
} from '@ctip/domain';
import type { Selectable } from 'kysely';
import { authorize } from '../../common/access';
import type { AuthContext, ServiceContext } from '../../context';
import { invalid, notFound, num, type Reader } from '../common';

export {
  countryExists,
  invalid,
  isUniqueViolation,
  notFound,
  num,
  planCountryFilter,
  type Reader,
  stale,
  type Trx,
} from '../common';

export type WorkplanRow = Selectable<Database['workplan']>;
export type ActivityRow = Selectable<Database['workplan_activity']>;

export function nationalPlanView(r: Selectable<Database['national_plan']>): NationalPlanView {
  return {
    id: r.id,
    countryCode: r.country_code.trim(),
    ordinal: r.ordinal,
    title: r.title,
    yearApproved: r.year_approved,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    scope: r.scope,
    statusNote: r.status_note,
    source: r.source,
    isSeeded: r.is_seeded,
    version: r.version,
  };
}

export function workplanSummary(
  r: WorkplanRow,
  activityCount: number,
  plannedUsd: number | null,
): WorkplanSummary {
  return {
    id: r.id,
    countryCode: r.country_code.trim(),
    frameworkId: r.framework_id,
    year: r.year,
    nationalPlanId: r.national_plan_id,
    title: r.title,
    status: r.status as WorkplanStatus,
    currency: r.currency.trim(),
    usdRate: num(r.usd_rate),
    isDemo: r.is_demo,
    activityCount,
    plannedUsd,
    version: r.version,
  };
}

export type FrameworkInfo = {
  id: string;
  title: string;
  years: { first: number; last: number };
};

/** The framework with its years (extension included), or null. */
export async function loadFramework(db: Reader, id: string): Promise<FrameworkInfo | null> {
  const f = await db
    .selectFrom('plan_framework')
    .select(['id', 'title', 'period_start', 'period_end', 'extended_to'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!f) {
    return null;
  }
  return {
    id: f.id,
    title: f.title,
    years: frameworkYears({
      periodStart: f.period_start,
      periodEnd: f.period_end,
      extendedTo: f.extended_to,
    }),
  };
}

/**
 * The activities of a framework, each with the area (or outcome) above it, in tree order. Read
 * straight from plan_node (the frameworks area owns the tree; this is a read-only view of it).
 */
export async function loadFrameworkActivities(
  db: Reader,
  frameworkId: string,
): Promise<WorkplanFrameworkActivity[]> {
  const nodes = await db
    .selectFrom('plan_node')
    .select(['id', 'parent_id', 'kind', 'code', 'title', 'is_priority', 'position'])
    .where('framework_id', '=', frameworkId)
    .orderBy('position')
    .orderBy('code')
    .execute();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const areaOf = (id: string | null): (typeof nodes)[number] | null => {
    let cur = id ? byId.get(id) : undefined;
    for (let guard = 0; cur && guard < 20; guard += 1) {
      if (cur.kind === 'area' || cur.kind === 'outcome') {
        return cur;
      }
      cur = cur.parent_id ? byId.get(cur.parent_id) : undefined;
    }
    return null;
  };
  const areaPos = new Map(
    nodes.filter((n) => n.kind === 'area' || n.kind === 'outcome').map((n, i) => [n.id, i]),
  );
  return nodes
    .filter((n) => n.kind === 'activity')
    .map((n) => {
      const area = areaOf(n.parent_id);
      return {
        id: n.id,
        code: n.code,
        title: n.title,
        isPriority: n.is_priority,
        areaId: area?.id ?? null,
        areaCode: area?.code ?? null,
        areaTitle: area?.title ?? null,
        _areaPos: area ? (areaPos.get(area.id) ?? 0) : 1e6,
        _pos: n.position,
      };
    })
    .sort((a, b) => a._areaPos - b._areaPos || a._pos - b._pos)
    .map(({ _areaPos, _pos, ...rest }) => rest);
}

/** Load a workplan and require `action` on it (country scope). */
export async function loadWorkplanFor(
  ctx: ServiceContext,
  auth: AuthContext,
  db: Reader,
  id: string,
  action: Action,
): Promise<WorkplanRow> {
  const row = await db.selectFrom('workplan').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) {
    // Tell apart "not there" from "not yours" only for those who may act somewhere.
    await authorize(ctx, auth, action, 'plan');
    throw notFound('workplan');
  }
  await authorize(ctx, auth, action, 'plan', { countryCode: row.country_code.trim(), id });
  return row;
}

/** Activities of a workplan as the editor shows them. */
export async function loadActivityViews(
  db: Reader,
  workplan: WorkplanRow,
  frameworkActivities: readonly WorkplanFrameworkActivity[],
): Promise<WorkplanActivityView[]> {
  const rows = await db
    .selectFrom('workplan_activity as a')
    .leftJoin('agency as g', 'g.id', 'a.lead_agency_id')
    .selectAll('a')
    .select('g.name as lead_agency_name')
    .where('a.workplan_id', '=', workplan.id)
    .orderBy('a.position')
    .orderBy('a.created_at')
    .execute();
  const nodes = new Map(frameworkActivities.map((n) => [n.id, n]));
  const currency = workplan.currency.trim();
  const rate = num(workplan.usd_rate);
  return rows.map((r) => {
    const node = nodes.get(r.node_id);
    const amount = num(r.planned_amount);
    const ownRate = num(r.planned_usd_rate);
    const useRate = ownRate ?? rate;
    let usd: number | null = null;
    if (amount !== null) {
      usd =
        currency === 'USD' ? amount : useRate ? Math.round((amount / useRate) * 100) / 100 : null;
    }
    return {
      id: r.id,
      nodeId: r.node_id,
      nodeCode: node?.code ?? '',
      nodeTitle: node?.title ?? null,
      areaCode: node?.areaCode ?? null,
      title: r.title,
      titleLocal: r.title_local,
      leadAgencyId: r.lead_agency_id,
      leadAgencyName: r.lead_agency_name ?? null,
      leadAgencyText: r.lead_agency_text,
      partnerAgencyIds: [...(r.partner_agency_ids ?? [])],
      partnersText: r.partners_text,
      plannedAmount: amount,
      plannedUsdRate: ownRate,
      plannedUsd: usd,
      position: r.position,
      version: r.version,
    };
  });
}

/**
 * Check the lead and partner agencies: each must be a current agency of the workplan's country.
 * @throws INVALID_INPUT naming leadAgencyId or partnerAgencyIds.N
 */
export async function checkAgencies(
  db: Reader,
  country: string,
  lead: string | null | undefined,
  partners: readonly string[] | undefined,
): Promise<void> {
  const ids = [...(lead ? [lead] : []), ...(partners ?? [])];
  if (ids.length === 0) {
    return;
  }
  const rows = await db
    .selectFrom('agency')
    .select('id')
    .where('id', 'in', ids)
    .where('country_code', '=', country)
    .where('deleted_at', 'is', null)
    .execute();
  const known = new Set(rows.map((r) => r.id));
  if (lead && !known.has(lead)) {
    throw invalid('leadAgencyId', 'is not an agency of the workplan country');
  }
  const bad = (partners ?? []).findIndex((p) => !known.has(p));
  if (bad >= 0) {
    throw invalid(`partnerAgencyIds.${bad}`, 'is not an agency of the workplan country');
  }
}
