import {
  FollowUpRecordInputSchema,
  FollowUpReportQuerySchema,
  FundPaymentInputSchema,
  IdSchema,
  ReintegrationInputSchema,
  ServiceFeedbackInputSchema,
  ShelterStayInputSchema,
  SupportPlanInputSchema,
  SupportServiceInputSchema,
  TaskListQuerySchema,
} from '@ctip/domain';
import {
  CountryRuleQuerySchema,
  completeTask,
  FollowUpScheduleInputSchema,
  findCountryRules,
  findFollowUps,
  findFundPayments,
  findServiceFeedback,
  findShelterStays,
  findTasks,
  getCaseServices,
  getFollowUpReport,
  recordFollowUp,
  recordFundPayment,
  recordServiceFeedback,
  recordShelterStay,
  recordSupportService,
  reintegrateCase,
  type ServiceContext,
  ShelterStayUpdateSchema,
  SupportServiceUpdateSchema,
  saveSupportPlan,
  scheduleFollowUp,
  updateShelterStay,
  updateSupportService,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const IdParams = z.strictObject({ id: IdSchema });
const SubParams = z.strictObject({ id: IdSchema, subId: IdSchema });

/** Protection and services: support plans, services, shelter stays, fund payments, tasks, follow-ups. */
export const protectionRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['protection'];
  app.get(
    '/cases/:id/support-plans',
    { schema: { tags, summary: "A case's support plans and services", params: IdParams } },
    async (request) => getCaseServices({ ctx, auth: authOf(request), caseId: request.params.id }),
  );
  app.post(
    '/cases/:id/support-plans',
    {
      schema: {
        tags,
        summary: 'Create a support plan',
        params: IdParams,
        body: SupportPlanInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await saveSupportPlan({
          ctx,
          auth: authOf(request),
          caseId: request.params.id,
          input: request.body,
        }),
      ),
  );
  app.put(
    '/cases/:id/support-plans/:subId',
    {
      schema: {
        tags,
        summary: 'Change a support plan',
        params: SubParams,
        body: SupportPlanInputSchema,
      },
    },
    async (request) =>
      saveSupportPlan({
        ctx,
        auth: authOf(request),
        caseId: request.params.id,
        planId: request.params.subId,
        input: request.body,
      }),
  );
  app.get(
    '/cases/:id/services',
    { schema: { tags, summary: "A case's services", params: IdParams } },
    async (request) =>
      (await getCaseServices({ ctx, auth: authOf(request), caseId: request.params.id })).services,
  );
  app.post(
    '/cases/:id/services',
    {
      schema: {
        tags,
        summary: 'Record a service',
        params: IdParams,
        body: SupportServiceInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await recordSupportService({
          ctx,
          auth: authOf(request),
          caseId: request.params.id,
          input: request.body,
        }),
      ),
  );
  app.patch(
    '/cases/:id/services/:subId',
    {
      schema: {
        tags,
        summary: 'Change a service',
        params: SubParams,
        body: SupportServiceUpdateSchema,
      },
    },
    async (request) =>
      updateSupportService({
        ctx,
        auth: authOf(request),
        caseId: request.params.id,
        serviceId: request.params.subId,
        input: request.body,
      }),
  );
  app.get(
    '/cases/:id/shelter-stays',
    { schema: { tags, summary: "A case's shelter stays with their phase", params: IdParams } },
    async (request) => findShelterStays({ ctx, auth: authOf(request), caseId: request.params.id }),
  );
  app.post(
    '/cases/:id/shelter-stays',
    {
      schema: {
        tags,
        summary: 'Record a shelter stay',
        params: IdParams,
        body: ShelterStayInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await recordShelterStay({
          ctx,
          auth: authOf(request),
          caseId: request.params.id,
          input: request.body,
        }),
      ),
  );
  app.patch(
    '/cases/:id/shelter-stays/:subId',
    {
      schema: {
        tags,
        summary: 'Discharge or change a stay',
        params: SubParams,
        body: ShelterStayUpdateSchema,
      },
    },
    async (request) =>
      updateShelterStay({
        ctx,
        auth: authOf(request),
        caseId: request.params.id,
        stayId: request.params.subId,
        input: request.body,
      }),
  );
  app.get(
    '/cases/:id/fund-payments',
    { schema: { tags, summary: "A case's fund payments", params: IdParams } },
    async (request) => findFundPayments({ ctx, auth: authOf(request), caseId: request.params.id }),
  );
  app.post(
    '/cases/:id/fund-payments',
    {
      schema: {
        tags,
        summary: 'Record a fund payment',
        params: IdParams,
        body: FundPaymentInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await recordFundPayment({
          ctx,
          auth: authOf(request),
          caseId: request.params.id,
          input: request.body,
        }),
      ),
  );
  app.post(
    '/cases/:id/reintegration',
    {
      schema: {
        tags,
        summary: 'Record the reintegration and schedule follow-ups',
        params: IdParams,
        body: ReintegrationInputSchema,
      },
    },
    async (request) =>
      reintegrateCase({
        ctx,
        auth: authOf(request),
        caseId: request.params.id,
        input: request.body,
      }),
  );
  app.get(
    '/cases/:id/follow-ups',
    { schema: { tags, summary: "A case's follow-ups", params: IdParams } },
    async (request) => findFollowUps({ ctx, auth: authOf(request), caseId: request.params.id }),
  );
  app.post(
    '/cases/:id/follow-ups',
    {
      schema: {
        tags,
        summary: 'Schedule one more follow-up',
        params: IdParams,
        body: FollowUpScheduleInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await scheduleFollowUp({
          ctx,
          auth: authOf(request),
          caseId: request.params.id,
          input: request.body,
        }),
      ),
  );
  app.post(
    '/follow-ups/:id',
    {
      schema: {
        tags,
        summary: "Record a follow-up's outcome",
        params: IdParams,
        body: FollowUpRecordInputSchema,
      },
    },
    async (request) =>
      recordFollowUp({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );
  app.get(
    '/cases/:id/feedback',
    { schema: { tags, summary: "A client's feedback on services", params: IdParams } },
    async (request) =>
      findServiceFeedback({ ctx, auth: authOf(request), caseId: request.params.id }),
  );
  app.post(
    '/cases/:id/feedback',
    {
      schema: {
        tags,
        summary: 'Record feedback on a service',
        params: IdParams,
        body: ServiceFeedbackInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await recordServiceFeedback({
          ctx,
          auth: authOf(request),
          caseId: request.params.id,
          input: request.body,
        }),
      ),
  );
  app.get(
    '/tasks',
    { schema: { tags, summary: 'My or my agency’s tasks', querystring: TaskListQuerySchema } },
    async (request) => findTasks({ ctx, auth: authOf(request), query: request.query }),
  );
  app.post(
    '/tasks/:id/complete',
    {
      schema: {
        tags,
        summary: 'Complete a task (done: false reopens it)',
        params: IdParams,
        body: z.strictObject({ done: z.boolean().default(true) }).nullish(),
      },
    },
    async (request) =>
      completeTask({
        ctx,
        auth: authOf(request),
        id: request.params.id,
        done: request.body?.done ?? true,
      }),
  );
  app.get(
    '/country-rules',
    {
      schema: {
        tags,
        summary: 'Country rules (fund caps, deadlines, shelter phases)',
        querystring: CountryRuleQuerySchema,
      },
    },
    async (request) => findCountryRules({ ctx, auth: authOf(request), query: request.query }),
  );
  app.get(
    '/reports/follow-up',
    {
      schema: {
        tags,
        summary: 'Follow-up report (counts, codes only)',
        querystring: FollowUpReportQuerySchema,
      },
    },
    async (request) => getFollowUpReport({ ctx, auth: authOf(request), query: request.query }),
  );
};
