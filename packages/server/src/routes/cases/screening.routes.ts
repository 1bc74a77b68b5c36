import { IdSchema, ScreeningCreateInputSchema, ScreeningListQuerySchema } from '@ctip/domain';
import { createScreening, findScreenings, getScreening, type ServiceContext } from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const IdParams = z.strictObject({ id: IdSchema });

/** First-responder screenings (COMMIT indicators), saved without opening a case. */
export const screeningRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['screenings'];
  app.post(
    '/screenings',
    { schema: { tags, summary: 'Record a screening', body: ScreeningCreateInputSchema } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createScreening({ ctx, auth: authOf(request), input: request.body })),
  );
  app.get(
    '/screenings',
    { schema: { tags, summary: 'List screenings', querystring: ScreeningListQuerySchema } },
    async (request) => findScreenings({ ctx, auth: authOf(request), query: request.query }),
  );
  app.get(
    '/screenings/:id',
    { schema: { tags, summary: 'One screening (audited)', params: IdParams } },
    async (request) => getScreening({ ctx, auth: authOf(request), id: request.params.id }),
  );
};
