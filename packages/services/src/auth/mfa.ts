import {
  DomainError,
  type SessionInfo,
  type TotpCodeInput,
  TotpCodeInputSchema,
} from '@ctip/domain';
import * as OTPAuth from 'otpauth';
import { appendAuditEvent } from '../audit/append-audit-event';
import { parseInput } from '../common/parse-input';
import type { RequestMeta, ServiceContext } from '../context';
import { decryptSecret, encryptSecret } from '../crypto/secret-box';
import { recordFailedLogin } from './login';
import { buildSessionInfo, type ResolvedSession } from './session';

const PERIOD_SECONDS = 30;

function totpFor(ctx: ServiceContext, secretBase32: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ctx.config.mfaIssuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/**
 * Check a code and return its time step, or null. Accepts one step of clock drift either way and
 * refuses a step at or before `lastCounter` so a code cannot be replayed.
 */
function acceptedCounter(
  totp: OTPAuth.TOTP,
  code: string,
  now: Date,
  lastCounter: number | null,
): number | null {
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) {
    return null;
  }
  const counter = Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
  return lastCounter !== null && counter <= lastCounter ? null : counter;
}

/** Complete a session: stage complete, last login stamped, audited. */
async function completeSession(
  ctx: ServiceContext,
  current: ResolvedSession,
  userUpdate: { totp_secret_enc?: string; totp_last_counter: number },
  action: 'auth.login' | 'auth.mfa_enrolled',
  meta: RequestMeta,
): Promise<SessionInfo> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ ...userUpdate, last_login_at: now, failed_login_count: 0, locked_until: null })
      .where('id', '=', current.actor.userId)
      .execute();
    const session = await trx
      .updateTable('session')
      .set({ stage: 'complete', pending_totp_secret_enc: null })
      .where('id', '=', current.session.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAuditEvent(
      trx,
      {
        action,
        outcome: 'success',
        actorUserId: current.actor.userId,
        actorAgencyId: current.actor.agencyId,
        actorCountry: current.actor.countryCode,
        targetType: 'session',
        targetId: null,
        requestId: meta.requestId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        details: { step: 'second_factor' },
      },
      now,
    );
    return buildSessionInfo(ctx, trx, session);
  });
}

async function failSecondFactor(
  ctx: ServiceContext,
  current: ResolvedSession,
  meta: RequestMeta,
): Promise<never> {
  await recordFailedLogin(ctx, {
    userId: current.actor.userId,
    agencyId: current.actor.agencyId,
    reason: 'bad_second_factor',
    meta,
  });
  throw new DomainError('INVALID_CREDENTIALS', 'The code is wrong or has expired', {
    field: 'code',
  });
}

/**
 * Second-factor step of logging in.
 * @throws CONFLICT when the session does not await a second factor
 * @throws INVALID_CREDENTIALS for a wrong, expired or replayed code (counted towards lockout)
 */
export async function verifyMfa(args: {
  ctx: ServiceContext;
  current: ResolvedSession;
  input: TotpCodeInput;
  meta: RequestMeta;
}): Promise<SessionInfo> {
  const { ctx, current, meta } = args;
  const { code } = parseInput(TotpCodeInputSchema, args.input);
  if (current.session.stage !== 'mfa_required') {
    throw new DomainError('CONFLICT', 'This session does not wait for a second factor');
  }
  const user = await ctx.db
    .selectFrom('app_user')
    .select(['username', 'totp_secret_enc', 'totp_last_counter', 'locked_until'])
    .where('id', '=', current.actor.userId)
    .executeTakeFirstOrThrow();
  const now = ctx.now();
  if (user.locked_until && user.locked_until > now) {
    const retryAfterSeconds = Math.ceil((user.locked_until.getTime() - now.getTime()) / 1000);
    throw new DomainError('ACCOUNT_LOCKED', 'Too many failed attempts; try again later', {
      details: { retryAfterSeconds },
    });
  }
  if (!user.totp_secret_enc) {
    throw new DomainError('CONFLICT', 'No second factor is enrolled');
  }
  const totp = totpFor(ctx, decryptSecret(ctx.config, user.totp_secret_enc), user.username);
  const counter = acceptedCounter(totp, code, now, user.totp_last_counter);
  if (counter === null) {
    return failSecondFactor(ctx, current, meta);
  }
  return completeSession(ctx, current, { totp_last_counter: counter }, 'auth.login', meta);
}

/**
 * Start enrolling an authenticator app: a new secret, kept encrypted on the session until confirmed.
 * @returns the base32 secret and the otpauth:// URI for a QR code
 * @throws CONFLICT when the user already has a second factor
 */
export async function startMfaEnrollment(args: {
  ctx: ServiceContext;
  current: ResolvedSession;
}): Promise<{ secret: string; otpauthUri: string }> {
  const { ctx, current } = args;
  const user = await ctx.db
    .selectFrom('app_user')
    .select(['username', 'totp_secret_enc'])
    .where('id', '=', current.actor.userId)
    .executeTakeFirstOrThrow();
  if (user.totp_secret_enc !== null || current.session.stage === 'mfa_required') {
    throw new DomainError('CONFLICT', 'A second factor is already enrolled');
  }
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await ctx.db
    .updateTable('session')
    .set({ pending_totp_secret_enc: encryptSecret(ctx.config, secret) })
    .where('id', '=', current.session.id)
    .execute();
  return { secret, otpauthUri: totpFor(ctx, secret, user.username).toString() };
}

/**
 * Confirm enrolment with a first code from the app; the session becomes complete.
 * @throws CONFLICT when no enrolment was started on this session
 * @throws INVALID_CREDENTIALS for a wrong code
 */
export async function confirmMfaEnrollment(args: {
  ctx: ServiceContext;
  current: ResolvedSession;
  input: TotpCodeInput;
  meta: RequestMeta;
}): Promise<SessionInfo> {
  const { ctx, current, meta } = args;
  const { code } = parseInput(TotpCodeInputSchema, args.input);
  const pending = current.session.pending_totp_secret_enc;
  if (!pending) {
    throw new DomainError('CONFLICT', 'Start the enrolment first');
  }
  const secret = decryptSecret(ctx.config, pending);
  const counter = acceptedCounter(totpFor(ctx, secret, 'enrol'), code, ctx.now(), null);
  if (counter === null) {
    return failSecondFactor(ctx, current, meta);
  }
  return completeSession(
    ctx,
    current,
    { totp_secret_enc: encryptSecret(ctx.config, secret), totp_last_counter: counter },
    'auth.mfa_enrolled',
    meta,
  );
}
