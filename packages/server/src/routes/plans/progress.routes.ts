import type { ServiceContext } from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Plans (progress area): registered under /api. */
export const plansProgressRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  _app,
  _opts,
) => {};
