import type { DomainErrorCode } from '@ctip/domain';

/** Codes the web adds for failures that never reached the server's error mapping. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNKNOWN_ERROR';
export type ApiErrorCode = DomainErrorCode | ClientErrorCode;

/** A failed API call, parsed from `{ error: { code, message, field?, details? } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  /** Dotted path of the offending input field, when the server named one. */
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    options: { field?: string; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }
}

/** Narrow an unknown thrown value to an ApiError. */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

// A record, so the compiler points here when DomainErrorCode gains a code.
const KNOWN_CODES: Record<DomainErrorCode, true> = {
  INVALID_INPUT: true,
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  CONFLICT: true,
  INVALID_CREDENTIALS: true,
  ACCOUNT_LOCKED: true,
  MFA_REQUIRED: true,
  MFA_ENROLLMENT_REQUIRED: true,
  CSRF_INVALID: true,
  RATE_LIMITED: true,
  PAYLOAD_TOO_LARGE: true,
  CONSENT_REQUIRED: true,
};

function isDomainErrorCode(code: string): code is DomainErrorCode {
  return Object.hasOwn(KNOWN_CODES, code);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turn a non-2xx response body into an ApiError, by `code` (never by message). */
export function parseApiError(status: number, body: unknown): ApiError {
  const err = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (!err) {
    return new ApiError(status, 'UNKNOWN_ERROR', `HTTP ${status}`);
  }
  const rawCode = typeof err.code === 'string' ? err.code : '';
  const code: ApiErrorCode = isDomainErrorCode(rawCode) ? rawCode : 'UNKNOWN_ERROR';
  const message = typeof err.message === 'string' ? err.message : `HTTP ${status}`;
  const field =
    typeof err.field === 'string' ? err.field : typeof err.path === 'string' ? err.path : undefined;
  const details = isRecord(err.details) ? err.details : undefined;
  return new ApiError(status, code, message, { field, details });
}

let csrfToken: string | null = null;

/** Remember the CSRF token of the current session; sent on every unsafe request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** Build `path?query` leaving out empty values. */
export function withQuery(path: string, params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') {
      continue;
    }
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Call the API with JSON in and out, the session cookie, and the CSRF header on unsafe methods.
 * @param method - HTTP method.
 * @param path - Absolute path starting with `/api/`.
 * @param body - JSON body, if any.
 * @returns The parsed JSON body, or `undefined` for 204.
 * @throws ApiError on any non-2xx answer or network failure.
 */
export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : 'network');
  }
  const text = response.status === 204 ? '' : await response.text();
  let parsed: unknown;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    throw parseApiError(response.status, parsed);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, params?: QueryParams): Promise<T> =>
    apiRequest<T>('GET', withQuery(path, params)),
  post: <T>(path: string, body?: unknown): Promise<T> => apiRequest<T>('POST', path, body),
  patch: <T>(path: string, body?: unknown): Promise<T> => apiRequest<T>('PATCH', path, body),
  put: <T>(path: string, body?: unknown): Promise<T> => apiRequest<T>('PUT', path, body),
  delete: <T>(path: string): Promise<T> => apiRequest<T>('DELETE', path),
};
