import {
  IdSchema,
  TrainingInputSchema,
  TrainingListQuerySchema,
  TrainingUpdateInputSchema,
} from '@ctip/domain';
import {
  createTraining,
  deleteTraining,
  getTraining,
  getTrainingTotals,
  listTrainings,
  type ServiceContext,
  updateTraining,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const IdParams = z.strictObject({ id: IdSchema });

/**
 * Plans (budgets area): training events with participants by trainee type × sex, linked targets
 * and totals. Registered under /api.
 */
export const plansTrainingsRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['plans'];
  app.get(
    '/plans/trainings',
    {
      schema: {
        tags,
        summary: 'Training events with totals',
        querystring: TrainingListQuerySchema,
      },
    },
    async (request) => listTrainings({ ctx, auth: authOf(request), query: request.query }),
  );
  app.get(
    '/plans/trainings/totals',
    {
      schema: { tags, summary: 'Totals of training events', querystring: TrainingListQuerySchema },
    },
    async (request) => getTrainingTotals({ ctx, auth: authOf(request), query: request.query }),
  );
  app.post(
    '/plans/trainings',
    { schema: { tags, summary: 'Record a training event', body: TrainingInputSchema } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createTraining({ ctx, auth: authOf(request), input: request.body })),
  );
  app.get(
    '/plans/trainings/:id',
    { schema: { tags, summary: 'A training event', params: IdParams } },
    async (request) => getTraining({ ctx, auth: authOf(request), id: request.params.id }),
  );
  app.put(
    '/plans/trainings/:id',
    {
      schema: {
        tags,
        summary: 'Change a training event',
        params: IdParams,
        body: TrainingUpdateInputSchema,
      },
    },
    async (request) =>
      updateTraining({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );
  app.delete(
    '/plans/trainings/:id',
    { schema: { tags, summary: 'Delete a training event', params: IdParams } },
    async (request, reply) => {
      await deleteTraining({ ctx, auth: authOf(request), id: request.params.id });
      return reply.status(204).send();
    },
  );
};
