import {
  IdSchema,
  ParticipantImportInputSchema,
  ParticipantInputSchema,
  ParticipantUpdateInputSchema,
} from '@ctip/domain';
import {
  addMeetingParticipant,
  importMeetingParticipants,
  listMeetingParticipants,
  removeMeetingParticipant,
  type ServiceContext,
  updateMeetingParticipant,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../plugins/auth';

const MeetingParams = z.strictObject({ meetingId: IdSchema });
const ParticipantParams = z.strictObject({ meetingId: IdSchema, participantId: IdSchema });

/**
 * Plans (participants area): the participants of a meeting by section and country, edited one by
 * one or imported from a CSV (preview, then commit; all-or-nothing). Registered under /api.
 */
export const plansParticipantsRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['meetings', 'plans'];
  app.get(
    '/meetings/:meetingId/participants',
    {
      schema: { tags, summary: 'Participants by section and country', params: MeetingParams },
    },
    async (request) =>
      listMeetingParticipants({
        ctx,
        auth: authOf(request),
        meetingId: request.params.meetingId,
      }),
  );
  app.post(
    '/meetings/:meetingId/participants',
    {
      schema: {
        tags,
        summary: 'Add a participant',
        params: MeetingParams,
        body: ParticipantInputSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addMeetingParticipant({
          ctx,
          auth: authOf(request),
          meetingId: request.params.meetingId,
          input: request.body,
        }),
      ),
  );
  app.post(
    '/meetings/:meetingId/participants/import',
    {
      schema: {
        tags,
        summary:
          'Import a participants CSV: preview (commit false) with row-level errors, or commit (all-or-nothing)',
        params: MeetingParams,
        body: ParticipantImportInputSchema,
      },
    },
    async (request) =>
      importMeetingParticipants({
        ctx,
        auth: authOf(request),
        meetingId: request.params.meetingId,
        input: request.body,
      }),
  );
  app.patch(
    '/meetings/:meetingId/participants/:participantId',
    {
      schema: {
        tags,
        summary: 'Edit a participant at a version',
        params: ParticipantParams,
        body: ParticipantUpdateInputSchema,
      },
    },
    async (request) =>
      updateMeetingParticipant({
        ctx,
        auth: authOf(request),
        meetingId: request.params.meetingId,
        participantId: request.params.participantId,
        input: request.body,
      }),
  );
  app.delete(
    '/meetings/:meetingId/participants/:participantId',
    { schema: { tags, summary: 'Remove a participant', params: ParticipantParams } },
    async (request, reply) => {
      await removeMeetingParticipant({
        ctx,
        auth: authOf(request),
        meetingId: request.params.meetingId,
        participantId: request.params.participantId,
      });
      return reply.status(204).send();
    },
  );
};
