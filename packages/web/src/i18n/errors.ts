import type { TFunction } from 'i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { isApiError } from '../api/client';

/**
 * The translated text for a failed call, chosen by error code (never by the server's message).
 * @param t - Translation function.
 * @param err - Whatever was thrown.
 * @returns A sentence in the current language.
 */
export function errorText(t: TFunction, err: unknown): string {
  if (!isApiError(err)) {
    return t('error.UNKNOWN_ERROR');
  }
  if (err.code === 'ACCOUNT_LOCKED' || err.code === 'RATE_LIMITED') {
    const seconds = Number(err.details?.retryAfterSeconds);
    if (Number.isFinite(seconds) && seconds > 0) {
      return t(`error.${err.code}_retry`, { minutes: Math.max(1, Math.ceil(seconds / 60)) });
    }
  }
  return t(`error.${err.code}`);
}

/**
 * Put a server error that names a field next to that field of the form.
 * @param t - Translation function.
 * @param err - Whatever was thrown.
 * @param setError - The form's setError.
 * @param fields - Field names the form shows.
 * @returns true when the error was attached to a field, false when the caller must show it.
 */
export function applyFieldError<T extends FieldValues>(
  t: TFunction,
  err: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): boolean {
  if (!isApiError(err) || !err.field) {
    return false;
  }
  const top = err.field.split('.')[0] as Path<T>;
  const name = fields.includes(err.field as Path<T>) ? (err.field as Path<T>) : top;
  if (!fields.includes(name)) {
    return false;
  }
  const message =
    err.code === 'INVALID_INPUT'
      ? t('validation.invalid')
      : err.code === 'CONFLICT'
        ? t('validation.taken')
        : errorText(t, err);
  setError(name, { type: 'server', message }, { shouldFocus: true });
  return true;
}
