import {
  type HotlineCallSummary,
  type HotlineReferInput,
  HotlineReferInputSchema,
  IdSchema,
} from '@ctip/domain';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { loadActiveAgency } from '../users/create-user';
import { loadHotlineCallForAccess } from './get-hotline-call';
import {
  findHotlineCallRow,
  HOTLINE_REFER_ACTION,
  type HotlineCallRow,
  hotlineRowToSummary,
} from './hotline-presenter';

/**
 * Refer from a call: record the agency that takes it up and mark the call `Referred`. Only the
 * agency id and the time are recorded; the receiving agency gets no access to the call, its summary
 * or the caller's contact (a referral with personal data goes through a case and its consent).
 * @throws INVALID_INPUT (unknown agency), NOT_FOUND, FORBIDDEN (audited)
 */
export async function referHotlineCall(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: HotlineReferInput;
}): Promise<HotlineCallSummary> {
  const { ctx, auth } = args;
  const id = parseInput(IdSchema, args.id);
  const input = parseInput(HotlineReferInputSchema, args.input);
  await loadHotlineCallForAccess(ctx, auth, id, 'update');
  const agency = await loadActiveAgency(ctx.db, input.agencyId, 'agencyId');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('hotline_call')
      .set({ referred_agency_id: agency.id, referred_at: now, outcome: 'Referred' })
      .where('id', '=', id)
      .execute();
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        HOTLINE_REFER_ACTION,
        { type: 'hotline_call', id },
        { toAgencyId: agency.id },
      ),
      now,
    );
  });
  const row = (await findHotlineCallRow(ctx.db, id)) as HotlineCallRow;
  return hotlineRowToSummary(row);
}
