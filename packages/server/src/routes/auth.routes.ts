import { LoginInputSchema, TotpCodeInputSchema } from '@ctip/domain';
import {
  buildSessionInfo,
  confirmMfaEnrollment,
  login,
  logout,
  type ServiceContext,
  startMfaEnrollment,
  verifyMfa,
} from '@ctip/services';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SESSION_COOKIE, sessionOf } from '../plugins/auth';

const TAGS = ['auth'];

/** Session routes: login, second factor, enrolment, logout. Rate-limited per IP. */
export const authRoutes: FastifyPluginAsyncZod<{
  ctx: ServiceContext;
  rateLimitPerMinute: number;
}> = async (app, opts) => {
  const { ctx } = opts;
  const limited = { rateLimit: { max: opts.rateLimitPerMinute, timeWindow: 60_000 } };
  const setCookie = (request: FastifyRequest, reply: FastifyReply, token: string) => {
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      maxAge: ctx.config.session.maxHours * 3600,
    });
  };

  app.post(
    '/login',
    {
      config: { auth: 'none', ...limited },
      schema: { tags: TAGS, summary: 'Log in with username and password', body: LoginInputSchema },
    },
    async (request, reply) => {
      const { token, info } = await login({ ctx, input: request.body, meta: request.meta });
      setCookie(request, reply, token);
      return info;
    },
  );

  app.get(
    '/session',
    { config: { auth: 'partial' }, schema: { tags: TAGS, summary: 'The current session' } },
    async (request) => {
      const { session, actor } = sessionOf(request);
      return buildSessionInfo(ctx, ctx.db, session, actor);
    },
  );

  app.post(
    '/mfa/verify',
    {
      config: { auth: 'partial', ...limited },
      schema: { tags: TAGS, summary: 'Second-factor step', body: TotpCodeInputSchema },
    },
    async (request) =>
      verifyMfa({ ctx, current: sessionOf(request), input: request.body, meta: request.meta }),
  );

  app.post(
    '/mfa/enroll',
    {
      config: { auth: 'partial', ...limited },
      schema: { tags: TAGS, summary: 'Start enrolling an authenticator app' },
    },
    async (request) => startMfaEnrollment({ ctx, current: sessionOf(request) }),
  );

  app.post(
    '/mfa/enroll/confirm',
    {
      config: { auth: 'partial', ...limited },
      schema: {
        tags: TAGS,
        summary: 'Confirm the authenticator app with a code',
        body: TotpCodeInputSchema,
      },
    },
    async (request) =>
      confirmMfaEnrollment({
        ctx,
        current: sessionOf(request),
        input: request.body,
        meta: request.meta,
      }),
  );

  for (const [path, everywhere] of [
    ['/logout', false],
    ['/logout-all', true],
  ] as const) {
    app.post(
      path,
      {
        config: { auth: 'partial' },
        schema: {
          tags: TAGS,
          summary: everywhere ? 'End every session of the user' : 'End this session',
        },
      },
      async (request, reply) => {
        await logout({ ctx, current: sessionOf(request), everywhere, meta: request.meta });
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );
  }
};
