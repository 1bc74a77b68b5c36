import { DomainError } from '@ctip/domain';
import type { z } from 'zod';

const SAFE_FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Validate input with a domain schema.
 * @throws INVALID_INPUT naming the first offending field (dotted path) and the reason
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const issue = result.error.issues[0];
  let field = issue?.path.length ? issue.path.join('.') : undefined;
  let reason = issue?.message;
  if (issue?.code === 'unrecognized_keys') {
    // The key is the caller's text (zod's message quotes it): repeat it only if it looks like a name.
    const key = String(issue.keys[0]);
    field = field ?? (SAFE_FIELD.test(key) ? key : undefined);
    reason = 'unknown field';
  }
  const message = issue ? `${field ? `${field}: ` : ''}${reason}` : 'Invalid input';
  throw new DomainError('INVALID_INPUT', message, field ? { field } : {});
}
