import { type DomainErrorCode, isDomainError } from '@ctip/domain';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** HTTP status for each domain error code (the one place this mapping lives). */
export const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  MFA_REQUIRED: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  MFA_ENROLLMENT_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CONSENT_REQUIRED: 409,
  PAYLOAD_TOO_LARGE: 413,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
};

/** The error body every endpoint uses. */
export type ErrorBody = {
  error: {
    code: DomainErrorCode;
    message: string;
    field?: string;
    details?: Record<string, unknown>;
  };
};

function clip(value: string, max = 100): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** A field name that is safe to repeat back: anything else may be an attacker's text. */
const SAFE_FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Turn a schema-validation failure into a field-named INVALID_INPUT body. */
function validationBody(
  err: FastifyError & {
    validation: { instancePath: string; message?: string; params?: Record<string, unknown> }[];
  },
  context: string | undefined,
): ErrorBody {
  const first = err.validation[0];
  let field = first?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
  const keys = first?.params?.keys;
  if (!field && Array.isArray(keys) && typeof keys[0] === 'string') {
    // An unknown key is the client's text: name it only when it looks like a field name.
    field = SAFE_FIELD.test(keys[0]) ? keys[0] : (context ?? 'body');
  }
  const where = field || context || 'request';
  const reason =
    first?.message && !/Unrecognized key/.test(first.message) ? first.message : 'unknown field';
  // A rule over the whole part (such as "nothing to change") names the part itself.
  const named = field || context;
  return {
    error: {
      code: 'INVALID_INPUT',
      message: `${where}: ${clip(reason, 200)}`,
      ...(named ? { field: named } : {}),
    },
  };
}

/**
 * Errors the router raises before any route or hook runs (a bad escape in the path, an over-long path
 * parameter). Fastify's own bodies repeat the path; these say only what is wrong.
 */
export function frameworkErrorHandler(
  err: FastifyError,
  _request: unknown,
  reply: FastifyReply,
): void {
  if (err.code === 'FST_ERR_BAD_URL' || err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    reply.status(400).send({
      error: { code: 'INVALID_INPUT', message: 'The request path is malformed or too long' },
    });
    return;
  }
  reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal Server Error' } });
}

/** Map every thrown error to `{ error: { code, message, field? } }`; 5xx bodies say only that. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (isDomainError(err)) {
      const body: ErrorBody = {
        error: {
          code: err.code,
          message: err.message,
          ...(err.field ? { field: err.field } : {}),
          ...(err.details ? { details: err.details } : {}),
        },
      };
      if (err.code === 'ACCOUNT_LOCKED' && typeof err.details?.retryAfterSeconds === 'number') {
        reply.header('retry-after', String(err.details.retryAfterSeconds));
      }
      return reply.status(STATUS_BY_CODE[err.code]).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      return reply.status(400).send(validationBody(err, err.validationContext));
    }
    if (err.statusCode === 429) {
      return reply
        .status(429)
        .send({ error: { code: 'RATE_LIMITED', message: 'Too many requests; slow down' } });
    }
    if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .status(413)
        .send({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' } });
    }
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      // Parser and protocol errors (malformed JSON, wrong content type…): never echo the input.
      const message =
        err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'body: send application/json'
          : err.code?.startsWith('FST_ERR_CTP')
            ? 'body: not valid JSON'
            : 'The request is malformed';
      return reply.status(400).send({ error: { code: 'INVALID_INPUT', message, field: 'body' } });
    }
    request.log.error(
      { err: { type: err.name, code: err.code, stack: err.stack } },
      'request failed',
    );
    return reply
      .status(500)
      .send({ error: { code: 'INTERNAL', message: 'Internal Server Error' } });
  });
}
