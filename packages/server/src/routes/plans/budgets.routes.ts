import {
  BudgetInputSchema,
  BudgetListQuerySchema,
  BudgetUpdateInputSchema,
  IdSchema,
} from '@ctip/domain';
import {
  createBudget,
  deleteBudget,
  getBudget,
  getBudgetTotals,
  listBudgets,
  type ServiceContext,
  updateBudget,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const IdParams = z.strictObject({ id: IdSchema });

/**
 * Plans (budgets area): budget allocations with their money checks and USD totals by country ×
 * year and by area. Registered under /api.
 */
export const plansBudgetsRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['plans'];
  app.get(
    '/plans/budgets',
    {
      schema: {
        tags,
        summary: 'Budget allocations with totals',
        querystring: BudgetListQuerySchema,
      },
    },
    async (request) => listBudgets({ ctx, auth: authOf(request), query: request.query }),
  );
  app.get(
    '/plans/budgets/totals',
    {
      schema: {
        tags,
        summary: 'USD totals of budget allocations',
        querystring: BudgetListQuerySchema,
      },
    },
    async (request) => getBudgetTotals({ ctx, auth: authOf(request), query: request.query }),
  );
  app.post(
    '/plans/budgets',
    { schema: { tags, summary: 'Record a budget allocation', body: BudgetInputSchema } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createBudget({ ctx, auth: authOf(request), input: request.body })),
  );
  app.get(
    '/plans/budgets/:id',
    { schema: { tags, summary: 'A budget allocation', params: IdParams } },
    async (request) => getBudget({ ctx, auth: authOf(request), id: request.params.id }),
  );
  app.put(
    '/plans/budgets/:id',
    {
      schema: {
        tags,
        summary: 'Change a budget allocation',
        params: IdParams,
        body: BudgetUpdateInputSchema,
      },
    },
    async (request) =>
      updateBudget({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );
  app.delete(
    '/plans/budgets/:id',
    { schema: { tags, summary: 'Delete a budget allocation', params: IdParams } },
    async (request, reply) => {
      await deleteBudget({ ctx, auth: authOf(request), id: request.params.id });
      return reply.status(204).send();
    },
  );
};
