import { DomainError } from '@ctip/domain';
import type { z } from 'zod';

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
  if (!field && issue?.code === 'unrecognized_keys') {
    field = String(issue.keys[0]).slice(0, 100);
  }
  const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'Invalid input';
  throw new DomainError('INVALID_INPUT', message, field ? { field } : {});
}
