/**
 * Authentication, sessions and their audit trail through the real API, on a clock the test moves:
 * lockout with back-off, the second factor (enrolment, verification, replay), CSRF, idle and absolute
 * session expiry, logout (here and everywhere), disabling a user, and the events each step records.
 */
import type { DbHandle } from '@ctip/db';
import { buildApp, loadTestConfig } from '@ctip/server';
import { DEMO_PASSWORD, seedDemoData } from '@ctip/services';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type TestApp, totpCode } from './app';
import { createTestDb, DB_TARGETS } from './db';
import { auditHead, auditSince, snapshot } from './state';

const PASSWORD = 'auth-test-password-2026';
const MINUTE = 60_000;

/** A session as the browser holds it. */
type Session = {
  cookie: string;
  csrf: string;
  stage: string;
  userId: string;
  request: (opts: InjectOptions) => Promise<LightMyRequestResponse>;
};

type World = {
  app: FastifyInstance;
  handle: DbHandle;
  /** The injected clock. */
  clock: { now: () => Date; advance: (ms: number) => void };
  unique: () => string;
};

async function buildWorld(engine: (typeof DB_TARGETS)[number]): Promise<World> {
  const handle = await createTestDb(engine);
  await seedDemoData(handle.db);
  // The clock starts at the real time (TOTP codes are real) and only moves when a test says so.
  let now = Date.now();
  const clock = {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
  const app = await buildApp({ config: loadTestConfig(), db: handle.db, now: clock.now });
  await app.ready();
  let n = 0;
  return { app, handle, clock, unique: () => `${Date.now().toString(36)}${(n++).toString(36)}` };
}

function sessionFrom(w: World, res: LightMyRequestResponse): Session {
  const c = res.cookies.find((x) => x.name === 'ctip_session');
  if (!c) {
    throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  }
  const info = res.json();
  const cookie = `ctip_session=${c.value}`;
  return {
    cookie,
    csrf: info.csrfToken,
    stage: info.stage,
    userId: info.user.id,
    request: (opts) =>
      w.app.inject({
        ...opts,
        headers: { cookie, 'x-csrf-token': info.csrfToken, ...(opts.headers ?? {}) },
      }),
  };
}

function postLogin(w: World, username: string, password: string) {
  return w.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
}

/** Log in with the password step only. */
async function login(w: World, username: string, password = PASSWORD): Promise<Session> {
  const res = await postLogin(w, username, password);
  expect(res.statusCode, res.body).toBe(200);
  return sessionFrom(w, res);
}

/** The TOTP code at the injected clock's time. */
function codeAt(w: World, secret: string, offsetMs = 0): string {
  return totpCode(secret, w.clock.now().getTime() + offsetMs);
}

async function createUser(w: World, roleKey: string): Promise<{ id: string; username: string }> {
  const admin = await login(w, 'admin', DEMO_PASSWORD);
  const role = await w.handle.db
    .selectFrom('role')
    .select('id')
    .where('key', '=', roleKey)
    .executeTakeFirstOrThrow();
  const agency = await w.handle.db
    .selectFrom('agency')
    .select('id')
    .where('short_name', '=', 'DATIP')
    .executeTakeFirstOrThrow();
  const username = `auth.${roleKey}.${w.unique()}`;
  const res = await admin.request({
    method: 'POST',
    url: '/api/users',
    payload: {
      username,
      displayName: `Auth ${roleKey}`,
      agencyId: agency.id,
      roleIds: [role.id],
      password: PASSWORD,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, username };
}

async function userRow(w: World, id: string) {
  return w.handle.db
    .selectFrom('app_user')
    .select(['failed_login_count', 'locked_until', 'totp_secret_enc', 'is_disabled'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

function expectError(res: LightMyRequestResponse, status: number, code: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
}

/** Log a user whose role needs a second factor in and enrol one; returns the session and secret. */
async function enrol(w: World, username: string): Promise<{ session: Session; secret: string }> {
  const s = await login(w, username);
  expect(s.stage).toBe('mfa_enrollment_required');
  const start = await s.request({ method: 'POST', url: '/api/auth/mfa/enroll' });
  expect(start.statusCode, start.body).toBe(200);
  const secret = start.json().secret as string;
  const done = await s.request({
    method: 'POST',
    url: '/api/auth/mfa/enroll/confirm',
    payload: { code: codeAt(w, secret) },
  });
  expect(done.statusCode, done.body).toBe(200);
  expect(done.json().stage).toBe('complete');
  return { session: s, secret };
}

for (const engine of DB_TARGETS) {
  describe(`${engine}: authentication`, () => {
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(engine);
    }, 60_000);
    afterAll(async () => {
      await w?.app.close();
      await w?.handle.close();
    });

    describe('lockout', () => {
      it('locks after 5 failures with a doubling back-off, even against the right password', async () => {
        const u = await createUser(w, 'researcher');
        // First, five wrong passwords: each refused as wrong credentials.
        for (let i = 1; i <= 5; i++) {
          expectError(await postLogin(w, u.username, 'wrong-password'), 401, 'INVALID_CREDENTIALS');
        }
        expect((await userRow(w, u.id)).failed_login_count).toBe(5);
        // The sixth attempt finds the account locked for 30 s, whatever the password.
        const sixth = await postLogin(w, u.username, 'wrong-password');
        expectError(sixth, 423, 'ACCOUNT_LOCKED');
        expect(sixth.headers['retry-after']).toBe('30');
        expect(sixth.json().error.details).toEqual({ retryAfterSeconds: 30 });
        const right = await postLogin(w, u.username, PASSWORD);
        expectError(right, 423, 'ACCOUNT_LOCKED');
        expect(right.cookies.find((c) => c.name === 'ctip_session')).toBeUndefined();
        // After the lock, one more failure locks again, twice as long.
        w.clock.advance(31_000);
        expectError(await postLogin(w, u.username, 'wrong-password'), 401, 'INVALID_CREDENTIALS');
        const again = await postLogin(w, u.username, PASSWORD);
        expectError(again, 423, 'ACCOUNT_LOCKED');
        expect(again.headers['retry-after']).toBe('60');
        // Once that has run out, the right password works and clears the count.
        w.clock.advance(61_000);
        expect((await postLogin(w, u.username, PASSWORD)).statusCode).toBe(200);
        expect(await userRow(w, u.id)).toMatchObject({ failed_login_count: 0, locked_until: null });
        const events = await w.handle.db
          .selectFrom('audit_event')
          .select(['action', 'outcome'])
          .where('target_id', '=', u.id)
          .where('action', 'in', ['auth.login_failed', 'auth.locked'])
          .execute();
        expect(events.filter((e) => e.action === 'auth.locked')).toHaveLength(2);
        expect(
          events.filter((e) => e.action === 'auth.login_failed').length,
        ).toBeGreaterThanOrEqual(8);
      });

      it('answers an unknown user exactly like a wrong password', async () => {
        const u = await createUser(w, 'researcher');
        const unknown = await postLogin(w, `nobody.${w.unique()}`, 'wrong-password');
        const wrong = await postLogin(w, u.username, 'wrong-password');
        expect(unknown.statusCode).toBe(wrong.statusCode);
        expect(unknown.json()).toEqual(wrong.json());
      });
    });

    describe('second factor', () => {
      it('requires a case worker to enrol before any protected route', async () => {
        const u = await createUser(w, 'case_worker');
        // First, the password step leaves the session owing an enrolment.
        const s = await login(w, u.username);
        expect(s.stage).toBe('mfa_enrollment_required');
        expectError(
          await s.request({ method: 'GET', url: '/api/agencies' }),
          403,
          'MFA_ENROLLMENT_REQUIRED',
        );
        expectError(
          await s.request({ method: 'PATCH', url: '/api/me', payload: { displayName: 'x' } }),
          403,
          'MFA_ENROLLMENT_REQUIRED',
        );
        expect((await s.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200);
        // Then a wrong first code is refused, and the right one completes the session.
        const start = await s.request({ method: 'POST', url: '/api/auth/mfa/enroll' });
        const secret = start.json().secret as string;
        expect(start.json().otpauthUri).toContain('otpauth://totp/');
        const bad = codeAt(w, secret, 10 * 60_000);
        expectError(
          await s.request({
            method: 'POST',
            url: '/api/auth/mfa/enroll/confirm',
            payload: { code: bad },
          }),
          401,
          'INVALID_CREDENTIALS',
        );
        const done = await s.request({
          method: 'POST',
          url: '/api/auth/mfa/enroll/confirm',
          payload: { code: codeAt(w, secret) },
        });
        expect(done.statusCode, done.body).toBe(200);
        expect(done.json().stage).toBe('complete');
        expect((await s.request({ method: 'GET', url: '/api/agencies' })).statusCode).toBe(200);
        expect((await userRow(w, u.id)).totp_secret_enc).not.toBeNull();
      });

      it('asks for a code at later logins, counts a wrong one and refuses a replayed one', async () => {
        const u = await createUser(w, 'case_worker');
        const { secret } = await enrol(w, u.username);
        w.clock.advance(30_000);
        // First, a later login owes a code: protected routes say so.
        const s = await login(w, u.username);
        expect(s.stage).toBe('mfa_required');
        expectError(await s.request({ method: 'GET', url: '/api/agencies' }), 401, 'MFA_REQUIRED');
        // A wrong code is refused and counted towards lockout.
        expectError(
          await s.request({
            method: 'POST',
            url: '/api/auth/mfa/verify',
            payload: { code: codeAt(w, secret, 5 * 60_000) },
          }),
          401,
          'INVALID_CREDENTIALS',
        );
        expect((await userRow(w, u.id)).failed_login_count).toBe(1);
        const code = codeAt(w, secret);
        const ok = await s.request({
          method: 'POST',
          url: '/api/auth/mfa/verify',
          payload: { code },
        });
        expect(ok.statusCode, ok.body).toBe(200);
        expect(ok.json().stage).toBe('complete');
        expect((await userRow(w, u.id)).failed_login_count).toBe(0);
        // The same code cannot open a second session.
        const s2 = await login(w, u.username);
        expectError(
          await s2.request({ method: 'POST', url: '/api/auth/mfa/verify', payload: { code } }),
          401,
          'INVALID_CREDENTIALS',
        );
        w.clock.advance(30_000);
        const next = await s2.request({
          method: 'POST',
          url: '/api/auth/mfa/verify',
          payload: { code: codeAt(w, secret) },
        });
        expect(next.statusCode, next.body).toBe(200);
      });

      it('locks the account after five wrong codes', async () => {
        const u = await createUser(w, 'case_worker');
        const { secret } = await enrol(w, u.username);
        w.clock.advance(30_000);
        const s = await login(w, u.username);
        for (let i = 0; i < 5; i++) {
          expectError(
            await s.request({
              method: 'POST',
              url: '/api/auth/mfa/verify',
              payload: { code: codeAt(w, secret, 5 * 60_000) },
            }),
            401,
            'INVALID_CREDENTIALS',
          );
        }
        // Even the right code and the right password now meet the lock.
        expectError(
          await s.request({
            method: 'POST',
            url: '/api/auth/mfa/verify',
            payload: { code: codeAt(w, secret) },
          }),
          423,
          'ACCOUNT_LOCKED',
        );
        expectError(await postLogin(w, u.username, PASSWORD), 423, 'ACCOUNT_LOCKED');
        w.clock.advance(31_000);
      });

      it('keeps counting wrong codes across password logins (no free retries by logging in again)', async () => {
        const u = await createUser(w, 'case_worker');
        const { secret } = await enrol(w, u.username);
        w.clock.advance(30_000);
        const wrong = { code: codeAt(w, secret, 5 * 60_000) };
        // Three wrong codes in one session, then two more after the password step again.
        const first = await login(w, u.username);
        for (let i = 0; i < 3; i++) {
          expectError(
            await first.request({ method: 'POST', url: '/api/auth/mfa/verify', payload: wrong }),
            401,
            'INVALID_CREDENTIALS',
          );
        }
        const second = await login(w, u.username);
        expect(second.stage).toBe('mfa_required');
        expect((await userRow(w, u.id)).failed_login_count).toBe(3);
        for (let i = 0; i < 2; i++) {
          expectError(
            await second.request({ method: 'POST', url: '/api/auth/mfa/verify', payload: wrong }),
            401,
            'INVALID_CREDENTIALS',
          );
        }
        expectError(await postLogin(w, u.username, PASSWORD), 423, 'ACCOUNT_LOCKED');
        w.clock.advance(31_000);
      });
    });

    describe('CSRF', () => {
      it('refuses an unsafe request without or with a wrong token, and changes nothing', async () => {
        const u = await createUser(w, 'researcher');
        const s = await login(w, u.username);
        const other = await login(w, u.username);
        const before = await snapshot(w.handle.db);
        for (const headers of [
          { cookie: s.cookie },
          { cookie: s.cookie, 'x-csrf-token': 'wrong' },
          { cookie: s.cookie, 'x-csrf-token': `${s.csrf.slice(0, -1)}x` },
          { cookie: s.cookie, 'x-csrf-token': other.csrf },
          { cookie: s.cookie, 'x-csrf-token': '' },
        ]) {
          for (const req of [
            { method: 'PATCH', url: '/api/me', payload: { displayName: 'Forged' } },
            { method: 'POST', url: '/api/auth/logout-all' },
            {
              method: 'POST',
              url: '/api/me/password',
              payload: { currentPassword: PASSWORD, newPassword: 'forged-password-2026' },
            },
          ] as const) {
            expectError(await w.app.inject({ ...req, headers }), 403, 'CSRF_INVALID');
          }
        }
        expect(await snapshot(w.handle.db)).toEqual(before);
        // Safe methods need no token, and the right token works.
        expect(
          (
            await w.app.inject({
              method: 'GET',
              url: '/api/auth/session',
              headers: { cookie: s.cookie },
            })
          ).statusCode,
        ).toBe(200);
        const ok = await s.request({
          method: 'PATCH',
          url: '/api/me',
          payload: { displayName: 'Real' },
        });
        expect(ok.statusCode, ok.body).toBe(200);
      });
    });

    describe('sessions', () => {
      it('end after 30 idle minutes; activity keeps them alive', async () => {
        const u = await createUser(w, 'researcher');
        const s = await login(w, u.username);
        const alive = async () =>
          (await s.request({ method: 'GET', url: '/api/auth/session' })).statusCode;
        w.clock.advance(20 * MINUTE);
        expect(await alive()).toBe(200);
        w.clock.advance(20 * MINUTE);
        expect(await alive()).toBe(200);
        w.clock.advance(31 * MINUTE);
        const gone = await s.request({ method: 'GET', url: '/api/users' });
        expectError(gone, 401, 'UNAUTHENTICATED');
        expect(await alive()).toBe(401);
      });

      it('end after 12 hours however active', async () => {
        const u = await createUser(w, 'researcher');
        const s = await login(w, u.username);
        let elapsed = 0;
        while (elapsed + 25 * MINUTE < 12 * 60 * MINUTE) {
          w.clock.advance(25 * MINUTE);
          elapsed += 25 * MINUTE;
          expect((await s.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(
            200,
          );
        }
        w.clock.advance(12 * 60 * MINUTE - elapsed);
        expectError(
          await s.request({ method: 'GET', url: '/api/auth/session' }),
          401,
          'UNAUTHENTICATED',
        );
      });

      it('logout ends this session; logout everywhere ends the others too', async () => {
        const u = await createUser(w, 'researcher');
        const [a, b, c] = [
          await login(w, u.username),
          await login(w, u.username),
          await login(w, u.username),
        ];
        const status = async (s: Session) =>
          (await s.request({ method: 'GET', url: '/api/auth/session' })).statusCode;
        // First, logging out of A ends A only, and clears its cookie.
        const out = await a.request({ method: 'POST', url: '/api/auth/logout' });
        expect(out.statusCode).toBe(204);
        expect(out.cookies.find((x) => x.name === 'ctip_session')?.value).toBe('');
        expect(await status(a)).toBe(401);
        expect(await status(b)).toBe(200);
        expect(await status(c)).toBe(200);
        // Then "log out everywhere" from B ends B and C.
        expect((await b.request({ method: 'POST', url: '/api/auth/logout-all' })).statusCode).toBe(
          204,
        );
        expect(await status(b)).toBe(401);
        expect(await status(c)).toBe(401);
        const events = await w.handle.db
          .selectFrom('audit_event')
          .select(['action', 'details'])
          .where('actor_user_id', '=', u.id)
          .where('action', 'in', ['auth.logout', 'auth.logout_all'])
          .orderBy('seq')
          .execute();
        expect(events).toEqual([
          { action: 'auth.logout', details: { revoked: 1 } },
          { action: 'auth.logout_all', details: { revoked: 2 } },
        ]);
      });

      it('end when the user is disabled, and stay ended when re-enabled', async () => {
        const u = await createUser(w, 'researcher');
        const s = await login(w, u.username);
        const admin = await login(w, 'admin', DEMO_PASSWORD);
        expect(
          (await admin.request({ method: 'POST', url: `/api/users/${u.id}/disable` })).statusCode,
        ).toBe(200);
        expectError(
          await s.request({ method: 'GET', url: '/api/auth/session' }),
          401,
          'UNAUTHENTICATED',
        );
        expectError(await postLogin(w, u.username, PASSWORD), 401, 'INVALID_CREDENTIALS');
        expect(
          (await admin.request({ method: 'POST', url: `/api/users/${u.id}/enable` })).statusCode,
        ).toBe(200);
        expectError(
          await s.request({ method: 'GET', url: '/api/auth/session' }),
          401,
          'UNAUTHENTICATED',
        );
        expect((await postLogin(w, u.username, PASSWORD)).statusCode).toBe(200);
      });

      it('other sessions end when the user changes the password', async () => {
        const u = await createUser(w, 'researcher');
        const [a, b] = [await login(w, u.username), await login(w, u.username)];
        const res = await a.request({
          method: 'POST',
          url: '/api/me/password',
          payload: { currentPassword: PASSWORD, newPassword: 'a-brand-new-password-2026' },
        });
        expect(res.statusCode, res.body).toBe(204);
        expect((await a.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200);
        expect((await b.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
      });
    });

    describe('audit events', () => {
      it('record login, failed login, user read, search and change with actor, target and request id', async () => {
        const u = await createUser(w, 'researcher');
        const admin = await login(w, 'admin', DEMO_PASSWORD);
        const seq = await auditHead(w.handle.db);
        const requests: {
          res: LightMyRequestResponse;
          action: string;
          actor: string | null;
          target: string | null;
        }[] = [];
        // First, the user logs in, then fails once.
        const ok = await postLogin(w, u.username, PASSWORD);
        requests.push({ res: ok, action: 'auth.login', actor: u.id, target: null });
        const bad = await postLogin(w, u.username, 'wrong-password');
        requests.push({ res: bad, action: 'auth.login_failed', actor: null, target: u.id });
        // Then the administrator reads, searches and changes the user.
        const read = await admin.request({ method: 'GET', url: `/api/users/${u.id}` });
        requests.push({ res: read, action: 'user.read', actor: admin.userId, target: u.id });
        const search = await admin.request({
          method: 'GET',
          url: `/api/users?q=${encodeURIComponent('Secret Name')}`,
        });
        requests.push({ res: search, action: 'user.search', actor: admin.userId, target: null });
        const change = await admin.request({
          method: 'PATCH',
          url: `/api/users/${u.id}`,
          payload: { displayName: 'Changed Name', password: 'reset-password-2026' },
        });
        requests.push({ res: change, action: 'user.update', actor: admin.userId, target: u.id });
        const events = await auditSince(w.handle.db, seq);
        for (const r of requests) {
          expect(r.res.statusCode, r.res.body).toBeLessThan(500);
          const requestId = r.res.headers['x-request-id'];
          expect(requestId).toBeTypeOf('string');
          const e = events.find((x) => x.request_id === requestId && x.action === r.action);
          expect(e, `${r.action} recorded for request ${requestId}`).toBeDefined();
          expect(e?.actor_user_id ?? null).toBe(r.actor);
          expect(e?.target_type).toBeTruthy();
          if (r.target) {
            expect(e?.target_id).toBe(r.target);
          }
          if (r.actor) {
            expect(e?.actor_country).toBe('TH');
            expect(e?.actor_agency_id).toBeTruthy();
          }
        }
        // What was searched for and what was set are not stored: only which fields changed.
        const all = JSON.stringify(events);
        expect(all).not.toContain('Secret Name');
        expect(all).not.toContain('Changed Name');
        expect(all).not.toContain('reset-password-2026');
        expect(all).not.toContain(PASSWORD);
        const update = events.find((e) => e.action === 'user.update');
        expect(update?.details).toEqual({ fields: ['displayName', 'password'] });
      });
    });
  });
}

for (const engine of DB_TARGETS) {
  describe(`${engine}: route-level guards`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(engine);
    });
    afterAll(async () => {
      await t.close();
    });

    it('refuses an encoded API path without a session', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/%61pi/users' });
      expect(res.statusCode).toBe(401);
    });

    it('refuses an administrator resetting their own password through user administration', async () => {
      const admin = await loginAs(t.app, 'admin');
      const res = await admin.request({
        method: 'PATCH',
        url: `/api/users/${admin.userId}`,
        payload: { password: 'another-long-password-1' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.field).toBe('password');
      const relogin = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: 'mekong-demo-2026' },
      });
      expect(relogin.statusCode).toBe(200);
    });
  });
}
