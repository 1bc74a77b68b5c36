import { DomainError } from '@ctip/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** A lone (unpaired) UTF-16 surrogate: not text, and silently replaced on its way to the database. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Field names that are safe to repeat back in an error. */
const SAFE_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Whether a string cannot be stored as text: PostgreSQL refuses NUL; a lone surrogate is corrupted. */
function unstorable(s: string): boolean {
  return s.includes('\u0000') || LONE_SURROGATE.test(s);
}

/**
 * The path of the first unstorable string or key in `value`, or null. The path names only what can be
 * repeated safely: field names, and indexes under them; below an odd key or a bare array it stops.
 */
function findUnstorable(value: unknown, path: string[], frozen = false): string[] | null {
  if (typeof value === 'string') {
    return unstorable(value) ? path : null;
  }
  if (Array.isArray(value)) {
    const freeze = frozen || path.length === 0;
    for (const [i, v] of value.entries()) {
      const found = findUnstorable(v, freeze ? path : [...path, String(i)], freeze);
      if (found) {
        return found;
      }
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (unstorable(k)) {
        return path;
      }
      const freeze = frozen || !SAFE_KEY.test(k);
      const found = findUnstorable(v, freeze ? path : [...path, k], freeze);
      if (found) {
        return found;
      }
    }
  }
  return null;
}

/**
 * Refuse, before validation, any request whose path parameters, query or JSON body hold text the
 * database cannot store faithfully (a NUL character, broken UTF-16). Without this, a NUL in any
 * free-text field reached PostgreSQL and failed as a 500.
 */
export const inputGuardPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const path = findUnstorable(value, []);
      if (path) {
        const field = path.length > 0 ? path.join('.') : part;
        throw new DomainError(
          'INVALID_INPUT',
          `${field}: contains a character that is not allowed (NUL or broken Unicode)`,
          { field },
        );
      }
    }
  });
});
