import type { Database, Db, SessionRow } from '@ctip/db';
import { type Actor, DomainError, readsPersonalRecords, type SessionInfo } from '@ctip/domain';
import type { Transaction } from 'kysely';
import type { ServiceContext } from '../context';
import { randomToken, sha256Hex } from '../crypto/tokens';
import { findUserById } from '../users/user-presenter';
import { loadActor } from './load-actor';

export type SessionStage = SessionInfo['stage'];

/** A resolved, valid session. */
export type ResolvedSession = { session: SessionRow; actor: Actor };

const TOUCH_AFTER_MS = 60_000;

/** When a session ends: the earlier of its absolute expiry and its idle expiry. */
export function sessionEndsAt(
  ctx: ServiceContext,
  s: Pick<SessionRow, 'expires_at' | 'last_seen_at'>,
): Date {
  const idleEnd = new Date(s.last_seen_at.getTime() + ctx.config.session.idleMinutes * 60_000);
  return idleEnd < s.expires_at ? idleEnd : s.expires_at;
}

/**
 * Open a session for a user who passed the password step.
 * @returns the cookie token (only its hash is stored) and the session row
 */
export async function createSession(
  ctx: ServiceContext,
  trx: Transaction<Database>,
  args: { userId: string; stage: SessionStage; ip: string | null; userAgent: string | null },
): Promise<{ token: string; session: SessionRow }> {
  const token = randomToken();
  const now = ctx.now();
  const session = await trx
    .insertInto('session')
    .values({
      id: sha256Hex(token),
      user_id: args.userId,
      csrf_token: randomToken(),
      stage: args.stage,
      pending_totp_secret_enc: null,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + ctx.config.session.maxHours * 3_600_000),
      revoked_at: null,
      ip: args.ip,
      user_agent: args.userAgent?.slice(0, 300) ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, session };
}

/**
 * Find the live session for a cookie token and the actor behind it.
 * @returns null when the token is unknown, revoked, expired, or its user is disabled
 */
export async function resolveSession(
  ctx: ServiceContext,
  token: string,
): Promise<ResolvedSession | null> {
  if (token.length < 20 || token.length > 100) {
    return null;
  }
  const session = await ctx.db
    .selectFrom('session')
    .selectAll()
    .where('id', '=', sha256Hex(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  const now = ctx.now();
  if (!session || sessionEndsAt(ctx, session) <= now) {
    return null;
  }
  const actor = await loadActor(ctx.db, session.user_id);
  if (!actor) {
    return null;
  }
  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_AFTER_MS) {
    await ctx.db
      .updateTable('session')
      .set({ last_seen_at: now })
      .where('id', '=', session.id)
      .execute();
    session.last_seen_at = now;
  }
  return { session, actor };
}

/**
 * The session as the web app sees it.
 * @param knownActor - the actor when the caller already resolved it (saves reloading permissions)
 */
export async function buildSessionInfo(
  ctx: ServiceContext,
  db: Db | Transaction<Database>,
  session: SessionRow,
  knownActor?: Actor,
): Promise<SessionInfo> {
  const user = await findUserById(db as Db, session.user_id);
  const actor = knownActor ?? (await loadActor(db as Db, session.user_id));
  if (!user || !actor) {
    throw new DomainError('UNAUTHENTICATED', 'The session has ended');
  }
  return {
    user,
    permissions: [...actor.permissions],
    csrfToken: session.csrf_token,
    stage: session.stage as SessionStage,
    expiresAt: sessionEndsAt(ctx, session).toISOString(),
  };
}

/** The stage a user reaches after the password step. */
export function stageAfterPassword(hasTotp: boolean, actor: Actor): SessionStage {
  if (hasTotp) {
    return 'mfa_required';
  }
  return readsPersonalRecords(actor.permissions) ? 'mfa_enrollment_required' : 'complete';
}
