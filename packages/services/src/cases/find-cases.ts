import {
  type CaseListItem,
  type CaseListQuery,
  CaseListQuerySchema,
  nameFold,
  nameSkeleton,
  type Page,
} from '@ctip/domain';
import { sql } from 'kysely';
import { appendAuditEventNow } from '../audit/append-audit-event';
import { auditEvent, requireScope } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { keyedHash } from '../crypto/keyed-hash';
import { escapeLike } from '../users/find-users';
import { caseRowToListItem } from './case-presenter';
import { readableCaseFilter } from './case-read-filter';

/**
 * Counting every matching case costs a scan of all of them (166,000 for one country of the 1M-case
 * benchmark, and a filtered count still read 30,000 index entries); lists count up to this many and
 * then say "more than" — the pager then always offers the next page.
 */
export const CASE_COUNT_CAP = 1_000;

/** Escape LIKE wildcards so a code prefix matches literally. */
function codePrefix(code: string): string {
  return `${escapeLike(code.toUpperCase())}%`;
}

/**
 * List the cases the caller may read (scope plus open referrals to the caller's agency), newest
 * first. A name is matched only through keyed hashes (its folded form or its romanisation
 * skeleton), never in plain text. Rows carry coded fields, not names. Audited as `case.search`
 * without the search text.
 * @throws INVALID_INPUT, FORBIDDEN when the caller may read no cases
 */
export async function findCases(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: CaseListQuery;
}): Promise<Page<CaseListItem>> {
  const { ctx, auth } = args;
  const query = parseInput(CaseListQuerySchema, args.query);
  const scope = await requireScope(ctx, auth, 'read', 'case');
  let base = ctx.db.selectFrom('case_record').where(await readableCaseFilter(ctx.db, auth, scope));
  if (query.code) {
    base = base.where('case_record.code', 'like', codePrefix(query.code));
  }
  if (query.name) {
    const folded = nameFold(query.name);
    const skeleton = nameSkeleton(folded);
    const hashes = [
      { kind: 'name', hash: keyedHash(ctx.config, 'name', folded) },
      ...(skeleton ? [{ kind: 'variant', hash: keyedHash(ctx.config, 'variant', skeleton) }] : []),
    ];
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('person_key')
          .select('person_key.person_id')
          .whereRef('person_key.person_id', '=', 'case_record.person_id')
          .where((k) =>
            k.or(
              hashes.map((h) =>
                k.and([k('person_key.kind', '=', h.kind), k('person_key.hash', '=', h.hash)]),
              ),
            ),
          ),
      ),
    );
  }
  if (query.status) {
    base = base.where('case_record.status', '=', query.status);
  }
  if (query.identificationStatus) {
    base = base.where('case_record.identification_status', '=', query.identificationStatus);
  }
  if (query.gender) {
    base = base.where('case_record.gender', '=', query.gender);
  }
  if (query.nationality) {
    base = base.where('case_record.nationality', '=', query.nationality);
  }
  if (query.formOfExploitation) {
    const form = query.formOfExploitation;
    base = base.where(sql<boolean>`${form} = any(case_record.forms_of_exploitation)`);
  }
  if (query.agencyId) {
    base = base.where('case_record.agency_id', '=', query.agencyId);
  }
  if (query.isChild) {
    base = base.where('case_record.is_child', '=', query.isChild === 'true');
  }
  if (query.isCrossBorder) {
    base = base.where('case_record.is_cross_border', '=', query.isCrossBorder === 'true');
  }
  if (query.createdFrom) {
    base = base.where('case_record.created_at', '>=', new Date(`${query.createdFrom}T00:00:00Z`));
  }
  if (query.createdTo) {
    const end = new Date(`${query.createdTo}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    base = base.where('case_record.created_at', '<', end);
  }
  if (query.mine === 'true') {
    base = base.where('case_record.owner_user_id', '=', auth.actor.userId);
  }
  // Page the ids in a subquery, then join the page's rows with their agency and owner: the joins
  // run for the rows shown, not for every row skipped by OFFSET, and it is one round trip.
  const page = base
    .select(['case_record.id as page_id', 'case_record.created_at as page_created_at'])
    .orderBy('case_record.created_at', 'desc')
    .orderBy('case_record.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .as('page');
  const [rows, count] = await Promise.all([
    ctx.db
      .selectFrom(page)
      .innerJoin('case_record', 'case_record.id', 'page.page_id')
      .innerJoin('agency', 'agency.id', 'case_record.agency_id')
      .innerJoin('app_user as owner', 'owner.id', 'case_record.owner_user_id')
      .selectAll('case_record')
      .select(['agency.name as agency_name', 'owner.display_name as owner_name'])
      .orderBy('page.page_created_at', 'desc')
      .orderBy('page.page_id')
      .execute(),
    ctx.db
      .selectFrom(
        base
          .select('case_record.id')
          .limit(CASE_COUNT_CAP + 1)
          .as('capped'),
      )
      .select((eb) => eb.fn.countAll<string | number>().as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  const total = Number(count.total);
  const items = rows.map(caseRowToListItem);
  const filters = Object.keys(query).filter(
    (k) => k !== 'page' && k !== 'pageSize' && query[k as keyof typeof query] !== undefined,
  );
  await appendAuditEventNow(
    ctx.db,
    auditEvent(
      auth,
      'case.search',
      { type: 'case', id: null },
      { page: query.page, results: items.length, filters: filters.sort() },
    ),
    ctx.now(),
  );
  return {
    items,
    total: Math.min(total, CASE_COUNT_CAP),
    ...(total > CASE_COUNT_CAP ? { totalIsLowerBound: true } : {}),
    page: query.page,
    pageSize: query.pageSize,
  };
}
