import type { ServiceContext } from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Plans (frameworks area): registered under /api. */
export const plansFrameworksRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  _app,
  _opts,
) => {};
