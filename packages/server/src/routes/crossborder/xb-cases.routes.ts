import {
  IdSchema,
  REPATRIATION_STEPS,
  XbAcceptInputSchema,
  XbCloseInputSchema,
  XbListQuerySchema,
  XbOutcomeInputSchema,
  XbReferralCreateInputSchema,
  XbRejectInputSchema,
  XbStepUpdateInputSchema,
} from '@ctip/domain';
import {
  acceptXbCase,
  closeXbCase,
  createXbReferral,
  findXbCases,
  getXbCase,
  listCaseXbCases,
  rejectXbCase,
  reportXbOutcome,
  type ServiceContext,
  updateXbStep,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

// `:id`, as every other case route names it (one parameter name per path position).
const CaseParams = z.strictObject({ id: IdSchema });
const XbParams = z.strictObject({ xbCaseId: IdSchema });
const StepParams = z.strictObject({ xbCaseId: IdSchema, step: z.enum(REPATRIATION_STEPS) });

/**
 * Cross-border referral and repatriation as one shared case: send a case to another country,
 * outgoing and incoming lists, the shared timeline, accept/reject, step updates, outcomes, close.
 * Registered under /api.
 */
export const xbCasesRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['cross-border'];
  app.post(
    '/cases/:id/cross-border',
    {
      schema: {
        tags,
        summary: 'Refer a case to another country (consent-checked, policy fields only)',
        params: CaseParams,
        body: XbReferralCreateInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createXbReferral({
          ctx,
          auth: authOf(request),
          caseId: request.params.id,
          input: request.body,
        }),
      ),
  );
  app.get(
    '/cases/:id/cross-border',
    { schema: { tags, summary: 'Cross-border cases of a case', params: CaseParams } },
    async (request) => listCaseXbCases({ ctx, auth: authOf(request), caseId: request.params.id }),
  );
  app.get(
    '/cross-border/cases',
    {
      schema: {
        tags,
        summary: 'Outgoing and incoming shared cases (no personal data)',
        querystring: XbListQuerySchema,
      },
    },
    async (request) => findXbCases({ ctx, auth: authOf(request), query: request.query }),
  );
  app.get(
    '/cross-border/cases/:xbCaseId',
    { schema: { tags, summary: 'A shared case with its timeline', params: XbParams } },
    async (request) => getXbCase({ ctx, auth: authOf(request), xbCaseId: request.params.xbCaseId }),
  );
  app.post(
    '/cross-border/cases/:xbCaseId/accept',
    {
      schema: {
        tags,
        summary: 'Accept an incoming referral (opens the local case)',
        params: XbParams,
        body: XbAcceptInputSchema.default({}),
      },
    },
    async (request) =>
      acceptXbCase({
        ctx,
        auth: authOf(request),
        xbCaseId: request.params.xbCaseId,
        input: request.body,
      }),
  );
  app.post(
    '/cross-border/cases/:xbCaseId/reject',
    {
      schema: {
        tags,
        summary: 'Reject an incoming referral with a reason',
        params: XbParams,
        body: XbRejectInputSchema,
      },
    },
    async (request) =>
      rejectXbCase({
        ctx,
        auth: authOf(request),
        xbCaseId: request.params.xbCaseId,
        input: request.body,
      }),
  );
  app.patch(
    '/cross-border/cases/:xbCaseId/steps/:step',
    {
      schema: {
        tags,
        summary: 'Update a step this side owns',
        params: StepParams,
        body: XbStepUpdateInputSchema,
      },
    },
    async (request) =>
      updateXbStep({
        ctx,
        auth: authOf(request),
        xbCaseId: request.params.xbCaseId,
        step: request.params.step,
        input: request.body,
      }),
  );
  app.post(
    '/cross-border/cases/:xbCaseId/outcomes',
    {
      schema: {
        tags,
        summary: 'Report a service or follow-up outcome back',
        params: XbParams,
        body: XbOutcomeInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await reportXbOutcome({
          ctx,
          auth: authOf(request),
          xbCaseId: request.params.xbCaseId,
          input: request.body,
        }),
      ),
  );
  app.post(
    '/cross-border/cases/:xbCaseId/close',
    {
      schema: {
        tags,
        summary: 'Close the shared case',
        params: XbParams,
        body: XbCloseInputSchema.default({}),
      },
    },
    async (request) =>
      closeXbCase({
        ctx,
        auth: authOf(request),
        xbCaseId: request.params.xbCaseId,
        input: request.body,
      }),
  );
};
