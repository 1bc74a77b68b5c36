/**
 * Local date-time helpers for `<input type="datetime-local">`, whose value carries no offset, and
 * the API, which wants ISO 8601 with one.
 */

function pad(n: number): string {
  return String(Math.trunc(Math.abs(n))).padStart(2, '0');
}

/** `YYYY-MM-DDTHH:mm` of an instant in the browser's time zone. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`;
}

/**
 * ISO 8601 with the browser's offset for a `datetime-local` value, or '' when it is not one.
 * ### Example
 * In Bangkok, `localInputToIso('2026-12-01T09:30')` → `'2026-12-01T09:30:00+07:00'`.
 */
export function localInputToIso(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) {
    return '';
  }
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${value}:00${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** The browser's offset east of UTC in minutes, now. */
export function utcOffsetMinutes(date = new Date()): number {
  return -date.getTimezoneOffset();
}

/** `YYYY-MM` of the month `delta` months from `date`, local time. */
export function monthOf(date: Date, delta = 0): string {
  const d = new Date(date.getFullYear(), date.getMonth() + delta, 1);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}
