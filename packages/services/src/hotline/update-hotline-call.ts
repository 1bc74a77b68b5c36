import type { Database } from '@ctip/db';
import {
  type HotlineCallDetail,
  type HotlineCallUpdateInput,
  HotlineCallUpdateInputSchema,
  IdSchema,
} from '@ctip/domain';
import type { Updateable } from 'kysely';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadCaseForAccess } from '../cases/case-access';
import { sealOptional } from '../cases/person-crypto';
import { auditEvent } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { loadHotlineCallForAccess } from './get-hotline-call';
import {
  findHotlineCallRow,
  HOTLINE_UPDATE_ACTION,
  type HotlineCallRow,
  hotlineRowToDetail,
} from './hotline-presenter';

/**
 * Change a logged call: link it to a case the caller may read (or unlink with `caseId: null`),
 * correct its coding, or replace the summary. The audit event names the changed fields only.
 * @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN (audited; also for an unreadable case)
 */
export async function updateHotlineCall(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: HotlineCallUpdateInput;
}): Promise<HotlineCallDetail> {
  const { ctx, auth } = args;
  const id = parseInput(IdSchema, args.id);
  const input = parseInput(HotlineCallUpdateInputSchema, args.input);
  await loadHotlineCallForAccess(ctx, auth, id, 'update');
  if (input.caseId) {
    await loadCaseForAccess(ctx, auth, input.caseId, 'read');
  }
  const set: Updateable<Database['hotline_call']> = {};
  if (input.caseId !== undefined) {
    set.case_id = input.caseId;
  }
  if (input.durationSeconds !== undefined) {
    set.duration_seconds = input.durationSeconds;
  }
  if (input.category !== undefined) {
    set.category = input.category;
  }
  if (input.urgency !== undefined) {
    set.urgency = input.urgency;
  }
  if (input.outcome !== undefined) {
    set.outcome = input.outcome;
  }
  if (input.summary !== undefined) {
    set.summary_enc = sealOptional(ctx.config, input.summary);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('hotline_call').set(set).where('id', '=', id).execute();
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        HOTLINE_UPDATE_ACTION,
        { type: 'hotline_call', id },
        {
          fields: Object.keys(input)
            .filter((k) => input[k as keyof typeof input] !== undefined)
            .sort(),
          linkedCase: input.caseId === undefined ? undefined : input.caseId !== null,
        },
      ),
      ctx.now(),
    );
  });
  const row = (await findHotlineCallRow(ctx.db, id)) as HotlineCallRow;
  return hotlineRowToDetail(ctx.config, row);
}
