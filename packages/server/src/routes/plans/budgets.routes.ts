import type { ServiceContext } from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Plans (budgets area): registered under /api. */
export const plansBudgetsRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  _app,
  _opts,
) => {};
