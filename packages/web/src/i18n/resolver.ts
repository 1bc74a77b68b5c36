import type { FieldValues, Resolver } from 'react-hook-form';
import { i18n } from './i18n';

type ErrorNode = { type?: unknown; message?: unknown; ref?: unknown; [key: string]: unknown };

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function valueAt(values: unknown, path: string[]): unknown {
  let current: unknown = values;
  for (const key of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const KNOWN = new Set([
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_type',
  'invalid_value',
  'unrecognized_keys',
  'custom',
  'mismatch',
]);

function translateNode(node: unknown, values: unknown, path: string[]): void {
  if (node === null || typeof node !== 'object') {
    return;
  }
  const error = node as ErrorNode;
  if (typeof error.type === 'string' && typeof error.message === 'string') {
    const type = isEmpty(valueAt(values, path)) ? 'required' : error.type;
    error.message = i18n.t(
      `validation.${KNOWN.has(type) || type === 'required' ? type : 'invalid'}`,
    );
  }
  for (const [key, child] of Object.entries(error)) {
    if (key !== 'ref' && key !== 'type' && key !== 'message' && key !== 'types') {
      translateNode(child, values, [...path, key]);
    }
  }
}

/**
 * Wrap a schema resolver (zodResolver of a @ctip/domain schema) so its messages are translated:
 * the schemas carry English messages, so the text is chosen by issue code, and "required" when the
 * field is empty.
 * @param resolver - The resolver to wrap.
 * @returns A resolver with the same types whose error messages are in the current language.
 */
export function translated<I extends FieldValues, C, O>(
  resolver: Resolver<I, C, O>,
): Resolver<I, C, O> {
  return async (values, context, options) => {
    const result = await resolver(values, context, options);
    for (const [key, node] of Object.entries(result.errors)) {
      translateNode(node, values, [key]);
    }
    return result;
  };
}
