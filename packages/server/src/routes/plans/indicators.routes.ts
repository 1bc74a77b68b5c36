import {
  CountryIndicatorInputSchema,
  IdSchema,
  IndicatorDashboardQuerySchema,
  IndicatorYearsInputSchema,
  PlanIndicatorCreateInputSchema,
  PlanIndicatorListQuerySchema,
  PlanIndicatorUpdateInputSchema,
} from '@ctip/domain';
import {
  createPlanIndicator,
  getCountryIndicator,
  getIndicatorDashboard,
  getPlanIndicator,
  listPlanIndicators,
  removeCountryIndicator,
  type ServiceContext,
  saveCountryIndicator,
  saveIndicatorYears,
  updatePlanIndicator,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const IdParams = z.strictObject({ id: IdSchema });
const CountryParams = z.strictObject({ id: IdSchema, country: z.string().regex(/^[A-Z]{2}$/) });
const VersionQuery = z.strictObject({ version: z.coerce.number().int().min(1) });

/**
 * Plans (indicators area): indicator definitions per framework node, each country's selection
 * with baseline, annual progress markers and actuals, and the indicator dashboard. Registered
 * under /api.
 */
export const plansIndicatorsRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['plans'];
  app.get(
    '/plans/indicators',
    { schema: { tags, summary: 'Plan indicators', querystring: PlanIndicatorListQuerySchema } },
    async (request) => listPlanIndicators({ ctx, auth: authOf(request), query: request.query }),
  );
  app.post(
    '/plans/indicators',
    {
      schema: {
        tags,
        summary: 'Define an indicator on a framework node',
        body: PlanIndicatorCreateInputSchema,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createPlanIndicator({ ctx, auth: authOf(request), input: request.body })),
  );
  app.get(
    '/plans/indicators/:id',
    { schema: { tags, summary: 'One plan indicator', params: IdParams } },
    async (request) => getPlanIndicator({ ctx, auth: authOf(request), id: request.params.id }),
  );
  app.put(
    '/plans/indicators/:id',
    {
      schema: {
        tags,
        summary: 'Change an indicator definition',
        params: IdParams,
        body: PlanIndicatorUpdateInputSchema,
      },
    },
    async (request) =>
      updatePlanIndicator({
        ctx,
        auth: authOf(request),
        id: request.params.id,
        input: request.body,
      }),
  );
  app.get(
    '/plans/indicators/:id/countries/:country',
    { schema: { tags, summary: "A country's selection of an indicator", params: CountryParams } },
    async (request) =>
      getCountryIndicator({
        ctx,
        auth: authOf(request),
        id: request.params.id,
        country: request.params.country,
      }),
  );
  app.put(
    '/plans/indicators/:id/countries/:country',
    {
      schema: {
        tags,
        summary: 'Select an indicator for a country or change its baseline',
        params: CountryParams,
        body: CountryIndicatorInputSchema,
      },
    },
    async (request) =>
      saveCountryIndicator({
        ctx,
        auth: authOf(request),
        id: request.params.id,
        country: request.params.country,
        input: request.body,
      }),
  );
  app.delete(
    '/plans/indicators/:id/countries/:country',
    {
      schema: {
        tags,
        summary: "Drop a country's selection of an indicator",
        params: CountryParams,
        querystring: VersionQuery,
      },
    },
    async (request, reply) => {
      await removeCountryIndicator({
        ctx,
        auth: authOf(request),
        id: request.params.id,
        country: request.params.country,
        version: request.query.version,
      });
      return reply.status(204).send();
    },
  );
  app.put(
    '/plans/indicators/:id/countries/:country/years',
    {
      schema: {
        tags,
        summary: 'Annual progress markers and manual actuals of a country indicator',
        params: CountryParams,
        body: IndicatorYearsInputSchema,
      },
    },
    async (request) =>
      saveIndicatorYears({
        ctx,
        auth: authOf(request),
        id: request.params.id,
        country: request.params.country,
        input: request.body,
      }),
  );
  app.get(
    '/plans/indicator-dashboard',
    {
      schema: { tags, summary: 'Indicator dashboard', querystring: IndicatorDashboardQuerySchema },
    },
    async (request) => getIndicatorDashboard({ ctx, auth: authOf(request), query: request.query }),
  );
};
