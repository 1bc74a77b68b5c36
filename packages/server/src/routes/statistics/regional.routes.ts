import { PublishedSetListQuerySchema } from '@ctip/domain';
import { getPublishedSet, listPublishedSets, type ServiceContext } from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const SetParams = z.strictObject({
  dataSet: z.string().min(2).max(60),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be a country code'),
  period: z.string().min(4).max(10),
});

/**
 * Statistics (regional area): the published, disclosure-controlled sets — on the regional node
 * what the countries pushed, on a national node what it published. Registered under /api.
 */
export const statisticsRegionalRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['statistics'];
  app.get(
    '/statistics/regional/sets',
    {
      schema: {
        tags,
        summary: 'Published sets by country, data set and period (received or published here)',
        querystring: PublishedSetListQuerySchema,
      },
    },
    async (request) => listPublishedSets({ ctx, auth: authOf(request), query: request.query }),
  );
  app.get(
    '/statistics/regional/sets/:dataSet/:country/:period',
    {
      schema: {
        tags,
        summary: 'One published set with its disclosure-controlled cells',
        params: SetParams,
      },
    },
    async (request) => getPublishedSet({ ctx, auth: authOf(request), key: request.params }),
  );
};
