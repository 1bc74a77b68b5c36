import {
  IdSchema,
  PasswordChangeInputSchema,
  ProfileUpdateInputSchema,
  UserCreateInputSchema,
  UserUpdateInputSchema,
} from '@ctip/domain';
import {
  changePassword,
  createUser,
  findUsers,
  getUserById,
  type ServiceContext,
  setUserDisabled,
  UserListQuerySchema,
  updateProfile,
  updateUser,
} from '@ctip/services';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../plugins/auth';

const IdParams = z.strictObject({ id: IdSchema });

/** User administration. */
export const userRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const tags = ['users'];
  app.get(
    '/',
    { schema: { tags, summary: 'List users', querystring: UserListQuerySchema } },
    async (request) => findUsers({ ctx, auth: authOf(request), query: request.query }),
  );
  app.post(
    '/',
    { schema: { tags, summary: 'Create a user', body: UserCreateInputSchema } },
    async (request, reply) =>
      reply.status(201).send(await createUser({ ctx, auth: authOf(request), input: request.body })),
  );
  app.get('/:id', { schema: { tags, summary: 'One user', params: IdParams } }, async (request) =>
    getUserById({ ctx, auth: authOf(request), id: request.params.id }),
  );
  app.patch(
    '/:id',
    { schema: { tags, summary: 'Change a user', params: IdParams, body: UserUpdateInputSchema } },
    async (request) =>
      updateUser({ ctx, auth: authOf(request), id: request.params.id, input: request.body }),
  );
  app.post(
    '/:id/disable',
    { schema: { tags, summary: 'Disable a user', params: IdParams } },
    async (request) =>
      setUserDisabled({ ctx, auth: authOf(request), id: request.params.id, disabled: true }),
  );
  app.post(
    '/:id/enable',
    { schema: { tags, summary: 'Enable a user', params: IdParams } },
    async (request) =>
      setUserDisabled({ ctx, auth: authOf(request), id: request.params.id, disabled: false }),
  );
};

/** The caller's own profile. */
export const meRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const tags = ['profile'];
  app.patch(
    '/',
    { schema: { tags, summary: 'Change my profile', body: ProfileUpdateInputSchema } },
    async (request) => updateProfile({ ctx, auth: authOf(request), input: request.body }),
  );
  app.post(
    '/password',
    { schema: { tags, summary: 'Change my password', body: PasswordChangeInputSchema } },
    async (request, reply) => {
      await changePassword({ ctx, auth: authOf(request), input: request.body });
      return reply.status(204).send();
    },
  );
};
