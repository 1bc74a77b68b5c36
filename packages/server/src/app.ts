import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '@ctip/db';
import { closePdfRenderer, type ServiceContext } from '@ctip/services';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppConfig } from './config';
import { startDeliverer } from './federation/deliverer';
import { authPlugin } from './plugins/auth';
import { frameworkErrorHandler, registerErrorHandler } from './plugins/error-handler';
import { inputGuardPlugin } from './plugins/input-guard';
import { agencyRoutes, auditRoutes, roleRoutes } from './routes/admin.routes';
import { authRoutes } from './routes/auth.routes';
import { caseTransferRoutes } from './routes/cases/case-transfer.routes';
import { casesRoutes } from './routes/cases/cases.routes';
import { hotlineRoutes } from './routes/cases/hotline.routes';
import { protectionRoutes } from './routes/cases/protection.routes';
import { referralsRoutes } from './routes/cases/referrals.routes';
import { screeningRoutes } from './routes/cases/screening.routes';
import { agreementsRoutes } from './routes/crossborder/agreements.routes';
import { meetingsRoutes } from './routes/crossborder/meetings.routes';
import { xbCasesRoutes } from './routes/crossborder/xb-cases.routes';
import { federationInboxRoutes } from './routes/federation/inbox.routes';
import { federationRoutes } from './routes/federation/peers.routes';
import { plansBudgetsRoutes } from './routes/plans/budgets.routes';
import { plansCaseStudiesRoutes } from './routes/plans/case-studies.routes';
import { plansFrameworksRoutes } from './routes/plans/frameworks.routes';
import { plansIndicatorsRoutes } from './routes/plans/indicators.routes';
import { plansParticipantsRoutes } from './routes/plans/participants.routes';
import { plansProgressRoutes } from './routes/plans/progress.routes';
import { plansReportsRoutes } from './routes/plans/reports.routes';
import { plansTrainingsRoutes } from './routes/plans/trainings.routes';
import { plansWorkplansRoutes } from './routes/plans/workplans.routes';
import { referenceRoutes } from './routes/reference.routes';
import { statisticsCoreRoutes } from './routes/statistics/core.routes';
import { statisticsDerivedRoutes } from './routes/statistics/derived.routes';
import { statisticsExchangeRoutes } from './routes/statistics/exchange.routes';
import { statisticsRegionalRoutes } from './routes/statistics/regional.routes';
import { meRoutes, userRoutes } from './routes/users.routes';

/** Redacting logger options: no cookies, tokens, bodies or query strings (they may hold names). */
function loggerOptions(level: string) {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
    },
  };
}

/**
 * Build the application (not listening). Tiers: external plugins, app plugins, routes (STYLE §6).
 * @param deps - the parsed config and an open database
 */
export async function buildApp(deps: {
  config: AppConfig;
  db: Db;
  now?: () => Date;
}): Promise<FastifyInstance> {
  const { config, db } = deps;
  const ctx: ServiceContext = { db, config: config.services, now: deps.now ?? (() => new Date()) };
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  if (config.federationPollMs > 0) {
    const deliverer = startDeliverer(ctx, config.federationPollMs, app.log);
    ctx.federation = deliverer;
    app.addHook('onClose', async () => deliverer.stop());
  }
  // The rights-notification PDFs keep one Chromium warm; it goes with the app.
  app.addHook('onClose', async () => closePdfRenderer());

  // 1. External plugins.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Mekong CTIP API',
        version: '0.1.0',
        description: 'National node API. Session cookie + X-CSRF-Token on unsafe methods.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // 2. App plugins.
  await app.register(authPlugin, { ctx });
  await app.register(inputGuardPlugin);

  // 3. Routes.
  app.get(
    '/api/health',
    { config: { auth: 'none' }, schema: { tags: ['system'], summary: 'Liveness' } },
    async () => ({ status: 'ok' }),
  );
  await app.register(authRoutes, {
    prefix: '/api/auth',
    ctx,
    rateLimitPerMinute: config.rateLimitAuthPerMinute,
  });
  await app.register(meRoutes, { prefix: '/api/me', ctx });
  await app.register(userRoutes, { prefix: '/api/users', ctx });
  await app.register(agencyRoutes, { prefix: '/api/agencies', ctx });
  await app.register(roleRoutes, { prefix: '/api/roles', ctx });
  await app.register(auditRoutes, { prefix: '/api/audit', ctx });
  await app.register(referenceRoutes, { prefix: '/api/reference', ctx });
  // Cases module (NRM): each area registers its own paths under /api.
  await app.register(caseTransferRoutes, { prefix: '/api', ctx });
  await app.register(casesRoutes, { prefix: '/api', ctx });
  await app.register(screeningRoutes, { prefix: '/api', ctx });
  await app.register(hotlineRoutes, { prefix: '/api', ctx });
  await app.register(referralsRoutes, { prefix: '/api', ctx });
  await app.register(protectionRoutes, { prefix: '/api', ctx });
  // Cross-border module (TRM): the federation inbox (peers, signed messages), then the API.
  await app.register(federationInboxRoutes, { ctx });
  await app.register(federationRoutes, { prefix: '/api', ctx });
  await app.register(agreementsRoutes, { prefix: '/api', ctx });
  await app.register(xbCasesRoutes, { prefix: '/api', ctx });
  await app.register(meetingsRoutes, { prefix: '/api', ctx });
  // Statistics module: each area registers its own paths under /api/statistics.
  await app.register(statisticsCoreRoutes, { prefix: '/api', ctx });
  await app.register(statisticsExchangeRoutes, { prefix: '/api', ctx });
  await app.register(statisticsDerivedRoutes, { prefix: '/api', ctx });
  await app.register(statisticsRegionalRoutes, { prefix: '/api', ctx });
  // Plans module (M&E): each area registers its own paths under /api/plans.
  await app.register(plansFrameworksRoutes, { prefix: '/api', ctx });
  await app.register(plansWorkplansRoutes, { prefix: '/api', ctx });
  await app.register(plansProgressRoutes, { prefix: '/api', ctx });
  await app.register(plansIndicatorsRoutes, { prefix: '/api', ctx });
  await app.register(plansBudgetsRoutes, { prefix: '/api', ctx });
  await app.register(plansTrainingsRoutes, { prefix: '/api', ctx });
  await app.register(plansCaseStudiesRoutes, { prefix: '/api', ctx });
  await app.register(plansParticipantsRoutes, { prefix: '/api', ctx });
  await app.register(plansReportsRoutes, { prefix: '/api', ctx });

  const dist = config.webDistDir;
  const hasWeb = dist !== null && existsSync(join(dist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: dist,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
    });
  }
  app.setNotFoundHandler(
    { preHandler: app.rateLimit({ max: 300, timeWindow: 60_000 }) },
    async (request, reply) => {
      if (!request.url.startsWith('/api/') && request.method === 'GET' && hasWeb) {
        return reply.sendFile('index.html');
      }
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No such endpoint' } });
    },
  );
  return app;
}
