import { z } from 'zod';
import { IsoDateSchema } from '../cases/case.schema';
import { CountryCodeSchema, text } from '../common/common.schema';
import { STAT_DIMENSIONS } from '../statistics/dimensions';
import { PERIOD_TYPES } from '../statistics/periods';
import { PUBLISHED_CELL_STATUSES } from '../statistics/values';
import { REPATRIATION_STEPS, STEP_OWNERS, STEP_STATUSES, XB_ROLES } from './repatriation';
import { SHAREABLE_FIELDS, XB_PURPOSES } from './sharing-policy';

/** The federation protocol version carried by every envelope. */
export const FEDERATION_PROTOCOL_VERSION = 1;

/** JWS `typ` of a federation message. */
export const FEDERATION_JWS_TYPE = 'ctip-fed+jws';

/**
 * The message catalogue. Case messages carry the shared case's `ref` and a `seq` per (ref, sending
 * role) so they apply in order; `node.ping` carries neither.
 * - referral.offer — sender → receiver: the shared case, its steps and the policy-allowed fields (sealed)
 * - referral.received — receiver → sender: the offer arrived and was stored (automatic)
 * - referral.accepted / referral.rejected (reason, sealed) — receiver → sender
 * - step.update — the step's owner → the other side: status, dates, note (sealed)
 * - service.outcome — either side: a service or follow-up outcome reported back (sealed)
 * - consent.withdrawn — sender → receiver: restrict the record and acknowledge
 * - consent.acknowledged — receiver → sender: restricted, personal data removed
 * - case.closed — either side: the shared case is closed (reason sealed)
 * - node.ping — either node: liveness, for peer health
 * - stats.published — a national node → the regional node: the approved, disclosure-controlled
 *   snapshot of one data set for one country and period (no role, no seq: the body's `version`
 *   orders them; `ref` is derived from country, data set and period, so one set's messages are
 *   delivered in order)
 * - stats.withdrawn — a national node → the regional node: the set was un-approved
 */
export const MESSAGE_KINDS = [
  'referral.offer',
  'referral.received',
  'referral.accepted',
  'referral.rejected',
  'step.update',
  'service.outcome',
  'consent.withdrawn',
  'consent.acknowledged',
  'case.closed',
  'node.ping',
  'stats.published',
  'stats.withdrawn',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

const NodeIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be a node id');

export { NodeIdSchema };

const StepPlanSchema = z.strictObject({
  step: z.enum(REPATRIATION_STEPS),
  owner: z.enum(STEP_OWNERS),
  dueDate: IsoDateSchema.nullable(),
});

/**
 * Statistics messages: aggregate, disclosure-controlled figures between a national node and the
 * regional node. No agreement or sharing policy applies (nothing personal travels); the regional
 * node checks that the country is one the sending node holds.
 */
export const STATISTICS_MESSAGE_KINDS = ['stats.published', 'stats.withdrawn'] as const;
export type StatisticsMessageKind = (typeof STATISTICS_MESSAGE_KINDS)[number];

/** Is this a statistics message (not a case or node message)? */
export function isStatisticsMessageKind(kind: string): kind is StatisticsMessageKind {
  return (STATISTICS_MESSAGE_KINDS as readonly string[]).includes(kind);
}

/** Most cells one pushed snapshot may carry (keeps a message well under the inbox's 2 MB). */
export const MAX_PUSHED_CELLS = 10_000;

const StatCodeSchema = z.string().min(2).max(60);
const StatPeriodSchema = z.string().min(4).max(10);

/**
 * One published cell: a number only when Reported; Suppressed / SecondarySuppressed (disclosure
 * control), Missing and SuppressedAtSource travel without one, so a withheld figure never leaves
 * the national node.
 */
export const PushedCellSchema = z
  .strictObject({
    dataElement: StatCodeSchema,
    /** Province code, or '' for the whole country. */
    province: z.string().max(10),
    /** The options of the dimensions the cell is broken down by (totals left out). */
    disaggregation: z.partialRecord(z.enum(STAT_DIMENSIONS), z.string().min(1).max(40)),
    status: z.enum(PUBLISHED_CELL_STATUSES),
    value: z.number().finite().min(0).nullable(),
    /** Code of the cited source (in `sources`), or null. */
    source: z.string().max(80).nullable(),
  })
  .refine((c) => (c.status === 'Reported') === (c.value !== null), {
    message: 'only a reported cell carries a number',
    path: ['value'],
  });
export type PushedCell = z.infer<typeof PushedCellSchema>;

/** Non-personal body of each kind (travels signed, in clear). */
export const MESSAGE_BODY_SCHEMAS = {
  'referral.offer': z.strictObject({
    purpose: z.enum(XB_PURPOSES),
    /** The sender's pseudonymous case code (never a name). */
    senderCaseCode: z.string().max(40),
    originCountry: CountryCodeSchema,
    destinationCountry: CountryCodeSchema,
    offeredOn: IsoDateSchema,
    steps: z.array(StepPlanSchema).max(REPATRIATION_STEPS.length),
    /** For reconciliation by sex and age group (as S004's tables count returns). */
    sex: z.enum(['Male', 'Female', 'TransgenderNonConforming', 'Unknown']),
    ageGroup: z.enum(['Child', 'Adult', 'Unknown']),
  }),
  'referral.received': z.strictObject({ receivedAt: z.iso.datetime() }),
  'referral.accepted': z.strictObject({
    acceptedOn: IsoDateSchema,
    receiverCaseCode: z.string().max(40).nullable(),
  }),
  'referral.rejected': z.strictObject({ rejectedOn: IsoDateSchema }),
  'step.update': z.strictObject({
    step: z.enum(REPATRIATION_STEPS),
    status: z.enum(STEP_STATUSES),
    completedOn: IsoDateSchema.nullable(),
    /** Due dates recomputed by the owner (reception fixes the follow-up dates). */
    dueDates: z
      .array(
        z.strictObject({ step: z.enum(REPATRIATION_STEPS), dueDate: IsoDateSchema.nullable() }),
      )
      .max(REPATRIATION_STEPS.length),
    borderPoint: z
      .strictObject({ code: z.string().max(80), location: z.string().max(300) })
      .nullable(),
  }),
  'service.outcome': z.strictObject({
    step: z.enum(REPATRIATION_STEPS).nullable(),
    outcome: z.enum(['Reintegrated', 'InProgress', 'NotReached', 'Retrafficked', 'Other']),
    reportedOn: IsoDateSchema,
  }),
  'consent.withdrawn': z.strictObject({ withdrawnOn: IsoDateSchema }),
  'consent.acknowledged': z.strictObject({ restrictedAt: z.iso.datetime() }),
  'case.closed': z.strictObject({ closedOn: IsoDateSchema }),
  'node.ping': z.strictObject({}),
  'stats.published': z.strictObject({
    dataSet: StatCodeSchema,
    /** Equals the envelope's fromCountry. */
    country: CountryCodeSchema,
    period: StatPeriodSchema,
    periodType: z.enum(PERIOD_TYPES),
    /** The approval's version: the regional node keeps the highest it has seen. */
    version: z.number().int().min(1),
    approvedAt: z.iso.datetime(),
    /** The national node's disclosure settings the snapshot was made with. */
    disclosure: z.strictObject({
      threshold: z.number().int().min(1).max(100),
      suppressZeros: z.boolean(),
    }),
    sources: z
      .array(
        z.strictObject({
          code: z.string().min(1).max(80),
          title: z.string().max(400),
          citation: z.string().max(4000),
        }),
      )
      .max(500),
    cells: z.array(PushedCellSchema).max(MAX_PUSHED_CELLS),
  }),
  'stats.withdrawn': z.strictObject({
    dataSet: StatCodeSchema,
    country: CountryCodeSchema,
    period: StatPeriodSchema,
    /** The version withdrawn: a newer one already received stays. */
    version: z.number().int().min(1),
    withdrawnAt: z.iso.datetime(),
  }),
} as const satisfies Record<MessageKind, z.ZodType>;

/** Personal part of each kind, encrypted to the receiving node (JWE); absent where none. */
export const MESSAGE_SEALED_SCHEMAS = {
  'referral.offer': z.strictObject({
    /** Only the fields the policy allows; the receiver checks this again. */
    fields: z.partialRecord(z.enum(SHAREABLE_FIELDS), z.unknown()),
  }),
  'referral.rejected': z.strictObject({ reason: text(1000) }),
  'step.update': z.strictObject({ note: text(1000).nullable() }),
  'service.outcome': z.strictObject({ note: text(2000).nullable() }),
  'case.closed': z.strictObject({ reason: text(1000).nullable() }),
} as const satisfies Partial<Record<MessageKind, z.ZodType>>;

export type MessageBody<K extends MessageKind> = z.infer<(typeof MESSAGE_BODY_SCHEMAS)[K]>;
export type MessageSealed<K extends keyof typeof MESSAGE_SEALED_SCHEMAS> = z.infer<
  (typeof MESSAGE_SEALED_SCHEMAS)[K]
>;

/** The signed envelope (JWS payload). `sealed` is a JWE compact string for the receiving node. */
export const EnvelopeSchema = z.strictObject({
  v: z.literal(FEDERATION_PROTOCOL_VERSION),
  /** Message id: the inbox applies each id once. */
  id: z.uuid(),
  from: NodeIdSchema,
  to: NodeIdSchema,
  kind: z.enum(MESSAGE_KINDS),
  /** Shared case reference (same on both nodes); null for node messages. */
  ref: z.uuid().nullable(),
  /** Which side of the shared case sent it. */
  fromRole: z.enum(XB_ROLES).nullable(),
  /** Position in the sending side's stream for this case, from 1. */
  seq: z.number().int().min(1).nullable(),
  /** Countries of the sending and receiving side of the shared case. */
  fromCountry: CountryCodeSchema.nullable(),
  toCountry: CountryCodeSchema.nullable(),
  /** Agreement code and policy version the message travels under. */
  agreement: z.string().max(60).nullable(),
  policyVersion: z.number().int().min(1).nullable(),
  /** When this delivery attempt was signed (ISO): the receiver refuses stale or future ones. */
  sentAt: z.iso.datetime(),
  body: z.record(z.string(), z.unknown()),
  sealed: z.string().max(2_000_000).nullable(),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** Which role may send which case message (node.ping: neither). */
export const MESSAGE_SENDER_ROLE: Record<MessageKind, 'Sender' | 'Receiver' | 'Either' | null> = {
  'referral.offer': 'Sender',
  'referral.received': 'Receiver',
  'referral.accepted': 'Receiver',
  'referral.rejected': 'Receiver',
  'step.update': 'Either',
  'service.outcome': 'Either',
  'consent.withdrawn': 'Sender',
  'consent.acknowledged': 'Receiver',
  'case.closed': 'Either',
  'node.ping': null,
  'stats.published': null,
  'stats.withdrawn': null,
};

/** Why the inbox refused a message (HTTP answer and audit detail; never personal data). */
export const INBOX_REFUSALS = [
  'unknown_peer',
  'bad_signature',
  'stale',
  'malformed',
  'wrong_recipient',
  'outside_agreement',
  'field_outside_policy',
  'unknown_case',
  'role_mismatch',
] as const;
export type InboxRefusal = (typeof INBOX_REFUSALS)[number];
