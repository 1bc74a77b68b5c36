import { z } from 'zod';
import { STAT_DIMENSIONS } from './dimensions';
import type { STAT_VALUE_STATUSES } from './values';

/**
 * How an uploaded table maps onto values (the column-mapping step, saved for reuse).
 *
 * Long layout: one value per row; each field of the value comes from a column or is fixed.
 * Wide layout: several value columns per row; each value column fixes what it means (element,
 * period and/or options, e.g. `y2008` → period 2008, `male_under18` → sex M, age U18) and the
 * rest comes from the row's columns or is fixed. ADX (SDMX-based XML of DHIS2) needs no mapping
 * beyond the option maps.
 *
 * Printed texts are turned into codes by `optionMaps` (per dimension, also `country` and
 * `status`): "Cambodia" → KH, "under 18" → U18, "N/A" → Missing. Built-in maps cover the seeds'
 * spellings; a mapping adds or overrides entries.
 */
export const IMPORT_LAYOUTS = ['long', 'wide', 'adx'] as const;
export type ImportLayout = (typeof IMPORT_LAYOUTS)[number];

export const IMPORT_FORMATS = ['csv', 'xlsx', 'adx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A field's source: a column of the file (by header) or a fixed value. */
export const FieldSourceSchema = z.union([
  z.strictObject({ column: z.string().min(1).max(200) }),
  z.strictObject({ fixed: z.string().max(200) }),
]);
export type FieldSource = z.infer<typeof FieldSourceSchema>;

/** The fields of a value that rows supply; `dimensions` only for those the file has. */
export const RowFieldsSchema = z.strictObject({
  dataElement: FieldSourceSchema.optional(),
  country: FieldSourceSchema.optional(),
  province: FieldSourceSchema.optional(),
  period: FieldSourceSchema.optional(),
  status: FieldSourceSchema.optional(),
  note: FieldSourceSchema.optional(),
  dimensions: z.partialRecord(z.enum(STAT_DIMENSIONS), FieldSourceSchema).default({}),
});

/** What one value column of a wide file means. */
export const WideColumnSchema = z.strictObject({
  column: z.string().min(1).max(200),
  dataElement: z.string().max(60).optional(),
  period: z.string().max(10).optional(),
  dimensions: z.partialRecord(z.enum(STAT_DIMENSIONS), z.string().max(40)).default({}),
});

/** Printed text → code, per dimension plus `country` and `status`. Keys compare case-insensitively, trimmed. */
export const OptionMapsSchema = z
  .partialRecord(
    z.enum([...STAT_DIMENSIONS, 'country', 'status', 'dataElement']),
    z.record(z.string().max(200), z.string().max(60)),
  )
  .default({});

export const ColumnMappingSchema = z.discriminatedUnion('layout', [
  z.strictObject({
    layout: z.literal('long'),
    fields: RowFieldsSchema,
    value: FieldSourceSchema,
    optionMaps: OptionMapsSchema,
    /** Rows whose value of this column equals one of these texts are skipped (e.g. "Total"). */
    skipRows: z
      .array(z.strictObject({ column: z.string(), equals: z.string() }))
      .max(20)
      .default([]),
  }),
  z.strictObject({
    layout: z.literal('wide'),
    fields: RowFieldsSchema,
    columns: z.array(WideColumnSchema).min(1).max(500),
    optionMaps: OptionMapsSchema,
    skipRows: z
      .array(z.strictObject({ column: z.string(), equals: z.string() }))
      .max(20)
      .default([]),
  }),
  z.strictObject({ layout: z.literal('adx'), optionMaps: OptionMapsSchema }),
]);
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/** A saved mapping. */
export const SavedMappingInputSchema = z.strictObject({
  name: z.string().min(1).max(120),
  mapping: ColumnMappingSchema,
});

/** One row-level import error (row 1 = first data row after the header; ADX: value index). */
export type StatImportError = {
  row: number;
  column: string | null;
  field: string;
  code: string;
  message: string;
};

export const IMPORT_STATUSES = ['Validating', 'Importing', 'Done', 'Failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Statuses a printed text may map to (besides a number). */
export const PRINTED_STATUS_TEXTS: Readonly<Record<string, (typeof STAT_VALUE_STATUSES)[number]>> =
  {
    'n/a': 'Missing',
    na: 'Missing',
    '-': 'Missing',
    '..': 'Missing',
    'not available': 'Missing',
    suppressed: 'SuppressedAtSource',
    withheld: 'SuppressedAtSource',
    x: 'SuppressedAtSource',
  };

// ---------------------------------------------------------------------------------------------
// Import API (server ↔ web): POST /statistics/imports/preview, POST /statistics/imports,
// GET /statistics/imports/:id, /statistics/mappings.

/** A saved mapping as listed (GET /statistics/mappings). */
export type SavedMappingView = {
  id: string;
  name: string;
  layout: ImportLayout;
  mapping: ColumnMapping;
  createdAt: string;
  updatedAt: string;
};

/**
 * An uploaded file, as the case import receives files: JSON with the file base64-encoded.
 * `format` defaults from the file name (.csv, .xlsx, .xml/.adx).
 */
export const ImportUploadSchema = z.strictObject({
  fileName: z.string().min(1).max(300),
  format: z.enum(IMPORT_FORMATS).optional(),
  /** XLSX: the sheet to read (default: the first). */
  sheet: z.string().max(100).optional(),
  /** The file, base64-encoded. */
  contentBase64: z.string().min(1),
});
export type ImportUpload = z.infer<typeof ImportUploadSchema>;

/** Body of POST /statistics/imports/preview. */
export const ImportPreviewRequestSchema = ImportUploadSchema;

/** What the preview step shows of an uploaded file (POST /statistics/imports/preview). Nothing is stored. */
export type ImportPreview = {
  fileName: string;
  format: ImportFormat;
  /** Header row of the (first or chosen) sheet; for ADX: the attribute names seen. */
  headers: string[];
  /** The first data rows (at most 20), cells as text, aligned with `headers`. */
  rows: string[][];
  /** Number of data rows (ADX: number of values). */
  totalRows: number;
  /** XLSX: the sheet names; the preview shows `sheet`. */
  sheets: string[];
  sheet: string | null;
  /** Layout guessed from the headers: long when a value column is found, wide when year-like or element-like columns are. */
  detectedLayout: ImportLayout;
  /** A mapping guessed from the headers (best effort; the user corrects it). */
  suggestedMapping: ColumnMapping;
  /** Saved mappings whose columns all occur in the headers (best match first). */
  matchingMappings: SavedMappingView[];
};

/**
 * Body of POST /statistics/imports (answer 202: ImportJobView; poll GET /statistics/imports/:id).
 * Give `mapping` or `mappingId` (a saved mapping); ADX needs neither.
 */
export const ImportStartRequestSchema = ImportUploadSchema.extend({
  mapping: ColumnMappingSchema.optional(),
  mappingId: z.uuid().optional(),
  /** Optional source (stat_source code) recorded on every value. */
  source: z.string().max(60).optional(),
});
export type ImportStartRequest = z.infer<typeof ImportStartRequestSchema>;

/** An import job (GET /statistics/imports/:id; also the answer of POST /statistics/imports). */
export type ImportJobView = {
  id: string;
  status: ImportStatus;
  fileName: string;
  format: ImportFormat;
  progress: { processed: number; total: number };
  inserted: number;
  updated: number;
  unchanged: number;
  /** Row-level errors (when status is Failed, nothing was written). At most 1000 listed. */
  errors: StatImportError[];
  /** Total number of errors found (may exceed errors.length). */
  errorCount: number;
  createdAt: string;
  finishedAt: string | null;
};

/**
 * GET /statistics/export: raw values in the long layout (one value per row, or ADX) for a data set
 * or one element. Disclosure-controlled unless `internal=true` (needs statistic_internal:read).
 */
export const StatExportQuerySchema = z
  .strictObject({
    format: z.enum(IMPORT_FORMATS).default('csv'),
    dataSet: z.string().min(1).max(60).optional(),
    dataElement: z.string().min(1).max(60).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be a country code')
      .optional(),
    periodFrom: z.string().min(4).max(10).optional(),
    periodTo: z.string().min(4).max(10).optional(),
    internal: z.enum(['true', 'false']).default('false'),
  })
  .refine((q) => q.dataSet !== undefined || q.dataElement !== undefined, {
    path: ['dataSet'],
    message: 'give dataSet or dataElement',
  });
export type StatExportQuery = z.infer<typeof StatExportQuerySchema>;

/** Header of the long-layout export (and of files the suggested mapping reads back as they are). */
export const STAT_EXPORT_COLUMNS = [
  'data_element',
  'country',
  'province',
  'period',
  ...STAT_DIMENSIONS,
  'status',
  'value',
] as const;
