/** An empty text field as "not given" (the schemas treat '' as invalid, absent as fine). */
export function emptyToUndefined(value: unknown): unknown {
  return value === '' || value === null ? undefined : value;
}

/** Today's ISO date in the browser (UTC, as the server counts). */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
