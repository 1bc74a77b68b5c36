import { z } from 'zod';

/**
 * Training events (E15): capacity building the countries report, with participants by trainee
 * type × sex. A source row that gives no split is stored with sex `Total`; a split event stores
 * its parts only (so totals never count a person twice).
 */

/** Levels, alone or joined by `+` (`regional+national`). */
export const TRAINING_LEVELS = [
  'regional',
  'national',
  'provincial',
  'district',
  'local',
  'bilateral',
  'international',
] as const;
export type TrainingLevel = (typeof TRAINING_LEVELS)[number];

/**
 * The plans module's trainee types, finer than the statistics `trainee_type` dimension
 * (government / ngo / other); `STAT_TRAINEE_TYPE` maps each to that dimension ('' = not broken
 * down, i.e. mixed or unspecified groups).
 */
export const TRAINEE_TYPES = [
  'government_official',
  'law_enforcement',
  'judiciary',
  'ngo_staff',
  'service_provider',
  'mixed',
  'other',
  'unspecified',
] as const;
export type TraineeType = (typeof TRAINEE_TYPES)[number];
export const STAT_TRAINEE_TYPE: Readonly<Record<TraineeType, '' | 'government' | 'ngo' | 'other'>> =
  {
    government_official: 'government',
    law_enforcement: 'government',
    judiciary: 'government',
    ngo_staff: 'ngo',
    service_provider: 'other',
    mixed: '',
    other: 'other',
    unspecified: '',
  };

export const TRAINING_SEXES = ['Female', 'Male', 'Other', 'Unknown', 'Total'] as const;
export type TrainingSex = (typeof TRAINING_SEXES)[number];

/** SPA III targets on training the trainings page filters by. */
export const TRAINING_FILTER_TARGETS = ['1.2', '2.2', '2.3', '3.5'] as const;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Year = z.number().int().min(1990).max(2100);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const TrainingLevelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => v.split('+').every((p) => (TRAINING_LEVELS as readonly string[]).includes(p)), {
    message: `must be one of ${TRAINING_LEVELS.join(', ')} (joined by +)`,
  });

export const TrainingCountSchema = z.strictObject({
  traineeType: z.enum(TRAINEE_TYPES),
  traineeTypeText: Text(500).nullable().optional(),
  sex: z.enum(TRAINING_SEXES),
  count: z.number().int().nonnegative().max(10_000_000),
  unitText: Text(300).nullable().optional(),
  isApproximate: z.boolean().optional(),
});
export type TrainingCountInput = z.input<typeof TrainingCountSchema>;

export const TrainingInputSchema = z.strictObject({
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable()
    .optional(),
  level: TrainingLevelSchema,
  title: Text(500),
  curriculum: Text(2000).nullable().optional(),
  organiser: Text(500).nullable().optional(),
  trainers: Text(1000).nullable().optional(),
  location: Text(500).nullable().optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .nullable()
    .optional(),
  startOn: IsoDate.nullable().optional(),
  endOn: IsoDate.nullable().optional(),
  durationDays: z.number().int().positive().max(1000).nullable().optional(),
  periodText: Text(300).nullable().optional(),
  yearStart: Year.nullable().optional(),
  yearEnd: Year.nullable().optional(),
  eventsCount: z.number().int().nonnegative().max(100_000).nullable().optional(),
  eventsCountText: Text(500).nullable().optional(),
  frameworkId: Text(20).nullable().optional(),
  /** Target codes of `frameworkId` (`1.2`), checked against the framework. */
  targets: z.array(Text(20)).max(50).optional(),
  counts: z.array(TrainingCountSchema).max(200).optional(),
  source: Text(1000).nullable().optional(),
  quote: Text(4000).nullable().optional(),
});
export type TrainingInput = z.input<typeof TrainingInputSchema>;

export const TrainingUpdateInputSchema = TrainingInputSchema.extend({
  version: z.number().int().positive(),
});
export type TrainingUpdateInput = z.input<typeof TrainingUpdateInputSchema>;

export const TrainingListQuerySchema = z.strictObject({
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  target: z
    .string()
    .regex(/^\d+\.\d+$/)
    .optional(),
  framework: Text(20).optional(),
});
export type TrainingListQuery = z.input<typeof TrainingListQuerySchema>;

export type TrainingCountView = {
  traineeType: TraineeType;
  traineeTypeText: string | null;
  sex: TrainingSex;
  count: number;
  unitText: string | null;
  isApproximate: boolean;
};

export type TrainingView = {
  id: string;
  countryCode: string | null;
  level: string;
  title: string;
  curriculum: string | null;
  organiser: string | null;
  trainers: string | null;
  location: string | null;
  language: string | null;
  startOn: string | null;
  endOn: string | null;
  durationDays: number | null;
  periodText: string | null;
  yearStart: number | null;
  yearEnd: number | null;
  eventsCount: number | null;
  eventsCountText: string | null;
  frameworkId: string | null;
  areaCode: string | null;
  targets: string[];
  counts: TrainingCountView[];
  participants: number;
  source: string | null;
  quote: string | null;
  isSeeded: boolean;
  version: number;
};

/** Field-named problems beyond the schema: end before start, years reversed, duplicate counts. */
export function checkTraining(input: {
  startOn?: string | null;
  endOn?: string | null;
  yearStart?: number | null;
  yearEnd?: number | null;
  targets?: readonly string[];
  frameworkId?: string | null;
  counts?: readonly { traineeType: string; sex: string }[];
}): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (input.startOn && input.endOn && input.endOn < input.startOn) {
    issues.push({ path: 'endOn', message: 'must not be before startOn' });
  }
  if (
    input.yearStart !== null &&
    input.yearStart !== undefined &&
    input.yearEnd !== null &&
    input.yearEnd !== undefined &&
    input.yearEnd < input.yearStart
  ) {
    issues.push({ path: 'yearEnd', message: 'must not be before yearStart' });
  }
  if ((input.targets?.length ?? 0) > 0 && !input.frameworkId) {
    issues.push({ path: 'frameworkId', message: 'is required with targets' });
  }
  const seen = new Set<string>();
  (input.counts ?? []).forEach((c, i) => {
    const key = `${c.traineeType}|${c.sex}`;
    if (seen.has(key)) {
      issues.push({ path: `counts.${i}.sex`, message: 'repeats a trainee type and sex' });
    }
    seen.add(key);
  });
  return issues;
}

/**
 * People trained in one event: per trainee type, the sum of its sexes when split, else its Total
 * (an event never stores both for one type; if it does, the larger one counts).
 */
export function trainingParticipants(counts: readonly TrainingCountView[]): number {
  const byType = new Map<string, { total: number; split: number }>();
  for (const c of counts) {
    const cur = byType.get(c.traineeType) ?? { total: 0, split: 0 };
    if (c.sex === 'Total') {
      cur.total += c.count;
    } else {
      cur.split += c.count;
    }
    byType.set(c.traineeType, cur);
  }
  let sum = 0;
  for (const v of byType.values()) {
    sum += Math.max(v.total, v.split);
  }
  return sum;
}

export type TrainingTotals = {
  events: number;
  /** Sum of `eventsCount` where a source gives a number of events (else 1 per event row). */
  sessions: number;
  participants: number;
  byTraineeType: { traineeType: TraineeType; sex: TrainingSex; count: number }[];
  byCountry: { countryCode: string | null; events: number; participants: number }[];
};

/** Totals over a list of training events (already filtered). */
export function trainingTotals(events: readonly TrainingView[]): TrainingTotals {
  const cells = new Map<string, { traineeType: TraineeType; sex: TrainingSex; count: number }>();
  const countries = new Map<
    string,
    { countryCode: string | null; events: number; participants: number }
  >();
  let participants = 0;
  let sessions = 0;
  for (const e of events) {
    participants += e.participants;
    sessions += e.eventsCount ?? 1;
    for (const c of e.counts) {
      const key = `${c.traineeType}|${c.sex}`;
      const cur = cells.get(key) ?? { traineeType: c.traineeType, sex: c.sex, count: 0 };
      cur.count += c.count;
      cells.set(key, cur);
    }
    const ck = e.countryCode ?? '';
    const cc = countries.get(ck) ?? { countryCode: e.countryCode, events: 0, participants: 0 };
    cc.events += 1;
    cc.participants += e.participants;
    countries.set(ck, cc);
  }
  return {
    events: events.length,
    sessions,
    participants,
    byTraineeType: [...cells.values()].sort(
      (a, b) =>
        TRAINEE_TYPES.indexOf(a.traineeType) - TRAINEE_TYPES.indexOf(b.traineeType) ||
        TRAINING_SEXES.indexOf(a.sex) - TRAINING_SEXES.indexOf(b.sex),
    ),
    byCountry: [...countries.values()].sort((a, b) =>
      (a.countryCode ?? '~').localeCompare(b.countryCode ?? '~'),
    ),
  };
}
