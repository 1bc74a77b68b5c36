import {
  IdSchema,
  NationalPlanInputSchema,
  NationalPlanUpdateInputSchema,
  WorkplanActivityInputSchema,
  WorkplanActivityUpdateInputSchema,
  WorkplanCopyInputSchema,
  WorkplanCreateInputSchema,
  WorkplanListQuerySchema,
  WorkplanUpdateInputSchema,
} from '@ctip/domain';
import {
  addWorkplanActivity,
  copyWorkplan,
  createNationalPlan,
  createWorkplan,
  getWorkplan,
  listNationalPlans,
  listWorkplans,
  removeWorkplanActivity,
  type ServiceContext,
  updateNationalPlan,
  updateWorkplan,
  updateWorkplanActivity,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const IdParams = z.strictObject({ id: IdSchema });
const ActivityParams = z.strictObject({ id: IdSchema, activityId: IdSchema });
const NpaQuery = z.strictObject({
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});

/**
 * Plans (workplans area): national plans of action, annual workplans, their activities and the
 * copy of a workplan into another year. Registered under /api.
 */
export const plansWorkplansRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['plans'];
  app.get(
    '/plans/national-plans',
    { schema: { tags, summary: 'National plans of action', querystring: NpaQuery } },
    async (request) =>
      listNationalPlans({ ctx, auth: authOf(request), country: request.query.country }),
  );
  app.post(
    '/plans/national-plans',
    {
      schema: { tags, summary: 'Record a national plan of action', body: NationalPlanInputSchema },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createNationalPlan({ ctx, auth: authOf(request), input: request.body })),
  );
  app.put(
    '/plans/national-plans/:id',
    {
      schema: {
        tags,
        summary: 'Change a national plan of action',
        params: IdParams,
        body: NationalPlanUpdateInputSchema,
      },
    },
    async (request) =>
      updateNationalPlan({
        ctx,
        auth: authOf(request),
        id: request.params.id,
        input: request.body,
      }),
  );
  app.get(
    '/plans/workplans',
    { schema: { tags, summary: 'Workplans', querystring: WorkplanListQuerySchema } },
    async (request) => listWorkplans({ ctx, auth: authOf(request), query: request.query }),
  );
  app.post(
    '/plans/workplans',
    { schema: { tags, summary: 'Start a workplan', body: WorkplanCreateInputSchema } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createWorkplan({ ctx, auth: authOf(request), input: request.body })),
  );
  app.get(
    '/plans/workplans/:id',
    { schema: { tags, summary: 'A workplan for the editor', params: IdParams } },
    async (request) => getWorkplan({ ctx, auth: authOf(request), id: request.params.id }),
  );
  app.put(
    '/plans/workplans/:id',
    {
      schema: {
        tags,
        summary: "Change a workplan's header",
        params: IdParams,
        body: WorkplanUpdateInputSchema,
      },
    },
    async (request) =>
      updateWorkplan({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );
  app.post(
    '/plans/workplans/:id/copy',
    {
      schema: {
        tags,
        summary: 'Copy a workplan into another year',
        params: IdParams,
        body: WorkplanCopyInputSchema.optional(),
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await copyWorkplan({
          ctx,
          auth: authOf(request),
          id: request.params.id,
          input: request.body ?? {},
        }),
      ),
  );
  app.post(
    '/plans/workplans/:id/activities',
    {
      schema: {
        tags,
        summary: 'Add an activity to a workplan',
        params: IdParams,
        body: WorkplanActivityInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addWorkplanActivity({
          ctx,
          auth: authOf(request),
          workplanId: request.params.id,
          input: request.body,
        }),
      ),
  );
  app.put(
    '/plans/workplans/:id/activities/:activityId',
    {
      schema: {
        tags,
        summary: 'Change a workplan activity',
        params: ActivityParams,
        body: WorkplanActivityUpdateInputSchema,
      },
    },
    async (request) =>
      updateWorkplanActivity({
        ctx,
        auth: authOf(request),
        workplanId: request.params.id,
        activityId: request.params.activityId,
        input: request.body,
      }),
  );
  app.delete(
    '/plans/workplans/:id/activities/:activityId',
    { schema: { tags, summary: 'Remove a workplan activity', params: ActivityParams } },
    async (request) =>
      removeWorkplanActivity({
        ctx,
        auth: authOf(request),
        workplanId: request.params.id,
        activityId: request.params.activityId,
      }),
  );
};
