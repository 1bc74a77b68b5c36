import { randomUUID } from 'node:crypto';
import {
  DomainError,
  type FundPaymentInput,
  FundPaymentInputSchema,
  fundPaymentCheck,
  IdSchema,
} from '@ctip/domain';
import { appendAuditEvent, appendAuditEventNow } from '../audit/append-audit-event';
import { loadCaseForAccess, recordCaseHistory } from '../cases/case-access';
import { auditEvent } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { auditCaseRead } from './common';
import { loadCountryRules } from './country-rules';

export type FundPaymentView = {
  id: string;
  ruleId: string;
  ruleKey: string;
  entitlement: string;
  amount: number;
  currency: string;
  days: number | null;
  paidOn: string;
  approvedByText: string | null;
  createdAt: string;
};

/**
 * The case's fund payments, newest first.
 * @throws FORBIDDEN, NOT_FOUND
 */
export async function findFundPayments(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
}): Promise<FundPaymentView[]> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  await loadCaseForAccess(ctx, auth, caseId, 'read');
  const rows = await ctx.db
    .selectFrom('fund_payment as f')
    .innerJoin('country_rule as r', 'r.id', 'f.rule_id')
    .selectAll('f')
    .select(['r.key as rule_key', 'r.config'])
    .where('f.case_id', '=', caseId)
    .orderBy('f.paid_on', 'desc')
    .orderBy('f.created_at', 'desc')
    .execute();
  await auditCaseRead(ctx, auth, caseId, 'fund_payments');
  return rows.map((r) => ({
    id: r.id,
    ruleId: r.rule_id,
    ruleKey: r.rule_key,
    entitlement: String(r.config.entitlement ?? r.rule_key),
    amount: Number(r.amount),
    currency: r.currency,
    days: r.days,
    paidOn: r.paid_on,
    approvedByText: r.approved_by_text,
    createdAt: r.created_at.toISOString(),
  }));
}

/**
 * Record a payment from a fund entitlement of the case's country, within its caps (amount per
 * payment, times per calendar year of `paidOn`, days for per-day compensation). Payable whether or
 * not the person accepted protection. A refusal is audited `fund.refused` (rule and cap broken, no
 * personal data) and answers INVALID_INPUT naming the field and quoting the rule's exact cap text.
 * Uncapped entitlements record the committee approval (the given text, else the rule's approver).
 * @throws FORBIDDEN, NOT_FOUND, INVALID_INPUT
 */
export async function recordFundPayment(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
  input: FundPaymentInput;
}): Promise<FundPaymentView> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  const input = parseInput(FundPaymentInputSchema, args.input);
  const c = await loadCaseForAccess(ctx, auth, caseId, 'update');
  const rules = await loadCountryRules(ctx.db, c.country_code, 'fund_entitlement');
  const rule = rules.find((r) => r.id === input.ruleId);
  if (!rule) {
    throw new DomainError('INVALID_INPUT', 'ruleId: no such fund entitlement in this country', {
      field: 'ruleId',
    });
  }
  if (input.currency !== rule.config.currency) {
    throw new DomainError('INVALID_INPUT', `currency: must be ${rule.config.currency}`, {
      field: 'currency',
    });
  }
  const now = ctx.now();
  const id = randomUUID();
  const refusal = await ctx.db.transaction().execute(async (trx) => {
    // Lock the case so two concurrent payments cannot both pass the times-per-year cap.
    await trx.selectFrom('case_record').select('id').where('id', '=', caseId).forUpdate().execute();
    const prior = await trx
      .selectFrom('fund_payment')
      .select(['amount', 'paid_on', 'days'])
      .where('case_id', '=', caseId)
      .where('rule_id', '=', rule.id)
      .execute();
    const check = fundPaymentCheck(
      rule,
      prior.map((p) => ({ amount: Number(p.amount), paidOn: p.paid_on, days: p.days })),
      { amount: input.amount, paidOn: input.paidOn, days: input.days ?? null },
    );
    if (!check.ok) {
      return check;
    }
    await trx
      .insertInto('fund_payment')
      .values({
        id,
        case_id: caseId,
        rule_id: rule.id,
        amount: input.amount,
        currency: input.currency,
        days: input.days ?? null,
        paid_on: input.paidOn,
        approved_by_text:
          input.approvedByText ?? (check.requiresApproval ? rule.config.approval : null),
        created_by: auth.actor.userId,
        created_at: now,
      })
      .execute();
    await recordCaseHistory(trx, {
      caseId,
      userId: auth.actor.userId,
      action: 'fund.payment',
      changes: { entitlement: rule.key, amount: input.amount, currency: input.currency },
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'fund.payment',
        { type: 'case', id: caseId },
        { paymentId: id, rule: rule.key, amount: input.amount, currency: input.currency },
      ),
      now,
    );
    return null;
  });
  if (refusal) {
    await appendAuditEventNow(
      ctx.db,
      {
        ...auditEvent(
          auth,
          'fund.refused',
          { type: 'case', id: caseId },
          { rule: rule.key, violation: refusal.violation },
        ),
        outcome: 'failure',
      },
      now,
    );
    throw new DomainError('INVALID_INPUT', refusal.message, {
      field: refusal.field,
      details: {
        rule: rule.key,
        violation: refusal.violation,
        capText: rule.config.cap_text_exact,
      },
    });
  }
  return {
    id,
    ruleId: rule.id,
    ruleKey: rule.key,
    entitlement: rule.config.entitlement,
    amount: input.amount,
    currency: input.currency,
    days: input.days ?? null,
    paidOn: input.paidOn,
    approvedByText: input.approvedByText ?? null,
    createdAt: now.toISOString(),
  };
}
