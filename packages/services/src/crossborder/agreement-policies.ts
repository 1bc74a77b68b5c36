import {
  DomainError,
  type SharingPolicyInput,
  SharingPolicyInputSchema,
  type SharingPolicyVersion,
} from '@ctip/domain';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { authorizeAgreement, loadAgreement, loadPolicyVersions } from './agreement-registry';

/**
 * The sharing-policy versions of an agreement, newest first.
 * @throws NOT_FOUND, FORBIDDEN (audited)
 */
export async function listPolicyVersions(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  agreementId: string;
}): Promise<SharingPolicyVersion[]> {
  const { ctx, auth } = args;
  const agreement = await loadAgreement(ctx.db, args.agreementId);
  await authorizeAgreement(ctx, auth, 'read', agreement.parties, agreement.id);
  return loadPolicyVersions(ctx.db, agreement.id);
}

/**
 * Store a new draft version (the next number) of an agreement's sharing policy. It applies only
 * once activated.
 * @throws NOT_FOUND, FORBIDDEN (audited), INVALID_INPUT (field named, e.g. `policy.fields`)
 */
export async function createPolicyDraft(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  agreementId: string;
  input: SharingPolicyInput;
}): Promise<SharingPolicyVersion> {
  const { ctx, auth } = args;
  const input = parseInput(SharingPolicyInputSchema, args.input);
  const agreement = await loadAgreement(ctx.db, args.agreementId);
  await authorizeAgreement(ctx, auth, 'update', agreement.parties, agreement.id);
  const now = ctx.now();
  const version = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const last = await trx
        .selectFrom('sharing_policy')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('agreement_id', '=', agreement.id)
        .executeTakeFirst();
      const next = Number(last?.v ?? 0) + 1;
      await trx
        .insertInto('sharing_policy')
        .values({
          agreement_id: agreement.id,
          version: next,
          status: 'Draft',
          policy: JSON.stringify(input.policy),
          created_by: auth.actor.userId,
          created_at: now,
        })
        .execute();
      await appendAuditEvent(
        trx,
        auditEvent(
          auth,
          'agreement.policy_create',
          { type: 'agreement', id: agreement.id },
          { code: agreement.code, version: next },
        ),
        now,
      );
      return next;
    })
    .catch((err: unknown) => {
      // Another draft took the same number in the meantime.
      throw err instanceof Error && /duplicate|unique/i.test(err.message)
        ? new DomainError('CONFLICT', 'Another version was saved at the same time; try again')
        : err;
    });
  const stored = (await loadPolicyVersions(ctx.db, agreement.id)).find(
    (p) => p.version === version,
  );
  return stored as SharingPolicyVersion;
}

/**
 * Put a version in force (permission `agreement:approve`): the version in force before becomes
 * Superseded, in the same transaction. Audited `agreement.policy_activate`.
 * @throws NOT_FOUND, FORBIDDEN (audited), CONFLICT (already in force)
 */
export async function activatePolicyVersion(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  agreementId: string;
  version: number;
}): Promise<SharingPolicyVersion[]> {
  const { ctx, auth } = args;
  const agreement = await loadAgreement(ctx.db, args.agreementId);
  await authorizeAgreement(ctx, auth, 'approve', agreement.parties, agreement.id);
  const target = await ctx.db
    .selectFrom('sharing_policy')
    .select(['version', 'status'])
    .where('agreement_id', '=', agreement.id)
    .where('version', '=', args.version)
    .executeTakeFirst();
  if (!target) {
    throw new DomainError('NOT_FOUND', 'No such policy version');
  }
  if (target.status === 'Active') {
    throw new DomainError('CONFLICT', 'This version is already in force');
  }
  const now = ctx.now();
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const previous = await trx
        .updateTable('sharing_policy')
        .set({ status: 'Superseded' })
        .where('agreement_id', '=', agreement.id)
        .where('status', '=', 'Active')
        .returning('version')
        .execute();
      await trx
        .updateTable('sharing_policy')
        .set({ status: 'Active', activated_by: auth.actor.userId, activated_at: now })
        .where('agreement_id', '=', agreement.id)
        .where('version', '=', args.version)
        .execute();
      await appendAuditEvent(
        trx,
        auditEvent(
          auth,
          'agreement.policy_activate',
          { type: 'agreement', id: agreement.id },
          {
            code: agreement.code,
            version: args.version,
            superseded: previous.map((p) => p.version),
          },
        ),
        now,
      );
    })
    .catch((err: unknown) => {
      // Another version was put in force at the same moment (one in force per agreement).
      throw err instanceof Error && /duplicate|unique/i.test(err.message)
        ? new DomainError('CONFLICT', 'Another version was put in force at the same time; reload')
        : err;
    });
  return loadPolicyVersions(ctx.db, agreement.id);
}
