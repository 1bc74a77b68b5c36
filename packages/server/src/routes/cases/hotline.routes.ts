import {
  HotlineCallCreateInputSchema,
  HotlineCallListQuerySchema,
  HotlineCallUpdateInputSchema,
  HotlineReferInputSchema,
  HotlineStatsQuerySchema,
  IdSchema,
} from '@ctip/domain';
import {
  createHotlineCall,
  findHotlineCalls,
  getHotlineCall,
  getHotlineStats,
  referHotlineCall,
  type ServiceContext,
  updateHotlineCall,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const IdParams = z.strictObject({ id: IdSchema });

/** The hotline call log, referrals from calls and monthly statistics. */
export const hotlineRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['hotline'];
  app.post(
    '/hotline/calls',
    { schema: { tags, summary: 'Log a call', body: HotlineCallCreateInputSchema } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createHotlineCall({ ctx, auth: authOf(request), input: request.body })),
  );
  app.get(
    '/hotline/calls',
    { schema: { tags, summary: 'List calls', querystring: HotlineCallListQuerySchema } },
    async (request) => findHotlineCalls({ ctx, auth: authOf(request), query: request.query }),
  );
  app.get(
    '/hotline/calls/:id',
    { schema: { tags, summary: 'One call (audited)', params: IdParams } },
    async (request) => getHotlineCall({ ctx, auth: authOf(request), id: request.params.id }),
  );
  app.patch(
    '/hotline/calls/:id',
    {
      schema: {
        tags,
        summary: 'Change a call (link a case)',
        params: IdParams,
        body: HotlineCallUpdateInputSchema,
      },
    },
    async (request) =>
      updateHotlineCall({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );
  app.post(
    '/hotline/calls/:id/refer',
    {
      schema: {
        tags,
        summary: 'Refer from a call (no personal data)',
        params: IdParams,
        body: HotlineReferInputSchema,
      },
    },
    async (request) =>
      referHotlineCall({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );
  app.get(
    '/hotline/stats',
    { schema: { tags, summary: 'Monthly statistics', querystring: HotlineStatsQuerySchema } },
    async (request) => getHotlineStats({ ctx, auth: authOf(request), query: request.query }),
  );
};
