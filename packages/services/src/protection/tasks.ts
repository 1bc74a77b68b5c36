import {
  DomainError,
  IdSchema,
  scopeRank,
  type Task,
  type TaskListQuery,
  TaskListQuerySchema,
  widestScope,
} from '@ctip/domain';
import { sql } from 'kysely';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadCaseForAccess } from '../cases/case-access';
import { auditEvent, authorize, denyAccess } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { todayOf } from './country-rules';

/**
 * The caller's tasks (`mine`: assigned to the caller) or their agency's (`agency`: needs case access
 * at agency scope or wider), open or done, by due date, with the case code and an overdue flag.
 * Titles are the client's: `tasks.kind.<kind>` with `params` (no stored English text).
 * @throws FORBIDDEN, INVALID_INPUT
 */
export async function findTasks(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: TaskListQuery;
}): Promise<Task[]> {
  const { ctx, auth } = args;
  const query = parseInput(TaskListQuerySchema, args.query ?? {});
  await authorize(ctx, auth, 'read', 'case');
  if (query.scope === 'agency') {
    const scope = widestScope(auth.actor, 'read', 'case');
    if (!scope || scopeRank(scope) < scopeRank('agency')) {
      await denyAccess(ctx, auth, 'read', 'case', null);
    }
  }
  let q = ctx.db
    .selectFrom('task as t')
    .leftJoin('case_record as c', 'c.id', 't.case_id')
    .select([
      't.id',
      't.case_id',
      'c.code as case_code',
      't.kind',
      't.params',
      't.due_on',
      't.assignee_user_id',
      't.done_at',
    ]);
  q =
    query.scope === 'mine'
      ? q.where('t.assignee_user_id', '=', auth.actor.userId)
      : q.where('t.agency_id', '=', auth.actor.agencyId);
  q =
    query.status === 'open'
      ? q.where('t.done_at', 'is', null)
      : q.where('t.done_at', 'is not', null);
  const rows = await q
    .orderBy(
      query.status === 'open' ? 't.due_on' : 't.done_at',
      query.status === 'open' ? 'asc' : 'desc',
    )
    .orderBy(sql`coalesce((t.params->>'stepNo')::int, 0)`)
    .orderBy('t.id')
    .limit(500)
    .execute();
  const today = todayOf(ctx);
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    caseCode: r.case_code,
    kind: r.kind,
    params: r.params,
    dueOn: r.due_on,
    isOverdue: r.done_at == null && r.due_on < today,
    assigneeUserId: r.assignee_user_id,
    doneAt: r.done_at ? r.done_at.toISOString() : null,
  }));
}

/**
 * Mark a task done, or (`done: false`, the undo) open again. Needs update access to its case, or for
 * a task without a case, to be its assignee or of its agency.
 * @throws FORBIDDEN, NOT_FOUND
 */
export async function completeTask(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  done?: boolean;
}): Promise<{ id: string; doneAt: string | null }> {
  const { ctx, auth } = args;
  const id = parseInput(IdSchema, args.id);
  const done = args.done ?? true;
  const task = await ctx.db
    .selectFrom('task')
    .select(['id', 'case_id', 'agency_id', 'assignee_user_id', 'kind'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!task) {
    await authorize(ctx, auth, 'update', 'case');
    throw new DomainError('NOT_FOUND', 'No such task');
  }
  if (task.case_id) {
    await loadCaseForAccess(ctx, auth, task.case_id, 'update');
  } else if (
    task.assignee_user_id !== auth.actor.userId &&
    task.agency_id !== auth.actor.agencyId
  ) {
    await denyAccess(ctx, auth, 'update', 'case', null);
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('task')
      .set(done ? { done_at: now, done_by: auth.actor.userId } : { done_at: null, done_by: null })
      .where('id', '=', id)
      .execute();
    await appendAuditEvent(
      trx,
      auditEvent(auth, 'task.complete', { type: 'task', id }, { kind: task.kind, done }),
      now,
    );
  });
  return { id, doneAt: done ? now.toISOString() : null };
}
