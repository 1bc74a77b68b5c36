import type { ServiceContext } from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Plans (workplans area): registered under /api. */
export const plansWorkplansRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  _app,
  _opts,
) => {};
