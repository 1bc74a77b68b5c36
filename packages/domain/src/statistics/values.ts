import { z } from 'zod';
import { type Disaggregation, STAT_DIMENSIONS, type StatDimension } from './dimensions';

/**
 * A value is a number, explicitly missing (the source printed N/A, or nothing was collected), or
 * suppressed at source (the publisher withheld it) — never a silent zero.
 */
export const STAT_VALUE_STATUSES = ['Reported', 'Missing', 'SuppressedAtSource'] as const;
export type StatValueStatus = (typeof STAT_VALUE_STATUSES)[number];

/**
 * What a published cell shows after disclosure control: the value, or `Suppressed` (below the
 * threshold, primary) / `SecondarySuppressed` (withheld so a suppressed cell cannot be recovered).
 */
export const PUBLISHED_CELL_STATUSES = [
  ...STAT_VALUE_STATUSES,
  'Suppressed',
  'SecondarySuppressed',
] as const;
export type PublishedCellStatus = (typeof PUBLISHED_CELL_STATUSES)[number];

/** One aggregate value: element × reporting unit × period × disaggregation. */
export type StatCell = {
  dataElement: string;
  country: string;
  /** Province code, or '' for the whole country. */
  province: string;
  period: string;
  disaggregation: Disaggregation;
  status: StatValueStatus;
  /** The number when status is Reported; null otherwise. */
  value: number | null;
};

/** A cell's identity, as validation findings list "the cells involved". */
export type StatCellRef = Pick<
  StatCell,
  'dataElement' | 'country' | 'province' | 'period' | 'disaggregation'
>;

const OptionSchema = z.string().max(40);

export const DisaggregationSchema = z
  .partialRecord(z.enum(STAT_DIMENSIONS), OptionSchema)
  .transform((d) => d as Disaggregation);

/** Input of one value, from an entry form or an import row. */
export const StatValueInputSchema = z
  .strictObject({
    dataElement: z.string().min(2).max(60),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be a country code'),
    province: z.string().max(10).default(''),
    period: z.string().min(4).max(10),
    disaggregation: DisaggregationSchema.default({}),
    status: z.enum(STAT_VALUE_STATUSES).default('Reported'),
    value: z.number().finite().nullable(),
    /** Free text, such as the source's footnote; never personal data. */
    note: z.string().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'Reported' && v.value === null) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'a reported value needs a number' });
    }
    if (v.status !== 'Reported' && v.value !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'a missing or suppressed value has no number',
      });
    }
    if (v.value !== null && v.value < 0) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'must not be negative' });
    }
  });
export type StatValueInput = z.infer<typeof StatValueInputSchema>;

/** Columns of `stat_value` that hold the dimensions, in STAT_DIMENSIONS order. */
export const DIMENSION_COLUMNS: readonly StatDimension[] = STAT_DIMENSIONS;
