import { type FollowUpReport, FollowUpReportQuerySchema } from '@ctip/domain';
import { readableCaseFilter } from '../cases/case-read-filter';
import { requireScope } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { todayOf } from './country-rules';

/**
 * Follow-up report over the cases the caller may read (region: all; country: the caller's country;
 * agency: the caller's agency; own: the caller's cases): re-trafficked cases and former victims who
 * became brokers (codes only), follow-ups due/done/overdue scheduled in the period, and average
 * satisfaction per service type for feedback given in the period. No personal data.
 * A period limits the flagged cases to those a follow-up done in the period flagged.
 * @throws FORBIDDEN, INVALID_INPUT
 */
export async function getFollowUpReport(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: unknown;
}): Promise<FollowUpReport> {
  const { ctx, auth } = args;
  const query = parseInput(FollowUpReportQuerySchema, args.query ?? {});
  const scope = await requireScope(ctx, auth, 'read', 'case');
  // The same cases the case list shows: the role's scope plus cases referred to the caller's agency.
  const inScope = await readableCaseFilter(ctx.db, auth, scope);
  const perioded = Boolean(query.from || query.to);

  const flagged = async (flag: 'is_retrafficked' | 'became_broker') => {
    let q = ctx.db
      .selectFrom('case_record')
      .select('case_record.code')
      .where(inScope)
      .where(`case_record.${flag}`, '=', true);
    if (perioded) {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('follow_up as f')
            .select('f.id')
            .whereRef('f.case_id', '=', 'case_record.id')
            .where(`f.${flag}`, '=', true)
            .$if(Boolean(query.from), (s) => s.where('f.done_on', '>=', query.from as string))
            .$if(Boolean(query.to), (s) => s.where('f.done_on', '<=', query.to as string)),
        ),
      );
    }
    const rows = await q.orderBy('case_record.code').execute();
    return { count: rows.length, caseCodes: rows.map((r) => r.code) };
  };

  const today = todayOf(ctx);
  const fups = await ctx.db
    .selectFrom('follow_up')
    .innerJoin('case_record', 'case_record.id', 'follow_up.case_id')
    .select(['follow_up.scheduled_on', 'follow_up.done_on'])
    .where(inScope)
    .$if(Boolean(query.from), (s) => s.where('follow_up.scheduled_on', '>=', query.from as string))
    .$if(Boolean(query.to), (s) => s.where('follow_up.scheduled_on', '<=', query.to as string))
    .execute();
  const followUps = { due: 0, done: 0, overdue: 0 };
  for (const f of fups) {
    if (f.done_on) {
      followUps.done += 1;
    } else if (f.scheduled_on < today) {
      followUps.overdue += 1;
    } else {
      followUps.due += 1;
    }
  }

  const sat = await ctx.db
    .selectFrom('service_feedback')
    .innerJoin('case_record', 'case_record.id', 'service_feedback.case_id')
    .select((eb) => [
      'service_feedback.service_type',
      eb.fn.avg<number>('service_feedback.satisfaction').as('average'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where(inScope)
    .$if(Boolean(query.from), (s) =>
      s.where('service_feedback.given_on', '>=', query.from as string),
    )
    .$if(Boolean(query.to), (s) => s.where('service_feedback.given_on', '<=', query.to as string))
    .groupBy('service_feedback.service_type')
    .orderBy('service_feedback.service_type')
    .execute();

  return {
    from: query.from ?? null,
    to: query.to ?? null,
    retrafficked: await flagged('is_retrafficked'),
    becameBroker: await flagged('became_broker'),
    followUps,
    satisfaction: sat.map((s) => ({
      serviceType: s.service_type ?? 'Unspecified',
      average: Math.round(Number(s.average) * 100) / 100,
      count: Number(s.n),
    })),
  };
}
