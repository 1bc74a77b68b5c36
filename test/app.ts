/**
 * An API under test on a real database (either engine), seeded with the demo agencies and users, and
 * a helper that logs a demo user in through the real endpoints (enrolling a second factor when the
 * role requires one). Requests go through `app.inject()`: no port.
 */
import type { DbHandle } from '@ctip/db';
import { type AppConfig, buildApp, loadTestConfig } from '@ctip/server';
import { DEMO_PASSWORD, deliverDue, type ServiceContext, seedDemoData } from '@ctip/services';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import * as OTPAuth from 'otpauth';
import { createTestDb, type Engine } from './db';

export type TestApp = {
  app: FastifyInstance;
  handle: DbHandle;
  /** The configuration the app was built with (its federation identity included). */
  config: AppConfig;
  /** A service context on the app's database and configuration, for calling use cases directly. */
  ctx: ServiceContext;
  /** Run the federation deliverer until the outbox has nothing due (tests build apps without it). */
  deliver: () => Promise<void>;
  close: () => Promise<void>;
};

/** A logged-in client: sends the session cookie and CSRF token on every request. */
export type Client = {
  userId: string;
  agencyId: string;
  countryCode: string;
  cookie: string;
  csrf: string;
  /** TOTP secret, when the login enrolled one. */
  totpSecret: string | null;
  request: (opts: InjectOptions) => Promise<LightMyRequestResponse>;
};

/** Build the app on a fresh database of `engine` with demo data. */
export async function buildTestApp(
  engine: Engine,
  overrides: Parameters<typeof loadTestConfig>[0] = {},
): Promise<TestApp> {
  const handle = await createTestDb(engine);
  await seedDemoData(handle.db);
  const config = loadTestConfig(overrides);
  const app = await buildApp({ config, db: handle.db });
  await app.ready();
  const ctx: ServiceContext = { db: handle.db, config: config.services, now: () => new Date() };
  return {
    app,
    handle,
    config,
    ctx,
    deliver: async () => {
      for (let i = 0; i < 100; i++) {
        const r = await deliverDue(ctx);
        if (r.delivered + r.rejected + r.failed === 0) {
          return;
        }
      }
    },
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

function cookieFrom(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'ctip_session');
  if (!c) {
    throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  }
  return `ctip_session=${c.value}`;
}

/** A TOTP code for `secret` at `at` (default now). */
export function totpCode(secret: string, at = Date.now()): string {
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
  }).generate({ timestamp: at });
}

/**
 * Log in as `username` (demo password by default) through the API, completing the second factor.
 * @throws Error when any step fails
 */
export async function loginAs(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) {
    throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  }
  const cookie = cookieFrom(res);
  let info = res.json();
  let totpSecret: string | null = null;
  if (info.stage === 'mfa_enrollment_required') {
    const start = await app.inject({
      method: 'POST',
      url: '/api/auth/mfa/enroll',
      headers: { cookie, 'x-csrf-token': info.csrfToken },
    });
    totpSecret = start.json().secret as string;
    const done = await app.inject({
      method: 'POST',
      url: '/api/auth/mfa/enroll/confirm',
      headers: { cookie, 'x-csrf-token': info.csrfToken },
      payload: { code: totpCode(totpSecret) },
    });
    if (done.statusCode !== 200) {
      throw new Error(`enrol ${username} failed: ${done.statusCode} ${done.body}`);
    }
    info = done.json();
  }
  if (info.stage !== 'complete') {
    throw new Error(`login ${username} stopped at stage ${info.stage}`);
  }
  const csrf = info.csrfToken as string;
  return {
    userId: info.user.id,
    agencyId: info.user.agencyId,
    countryCode: info.user.countryCode,
    cookie,
    csrf,
    totpSecret,
    request: (opts) =>
      app.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie, 'x-csrf-token': csrf } }),
  };
}
