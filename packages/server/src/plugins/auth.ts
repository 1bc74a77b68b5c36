import { timingSafeEqual } from 'node:crypto';
import { DomainError } from '@ctip/domain';
import {
  type AuthContext,
  type RequestMeta,
  type ResolvedSession,
  resolveSession,
  type ServiceContext,
} from '@ctip/services';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export const SESSION_COOKIE = 'ctip_session';

/**
 * Who may call a route: `none` (public), `partial` (a session still owing its second factor is
 * enough: the MFA and logout routes), `complete` (default: a fully logged-in session).
 */
export type RouteAuth = 'none' | 'partial' | 'complete';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    current: ResolvedSession | null;
    meta: RequestMeta;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The authenticated caller of a route declared `complete` (always set there). */
export function authOf(request: FastifyRequest): AuthContext {
  const current = request.current;
  if (!current) {
    throw new DomainError('UNAUTHENTICATED', 'Log in first');
  }
  return { actor: current.actor, sessionId: current.session.id, meta: request.meta };
}

/** The session of a route declared `partial` or `complete`. */
export function sessionOf(request: FastifyRequest): ResolvedSession {
  if (!request.current) {
    throw new DomainError('UNAUTHENTICATED', 'Log in first');
  }
  return request.current;
}

/**
 * Resolve the session cookie on every API request and enforce, deny-by-default, the route's `auth`
 * level and the CSRF token on unsafe methods.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: { ctx: ServiceContext }) => {
  app.decorateRequest('current', null);
  app.decorateRequest('meta', null as unknown as RequestMeta);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.meta = {
      requestId: String(request.id),
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
    };
    reply.header('x-request-id', String(request.id));
    // Decide by the matched route as well as the raw URL: an encoded path such as /%61pi/users
    // matches the /api/users route without starting with /api/.
    const path = request.routeOptions.url ?? request.url;
    const isApi = path.startsWith('/api/') || request.url.startsWith('/api/');
    if (!isApi || path.startsWith('/api/docs')) {
      return;
    }
    const level: RouteAuth = request.routeOptions.config?.auth ?? 'complete';
    if (level === 'none') {
      // Public routes (health, login) never look at a session: spare them its queries.
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    request.current = token ? await resolveSession(opts.ctx, token) : null;
    const current = request.current;
    if (!current) {
      throw new DomainError('UNAUTHENTICATED', 'Log in first');
    }
    if (UNSAFE.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, current.session.csrf_token)) {
        throw new DomainError(
          'CSRF_INVALID',
          'Missing or wrong X-CSRF-Token header; reload the page',
        );
      }
    }
    if (level === 'complete' && current.session.stage !== 'complete') {
      throw current.session.stage === 'mfa_required'
        ? new DomainError('MFA_REQUIRED', 'Enter the code from your authenticator app first')
        : new DomainError('MFA_ENROLLMENT_REQUIRED', 'Set up an authenticator app first');
    }
  });
});
