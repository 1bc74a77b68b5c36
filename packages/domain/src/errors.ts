/**
 * The one error type the domain, services and server raise on purpose.
 * The server maps `code` to an HTTP status through one table; the web translates by `code`.
 */
export type DomainErrorCode =
  | 'INVALID_INPUT'
  /** The caller is not logged in, or the session has expired. */
  | 'UNAUTHENTICATED'
  /** The caller is logged in but no policy grants the action. */
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  /** Username/password (or second factor) did not match; deliberately vague. */
  | 'INVALID_CREDENTIALS'
  /** Too many failed logins; `retryAfterSeconds` in details. */
  | 'ACCOUNT_LOCKED'
  /** The session passed the password step but still needs a second factor. */
  | 'MFA_REQUIRED'
  /** The user's role can read personal records and the user has not enrolled a second factor yet. */
  | 'MFA_ENROLLMENT_REQUIRED'
  | 'CSRF_INVALID'
  | 'RATE_LIMITED'
  /** The request body exceeds the configured limit. */
  | 'PAYLOAD_TOO_LARGE'
  | 'CONSENT_REQUIRED';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Name of the offending input field, when there is one (dotted path). */
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: DomainErrorCode,
    message: string,
    options: { field?: string; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }
}

/** Narrow an unknown thrown value to a DomainError. */
export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
