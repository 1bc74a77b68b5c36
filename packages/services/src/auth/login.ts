import { DomainError, type LoginInput, LoginInputSchema, type SessionInfo } from '@ctip/domain';
import { appendAuditEvent, appendAuditEventNow } from '../audit/append-audit-event';
import { parseInput } from '../common/parse-input';
import type { RequestMeta, ServiceContext } from '../context';
import { loadActor } from './load-actor';
import { verifyPassword } from './passwords';
import { buildSessionInfo, createSession, stageAfterPassword } from './session';

/** Seconds a user stays locked after `failures` consecutive failures (exponential back-off). */
export function lockoutSeconds(ctx: ServiceContext, failures: number): number {
  const { threshold, baseSeconds, maxSeconds } = ctx.config.lockout;
  if (failures < threshold) {
    return 0;
  }
  return Math.min(maxSeconds, baseSeconds * 2 ** (failures - threshold));
}

/**
 * Record a failed authentication step for a known user: count it, lock with back-off at the threshold,
 * and audit it. Used by the password step and the second-factor step.
 */
export async function recordFailedLogin(
  ctx: ServiceContext,
  args: { userId: string; agencyId: string | null; reason: string; meta: RequestMeta },
): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('app_user')
      .set((eb) => ({ failed_login_count: eb('failed_login_count', '+', 1) }))
      .where('id', '=', args.userId)
      .returning(['failed_login_count'])
      .executeTakeFirstOrThrow();
    const seconds = lockoutSeconds(ctx, row.failed_login_count);
    const base = {
      actorUserId: null,
      actorAgencyId: null,
      actorCountry: null,
      targetType: 'user',
      targetId: args.userId,
      requestId: args.meta.requestId,
      ip: args.meta.ip,
      userAgent: args.meta.userAgent,
    };
    await appendAuditEvent(
      trx,
      {
        ...base,
        action: 'auth.login_failed',
        outcome: 'failure',
        details: { reason: args.reason },
      },
      now,
    );
    if (seconds > 0) {
      await trx
        .updateTable('app_user')
        .set({ locked_until: new Date(now.getTime() + seconds * 1000) })
        .where('id', '=', args.userId)
        .execute();
      await appendAuditEvent(
        trx,
        {
          ...base,
          action: 'auth.locked',
          outcome: 'success',
          details: { seconds, failures: row.failed_login_count },
        },
        now,
      );
    }
  });
}

/**
 * Password step of logging in. Opens a session whose stage says whether a second factor is still owed.
 * @throws INVALID_CREDENTIALS for an unknown user, a wrong password or a disabled account (same message)
 * @throws ACCOUNT_LOCKED while a lockout runs, with `retryAfterSeconds`
 */
export async function login(args: {
  ctx: ServiceContext;
  input: LoginInput;
  meta: RequestMeta;
}): Promise<{ token: string; info: SessionInfo }> {
  const { ctx, meta } = args;
  const input = parseInput(LoginInputSchema, args.input);
  const now = ctx.now();
  const user = await ctx.db
    .selectFrom('app_user')
    .select(['id', 'password_hash', 'is_disabled', 'locked_until', 'totp_secret_enc', 'agency_id'])
    .where('username', '=', input.username.toLowerCase())
    .executeTakeFirst();
  if (user?.locked_until && user.locked_until > now) {
    const retryAfterSeconds = Math.ceil((user.locked_until.getTime() - now.getTime()) / 1000);
    await appendAuditEventNow(
      ctx.db,
      {
        action: 'auth.login_failed',
        outcome: 'denied',
        actorUserId: null,
        actorAgencyId: null,
        actorCountry: null,
        targetType: 'user',
        targetId: user.id,
        requestId: meta.requestId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        details: { reason: 'locked' },
      },
      now,
    );
    throw new DomainError('ACCOUNT_LOCKED', 'Too many failed attempts; try again later', {
      details: { retryAfterSeconds },
    });
  }
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !passwordOk || user.is_disabled) {
    if (user) {
      const reason = passwordOk ? 'disabled' : 'bad_password';
      await recordFailedLogin(ctx, { userId: user.id, agencyId: user.agency_id, reason, meta });
    } else {
      await appendAuditEventNow(
        ctx.db,
        {
          action: 'auth.login_failed',
          outcome: 'failure',
          actorUserId: null,
          actorAgencyId: null,
          actorCountry: null,
          targetType: null,
          targetId: null,
          requestId: meta.requestId,
          ip: meta.ip,
          userAgent: meta.userAgent,
          details: { reason: 'unknown_user' },
        },
        now,
      );
    }
    throw new DomainError('INVALID_CREDENTIALS', 'Username or password is wrong');
  }
  const actor = await loadActor(ctx.db, user.id);
  if (!actor) {
    throw new DomainError('INVALID_CREDENTIALS', 'Username or password is wrong');
  }
  const stage = stageAfterPassword(user.totp_secret_enc !== null, actor);
  return ctx.db.transaction().execute(async (trx) => {
    const { token, session } = await createSession(ctx, trx, {
      userId: user.id,
      stage,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    // Only a complete login clears the failure count: while a second factor is owed, resetting it
    // would give anyone who knows the password unlimited code guesses (log in again, guess again).
    if (stage === 'complete') {
      await trx
        .updateTable('app_user')
        .set({ failed_login_count: 0, locked_until: null, last_login_at: now })
        .where('id', '=', user.id)
        .execute();
    }
    await appendAuditEvent(
      trx,
      {
        action: 'auth.login',
        outcome: 'success',
        actorUserId: actor.userId,
        actorAgencyId: actor.agencyId,
        actorCountry: actor.countryCode,
        targetType: 'session',
        targetId: null,
        requestId: meta.requestId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        details: { stage },
      },
      now,
    );
    return { token, info: await buildSessionInfo(ctx, trx, session) };
  });
}
