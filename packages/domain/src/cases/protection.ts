import { z } from 'zod';
import { IdSchema, text } from '../common/common.schema';
import { IsoDateSchema } from './case.schema';
import { SUPPORT_TYPES } from './htcds';

/**
 * Protection and services (HTCDS support plan `sup_*`, extension `shl_*` for shelter stays):
 * a case's support plan, the services delivered under it, shelter stays and fund payments.
 *
 * !!! Stored values: renaming one needs a data migration. !!!
 */
export const SERVICE_STATUSES = ['Planned', 'InProgress', 'Delivered', 'Cancelled'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const SUPPORT_PLAN_STATUSES = ['Active', 'Closed'] as const;

/** Task kinds; the title is translated under `tasks.kind.<kind>` with the task's params. */
export const TASK_KINDS = ['deadline_step', 'follow_up'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const SupportPlanInputSchema = z.strictObject({
  /** The plan's goals, free text (encrypted at rest). */
  goals: text(5000),
  status: z.enum(SUPPORT_PLAN_STATUSES).default('Active'),
});
export type SupportPlanInput = z.input<typeof SupportPlanInputSchema>;

const dateOrder = <T extends { startDate?: string | undefined; endDate?: string | undefined }>(
  v: T,
) => !v.startDate || !v.endDate || v.startDate <= v.endDate;

export const SupportServiceInputSchema = z
  .strictObject({
    type: z.enum(SUPPORT_TYPES),
    providerId: IdSchema.optional(),
    planId: IdSchema.optional(),
    status: z.enum(SERVICE_STATUSES).default('Planned'),
    startDate: IsoDateSchema.optional(),
    endDate: IsoDateSchema.optional(),
    /** Free text (encrypted at rest). */
    notes: text(5000).optional(),
  })
  .refine(dateOrder, { path: ['endDate'], message: 'must not be before the start date' });
export type SupportServiceInput = z.input<typeof SupportServiceInputSchema>;

export const ShelterStayInputSchema = z
  .strictObject({
    providerId: IdSchema.optional(),
    admittedOn: IsoDateSchema,
    dischargedOn: IsoDateSchema.optional(),
    /** The person stays of their own will (may leave). */
    isVoluntary: z.boolean().default(true),
    /** The person works outside the shelter (Thailand: Section 37). */
    worksOutside: z.boolean().default(false),
  })
  .refine((v) => !v.dischargedOn || v.admittedOn <= v.dischargedOn, {
    path: ['dischargedOn'],
    message: 'must not be before the admission date',
  });
export type ShelterStayInput = z.input<typeof ShelterStayInputSchema>;

export const FundPaymentInputSchema = z.strictObject({
  /** The `country_rule` id of the fund entitlement. */
  ruleId: IdSchema,
  amount: z.number().positive().max(100_000_000).multipleOf(0.01),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
  /** Days paid for (per-day entitlements). */
  days: z.number().int().min(1).max(3650).optional(),
  paidOn: IsoDateSchema,
  /** The committee decision (uncapped entitlements are approved case by case). */
  approvedByText: text(500).optional(),
});
export type FundPaymentInput = z.input<typeof FundPaymentInputSchema>;

export const TaskListQuerySchema = z.strictObject({
  scope: z.enum(['mine', 'agency']).default('mine'),
  status: z.enum(['open', 'done']).default('open'),
});
export type TaskListQuery = z.input<typeof TaskListQuerySchema>;

/** A task as the API shows it. `kind` + `params` make the translated title. */
export type Task = {
  id: string;
  caseId: string | null;
  caseCode: string | null;
  kind: string;
  params: Record<string, unknown>;
  dueOn: string;
  isOverdue: boolean;
  assigneeUserId: string | null;
  doneAt: string | null;
};
