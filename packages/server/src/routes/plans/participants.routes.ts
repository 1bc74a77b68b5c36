import type { ServiceContext } from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Plans (participants area): registered under /api. */
export const plansParticipantsRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  _app,
  _opts,
) => {};
