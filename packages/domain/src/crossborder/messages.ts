import { z } from 'zod';
import { IsoDateSchema } from '../cases/case.schema';
import { CountryCodeSchema, text } from '../common/common.schema';
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
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

const NodeIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be a node id');

export { NodeIdSchema };

const StepPlanSchema = z.strictObject({
  step: z.enum(REPATRIATION_STEPS),
  owner: z.enum(STEP_OWNERS),
  dueDate: IsoDateSchema.nullable(),
});

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
