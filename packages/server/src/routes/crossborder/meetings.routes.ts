import {
  ActionItemInputSchema,
  ActionItemUpdateInputSchema,
  AgendaItemInputSchema,
  AgendaItemUpdateInputSchema,
  DecisionInputSchema,
  IdSchema,
  MeetingInputSchema,
  MeetingListQuerySchema,
  MeetingUpdateInputSchema,
  ReconciliationQuerySchema,
} from '@ctip/domain';
import {
  addActionItem,
  addAgendaItem,
  addDecision,
  createMeeting,
  deleteAgendaItem,
  deleteDecision,
  deleteMeeting,
  exportReconciliationCsv,
  findMeetings,
  getMeeting,
  getMeetingSchedule,
  reconcileReturnsFor,
  type ServiceContext,
  updateActionItem,
  updateAgendaItem,
  updateMeeting,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const MeetingParams = z.strictObject({ meetingId: IdSchema });
const AgendaParams = z.strictObject({ meetingId: IdSchema, itemId: IdSchema });
const DecisionParams = z.strictObject({ meetingId: IdSchema, decisionId: IdSchema });
const ActionParams = z.strictObject({ meetingId: IdSchema, actionId: IdSchema });
const ReconciliationRouteQuery = ReconciliationQuerySchema.extend({
  format: z.enum(['json', 'csv']).default('json'),
});

/**
 * Case-management meetings (and the other bilateral and COMMIT meetings): list, schedule per
 * agreement rhythm, agenda, minutes, decisions and action items; and the reconciliation of returns
 * between two countries. Registered under /api.
 */
export const meetingsRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['meetings'];
  app.get(
    '/meetings',
    { schema: { tags, summary: 'Meetings, newest first', querystring: MeetingListQuerySchema } },
    async (request) => findMeetings({ ctx, auth: authOf(request), query: request.query }),
  );
  app.post(
    '/meetings',
    {
      schema: {
        tags,
        summary: 'Plan a meeting (agenda built from the open shared cases of the pair)',
        body: MeetingInputSchema,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createMeeting({ ctx, auth: authOf(request), input: request.body })),
  );
  app.get(
    '/meetings/schedule',
    { schema: { tags, summary: 'When each agreement’s case-management meetings are due' } },
    async (request) => getMeetingSchedule({ ctx, auth: authOf(request) }),
  );
  app.get(
    '/meetings/:meetingId',
    {
      schema: {
        tags,
        summary: 'A meeting with agenda, decisions and actions',
        params: MeetingParams,
      },
    },
    async (request) =>
      getMeeting({ ctx, auth: authOf(request), meetingId: request.params.meetingId }),
  );
  app.patch(
    '/meetings/:meetingId',
    {
      schema: {
        tags,
        summary: 'Change a meeting (minutes, held date, status) at a version',
        params: MeetingParams,
        body: MeetingUpdateInputSchema,
      },
    },
    async (request) =>
      updateMeeting({
        ctx,
        auth: authOf(request),
        meetingId: request.params.meetingId,
        input: request.body,
      }),
  );
  app.delete(
    '/meetings/:meetingId',
    { schema: { tags, summary: 'Delete a planned meeting', params: MeetingParams } },
    async (request, reply) => {
      await deleteMeeting({ ctx, auth: authOf(request), meetingId: request.params.meetingId });
      return reply.status(204).send();
    },
  );
  app.post(
    '/meetings/:meetingId/agenda',
    {
      schema: {
        tags,
        summary: 'Add an agenda item',
        params: MeetingParams,
        body: AgendaItemInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addAgendaItem({
          ctx,
          auth: authOf(request),
          meetingId: request.params.meetingId,
          input: request.body,
        }),
      ),
  );
  app.patch(
    '/meetings/:meetingId/agenda/:itemId',
    {
      schema: {
        tags,
        summary: 'Change an agenda item',
        params: AgendaParams,
        body: AgendaItemUpdateInputSchema,
      },
    },
    async (request) =>
      updateAgendaItem({
        ctx,
        auth: authOf(request),
        meetingId: request.params.meetingId,
        itemId: request.params.itemId,
        input: request.body,
      }),
  );
  app.delete(
    '/meetings/:meetingId/agenda/:itemId',
    { schema: { tags, summary: 'Remove an agenda item', params: AgendaParams } },
    async (request) =>
      deleteAgendaItem({
        ctx,
        auth: authOf(request),
        meetingId: request.params.meetingId,
        itemId: request.params.itemId,
      }),
  );
  app.post(
    '/meetings/:meetingId/decisions',
    {
      schema: {
        tags,
        summary: 'Record a decision',
        params: MeetingParams,
        body: DecisionInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addDecision({
          ctx,
          auth: authOf(request),
          meetingId: request.params.meetingId,
          input: request.body,
        }),
      ),
  );
  app.delete(
    '/meetings/:meetingId/decisions/:decisionId',
    { schema: { tags, summary: 'Remove a decision', params: DecisionParams } },
    async (request) =>
      deleteDecision({
        ctx,
        auth: authOf(request),
        meetingId: request.params.meetingId,
        decisionId: request.params.decisionId,
      }),
  );
  app.post(
    '/meetings/:meetingId/actions',
    {
      schema: {
        tags,
        summary: 'Add an action item (owner, due date)',
        params: MeetingParams,
        body: ActionItemInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addActionItem({
          ctx,
          auth: authOf(request),
          meetingId: request.params.meetingId,
          input: request.body,
        }),
      ),
  );
  app.patch(
    '/meetings/:meetingId/actions/:actionId',
    {
      schema: {
        tags,
        summary: 'Change an action item (owner, due date, status)',
        params: ActionParams,
        body: ActionItemUpdateInputSchema,
      },
    },
    async (request) =>
      updateActionItem({
        ctx,
        auth: authOf(request),
        meetingId: request.params.meetingId,
        actionId: request.params.actionId,
        input: request.body,
      }),
  );
  app.get(
    '/cross-border/reconciliation',
    {
      schema: {
        tags,
        summary: 'Returns sent by A against received by B, by sex and age group, with mismatches',
        querystring: ReconciliationRouteQuery,
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      if (format === 'csv') {
        const r = await exportReconciliationCsv(ctx, authOf(request), query);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${r.filename}"`)
          .header('cache-control', 'no-store')
          .send(r.csv);
      }
      return reconcileReturnsFor(ctx, authOf(request), query);
    },
  );
};
