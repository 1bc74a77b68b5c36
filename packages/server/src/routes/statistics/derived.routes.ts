import { ComparisonQuerySchema, OverviewQuerySchema, StatQuerySchema } from '@ctip/domain';
import {
  compareStatistics,
  exportStatTable,
  getRegionalOverview,
  queryStatTable,
  type ServiceContext,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const QueryFormat = z.strictObject({
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  /** Language of the labels and notes of a download. */
  lang: z.enum(['en', 'km', 'zh', 'lo', 'my', 'th', 'vi']).optional(),
});

/**
 * Statistics (derived area): pivot tables and their downloads, the regional overview, and the
 * comparison of case-derived counts with official figures. Registered under /api.
 */
export const statisticsDerivedRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['statistics'];
  app.post(
    '/statistics/query',
    {
      schema: {
        tags,
        summary: 'A pivot table of one element or indicator (?format=csv|xlsx: download)',
        body: StatQuerySchema,
        querystring: QueryFormat,
      },
    },
    async (request, reply) => {
      const { format, lang } = request.query;
      if (format === 'json') {
        return queryStatTable(ctx, authOf(request), request.body);
      }
      const file = await exportStatTable(ctx, authOf(request), request.body, format, lang);
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(file.content);
    },
  );
  app.get(
    '/statistics/overview',
    { schema: { tags, summary: 'The regional dashboard', querystring: OverviewQuerySchema } },
    async (request) => getRegionalOverview(ctx, authOf(request), request.query),
  );
  app.get(
    '/statistics/comparison',
    {
      schema: {
        tags,
        summary: 'Case-derived counts beside the official figures, with reasons',
        querystring: ComparisonQuerySchema,
      },
    },
    async (request) => compareStatistics(ctx, authOf(request), request.query),
  );
};
