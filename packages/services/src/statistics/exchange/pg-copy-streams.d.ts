declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';
  /** A COPY … FROM STDIN query: a pg Submittable that is also a writable stream. */
  export function from(text: string): Writable & { rowCount?: number };
}
