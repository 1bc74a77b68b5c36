import { z } from 'zod';

/** Trimmed, non-empty, bounded text. */
export function text(max: number): z.ZodString {
  return z.string().trim().min(1).max(max);
}

/** Opaque record id (UUID). */
export const IdSchema = z.uuid();

/** ISO 3166-1 alpha-2 country code, upper case. */
export const CountryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code');

/** Paging for every list endpoint. */
export const PageQuerySchema = z.strictObject({
  /** 1-based page number. */
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  /** Rows per page. */
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  /** Free-text filter (matched against names, never against personal fields in plain text). */
  q: z.string().trim().max(200).optional(),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

/** One page of results. */
export type Page<T> = {
  items: T[];
  total: number;
  /** Set when `total` is a cap, not the exact count (there are more matching rows). */
  totalIsLowerBound?: boolean;
  page: number;
  pageSize: number;
};
