import {
  ApprovalInputSchema,
  ApprovalListQuerySchema,
  DataElementInputSchema,
  DataElementUpdateInputSchema,
  DataEntryFormQuerySchema,
  DataEntrySaveInputSchema,
  IdSchema,
  IndicatorInputSchema,
  IndicatorUpdateInputSchema,
  RuleUpdateInputSchema,
  StatSettingsInputSchema,
  UnapprovalInputSchema,
  ViolationAnnotateInputSchema,
  ViolationListQuerySchema,
} from '@ctip/domain';
import {
  annotateViolation,
  approveDataSet,
  createDataElement,
  createIndicator,
  getDataEntryForm,
  getStatSettings,
  listApprovals,
  listDataElements,
  listDataSets,
  listIndicators,
  listSources,
  listValidationRules,
  listViolations,
  type ServiceContext,
  saveDataValues,
  setRuleEnabled,
  unapproveDataSet,
  updateDataElement,
  updateIndicator,
  updateStatSettings,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const CodeParams = z.strictObject({ code: z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/) });
const ViolationParams = z.strictObject({ id: IdSchema });

/**
 * Statistics (core area): definitions (elements, data sets, indicators, rules, sources), disclosure
 * settings, entry forms, validation findings and approvals. Registered under /api.
 */
export const statisticsCoreRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['statistics'];
  app.get(
    '/statistics/elements',
    { schema: { tags, summary: 'Data elements with their dimensions' } },
    async (request) => listDataElements({ ctx, auth: authOf(request) }),
  );
  app.post(
    '/statistics/elements',
    { schema: { tags, summary: 'Define a data element', body: DataElementInputSchema } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createDataElement({ ctx, auth: authOf(request), input: request.body })),
  );
  app.put(
    '/statistics/elements/:code',
    {
      schema: {
        tags,
        summary: 'Change a data element',
        params: CodeParams,
        body: DataElementUpdateInputSchema,
      },
    },
    async (request) =>
      updateDataElement({
        ctx,
        auth: authOf(request),
        code: request.params.code,
        input: request.body,
      }),
  );
  app.get(
    '/statistics/data-sets',
    { schema: { tags, summary: 'Data sets with their elements and form dimensions' } },
    async (request) => listDataSets({ ctx, auth: authOf(request) }),
  );
  app.get(
    '/statistics/indicators',
    { schema: { tags, summary: 'Indicators (expressions over data elements)' } },
    async (request) => listIndicators({ ctx, auth: authOf(request) }),
  );
  app.post(
    '/statistics/indicators',
    { schema: { tags, summary: 'Define an indicator', body: IndicatorInputSchema } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createIndicator({ ctx, auth: authOf(request), input: request.body })),
  );
  app.put(
    '/statistics/indicators/:code',
    {
      schema: {
        tags,
        summary: 'Change an indicator',
        params: CodeParams,
        body: IndicatorUpdateInputSchema,
      },
    },
    async (request) =>
      updateIndicator({
        ctx,
        auth: authOf(request),
        code: request.params.code,
        input: request.body,
      }),
  );
  app.get('/statistics/rules', { schema: { tags, summary: 'Validation rules' } }, async (request) =>
    listValidationRules({ ctx, auth: authOf(request) }),
  );
  app.put(
    '/statistics/rules/:code',
    {
      schema: {
        tags,
        summary: 'Enable or disable a validation rule',
        params: CodeParams,
        body: RuleUpdateInputSchema,
      },
    },
    async (request) =>
      setRuleEnabled({
        ctx,
        auth: authOf(request),
        code: request.params.code,
        input: request.body,
      }),
  );
  app.get(
    '/statistics/sources',
    { schema: { tags, summary: 'Sources cited by values' } },
    async (request) => listSources({ ctx, auth: authOf(request) }),
  );
  app.get(
    '/statistics/settings',
    { schema: { tags, summary: 'Disclosure threshold, zero suppression, fiscal start months' } },
    async (request) => getStatSettings({ ctx, auth: authOf(request) }),
  );
  app.put(
    '/statistics/settings',
    { schema: { tags, summary: 'Change statistics settings', body: StatSettingsInputSchema } },
    async (request) => updateStatSettings({ ctx, auth: authOf(request), input: request.body }),
  );
  app.get(
    '/statistics/entry',
    {
      schema: {
        tags,
        summary: 'Entry form of a data set for a country and period',
        querystring: DataEntryFormQuerySchema,
      },
    },
    async (request) => getDataEntryForm({ ctx, auth: authOf(request), query: request.query }),
  );
  app.put(
    '/statistics/entry',
    {
      schema: {
        tags,
        summary: 'Save values of an entry form (all or nothing)',
        body: DataEntrySaveInputSchema,
      },
    },
    async (request) => saveDataValues({ ctx, auth: authOf(request), input: request.body }),
  );
  app.get(
    '/statistics/violations',
    {
      schema: { tags, summary: 'Validation findings', querystring: ViolationListQuerySchema },
    },
    async (request) => listViolations({ ctx, auth: authOf(request), query: request.query }),
  );
  app.post(
    '/statistics/violations/:id/annotate',
    {
      schema: {
        tags,
        summary: 'Explain a finding (it stays visible as Annotated)',
        params: ViolationParams,
        body: ViolationAnnotateInputSchema,
      },
    },
    async (request) =>
      annotateViolation({
        ctx,
        auth: authOf(request),
        violationId: request.params.id,
        input: request.body,
      }),
  );
  app.get(
    '/statistics/approvals',
    { schema: { tags, summary: 'Approvals', querystring: ApprovalListQuerySchema } },
    async (request) => listApprovals({ ctx, auth: authOf(request), query: request.query }),
  );
  app.post(
    '/statistics/approvals/approve',
    {
      schema: {
        tags,
        summary: 'Approve a data set for a country and period (locks it, publishes it)',
        body: ApprovalInputSchema,
      },
    },
    async (request) => approveDataSet({ ctx, auth: authOf(request), input: request.body }),
  );
  app.post(
    '/statistics/approvals/unapprove',
    {
      schema: {
        tags,
        summary: 'Un-approve with a reason (unlocks it, withdraws the publication)',
        body: UnapprovalInputSchema,
      },
    },
    async (request) => unapproveDataSet({ ctx, auth: authOf(request), input: request.body }),
  );
};
