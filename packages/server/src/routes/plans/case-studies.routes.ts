import {
  CASE_STUDY_TRANSITIONS,
  CaseStudyInputSchema,
  CaseStudyListQuerySchema,
  CaseStudyTransitionInputSchema,
  CaseStudyUpdateInputSchema,
  IdSchema,
} from '@ctip/domain';
import {
  createCaseStudy,
  deleteCaseStudy,
  getCaseStudy,
  listCaseStudies,
  listCaseStudyAreas,
  type ServiceContext,
  transitionCaseStudy,
  updateCaseStudy,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const Params = z.strictObject({ id: IdSchema });
const TransitionParams = z.strictObject({
  id: IdSchema,
  transition: z.enum(CASE_STUDY_TRANSITIONS),
});

/** Plans (case-studies area): case studies for the monitoring report. Registered under /api. */
export const plansCaseStudiesRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['plans'];
  app.get(
    '/plans/case-studies',
    {
      schema: {
        tags,
        summary:
          'Case studies the caller may read (filter by framework, country, year, area, status)',
        querystring: CaseStudyListQuerySchema,
      },
    },
    async (request) => listCaseStudies({ ctx, auth: authOf(request), query: request.query }),
  );
  app.get(
    '/plans/case-studies/areas',
    {
      schema: {
        tags,
        summary: 'The areas (or outcomes) of a framework, for the case-study forms',
        querystring: z.strictObject({ framework: z.string().trim().min(1).max(20) }),
      },
    },
    async (request) =>
      listCaseStudyAreas({ ctx, auth: authOf(request), framework: request.query.framework }),
  );
  app.post(
    '/plans/case-studies',
    { schema: { tags, summary: 'Write a draft case study', body: CaseStudyInputSchema } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createCaseStudy({ ctx, auth: authOf(request), input: request.body })),
  );
  app.get(
    '/plans/case-studies/:id',
    { schema: { tags, summary: 'One case study', params: Params } },
    async (request) => getCaseStudy({ ctx, auth: authOf(request), id: request.params.id }),
  );
  app.patch(
    '/plans/case-studies/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft case study at a version',
        params: Params,
        body: CaseStudyUpdateInputSchema,
      },
    },
    async (request) =>
      updateCaseStudy({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );
  app.delete(
    '/plans/case-studies/:id',
    { schema: { tags, summary: 'Delete a draft case study', params: Params } },
    async (request, reply) => {
      await deleteCaseStudy({ ctx, auth: authOf(request), id: request.params.id });
      return reply.status(204).send();
    },
  );
  app.post(
    '/plans/case-studies/:id/:transition',
    {
      schema: {
        tags,
        summary: 'submit (the country), approve or return with a reason (the Secretariat)',
        params: TransitionParams,
        body: CaseStudyTransitionInputSchema,
      },
    },
    async (request) =>
      transitionCaseStudy({
        ctx,
        auth: authOf(request),
        id: request.params.id,
        transition: request.params.transition,
        input: request.body,
      }),
  );
};
