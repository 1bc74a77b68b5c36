import { z } from 'zod';
import { CountryCodeSchema, IdSchema, text } from '../common/common.schema';
import { IsoDateSchema, LanguageCodeSchema } from './case.schema';
import {
  REFERRAL_KINDS,
  REFERRAL_REASONS,
  REFERRAL_STATUSES,
  type ReferralKind,
  type ReferralStatus,
  SUPPORT_TYPES,
} from './htcds';

/** Days a referral has, by default, before it counts as overdue. */
export const REFERRAL_DEFAULT_DUE_DAYS = 7;

/** The reason stored on referrals revoked because the consent they relied on was withdrawn. */
export const REFERRAL_CONSENT_WITHDRAWN_REASON = 'consent withdrawn';

/** Notification kinds of this area (stored values; params never hold personal data). */
export const NOTIFICATION_KINDS = [
  'referral_received',
  'referral_accepted',
  'referral_rejected',
  'referral_revoked',
  'referral_outcome',
  'referral_overdue',
  'consent_withdrawn',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a user may do to a referral, depending on which side of it they stand. */
export const REFERRAL_ACTIONS = ['accept', 'reject', 'revoke', 'complete'] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

/**
 * The referral state machine (Primero transitions):
 * InProgress → Accepted | Rejected (reason) | Revoked; Accepted → Done (outcome) | Revoked.
 * Rejected, Revoked and Done are final.
 */
const TRANSITIONS: Record<ReferralAction, { from: readonly ReferralStatus[]; to: ReferralStatus }> =
  {
    accept: { from: ['InProgress'], to: 'Accepted' },
    reject: { from: ['InProgress'], to: 'Rejected' },
    revoke: { from: ['InProgress', 'Accepted'], to: 'Revoked' },
    complete: { from: ['Accepted'], to: 'Done' },
  };

/** The status after `action`, or null when the state machine does not allow it from `status`. */
export function referralNextStatus(
  status: ReferralStatus,
  action: ReferralAction,
): ReferralStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(status) ? t.to : null;
}

/** Whether a referral is still open (gives the receiver access, counts for overdue). */
export function referralIsOpen(status: string): boolean {
  return status === 'InProgress' || status === 'Accepted';
}

/** Which side of a referral acts: the sender revokes, the receiver accepts, rejects and completes. */
export function referralActionSide(action: ReferralAction): 'sender' | 'receiver' {
  return action === 'revoke' ? 'sender' : 'receiver';
}

/**
 * A Transfer or TransferRequest with only accept/reject: done does not apply, the case simply
 * changes hands on accept. Assign and Refer run the full cycle up to Done.
 */
export function referralKindCompletes(kind: ReferralKind): boolean {
  return kind === 'Assign' || kind === 'Refer';
}

/** The actions the state machine allows now, for one side (the web shows only these). */
export function referralAllowedActions(
  referral: { status: ReferralStatus; kind: ReferralKind },
  side: 'sender' | 'receiver',
): ReferralAction[] {
  return REFERRAL_ACTIONS.filter(
    (a) =>
      referralActionSide(a) === side &&
      referralNextStatus(referral.status, a) !== null &&
      (a !== 'complete' || referralKindCompletes(referral.kind)),
  );
}

/** The default due date: `days` after `today` (ISO dates, UTC calendar arithmetic). */
export function referralDueDate(today: string, days = REFERRAL_DEFAULT_DUE_DAYS): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Overdue: a due date before today while the referral is still open. */
export function referralIsOverdue(
  referral: { status: string; dueOn: string | null },
  today: string,
): boolean {
  return referral.dueOn != null && referral.dueOn < today && referralIsOpen(referral.status);
}

/** Creating a referral, assignment, transfer or transfer request. */
export const ReferralCreateInputSchema = z
  .strictObject({
    /** Assign (same agency, a user), Refer (services), Transfer (ownership), TransferRequest. */
    kind: z.enum(REFERRAL_KINDS),
    /** Receiving agency (Refer, Transfer); for Assign the owner's agency; for TransferRequest the requesting (caller's) agency is implied. */
    toAgencyId: IdSchema.optional(),
    /** Receiving user (required for Assign, optional otherwise). */
    toUserId: IdSchema.optional(),
    /** Receiving service provider from the directory (Refer); its agency becomes the receiver. */
    toProviderId: IdSchema.optional(),
    /** Services asked for. */
    services: z.array(z.enum(SUPPORT_TYPES)).max(SUPPORT_TYPES.length).default([]),
    /** cas_ReasonForOutgoingReferral */
    reason: z.enum(REFERRAL_REASONS).default('AdditionalServicesRequired'),
    /** Free-text details for the receiver (encrypted at rest). */
    details: text(2000).optional(),
    /** Answer expected by (default: 7 days from today). */
    dueOn: IsoDateSchema.optional(),
    /** Share without covering consent: only a role holding case:override, audited. */
    overrideReason: text(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'Assign' && !v.toUserId) {
      ctx.addIssue({ code: 'custom', path: ['toUserId'], message: 'is required for Assign' });
    }
    if ((v.kind === 'Refer' || v.kind === 'Transfer') && !v.toAgencyId && !v.toProviderId) {
      ctx.addIssue({ code: 'custom', path: ['toAgencyId'], message: 'is required' });
    }
  });
export type ReferralCreateInput = z.input<typeof ReferralCreateInputSchema>;

/** Rejecting needs a reason. */
export const ReferralRejectInputSchema = z.strictObject({ reason: text(500) });
/** Revoking: the reason is optional. */
export const ReferralRevokeInputSchema = z.strictObject({ reason: text(500).optional() });
/** Done needs the outcome (no personal data: it is shown to the referrer). */
export const ReferralCompleteInputSchema = z.strictObject({ outcome: text(1000) });
/** Accepting: for a Transfer, optionally the receiving user who becomes owner (default: caller). */
export const ReferralAcceptInputSchema = z.strictObject({ ownerUserId: IdSchema.optional() });

/** The inbox query. */
export const ReferralListQuerySchema = z.strictObject({
  /** incoming: to me or my agency; outgoing: sent by my agency. */
  box: z.enum(['incoming', 'outgoing']).default('incoming'),
  status: z.enum(REFERRAL_STATUSES).optional(),
  /** Only overdue ones. */
  overdue: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReferralListQuery = z.input<typeof ReferralListQuerySchema>;

/** A referral as the API shows it (details only to those who may read the case). */
export type Referral = {
  id: string;
  caseId: string;
  caseCode: string;
  kind: ReferralKind;
  status: ReferralStatus;
  fromAgencyId: string;
  fromAgencyName: string;
  fromUserId: string;
  toAgencyId: string;
  toAgencyName: string;
  toUserId: string | null;
  toProviderId: string | null;
  toProviderName: string | null;
  services: string[];
  reason: string;
  details: string | null;
  dueOn: string | null;
  isOverdue: boolean;
  isConsentOverridden: boolean;
  responseReason: string | null;
  respondedAt: string | null;
  outcome: string | null;
  completedAt: string | null;
  createdAt: string;
  /** What the caller may do now. */
  allowedActions: ReferralAction[];
};

/** A notification to a user or an agency. */
export type AppNotification = {
  id: string;
  kind: NotificationKind;
  caseId: string | null;
  referralId: string | null;
  params: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
};

// ---- service-provider directory ----

/** A provider in the national directory. */
export const ServiceProviderInputSchema = z.strictObject({
  name: text(200),
  /** The agency that runs it, when it is one of the system's agencies (referrals go there). */
  agencyId: IdSchema.optional(),
  /** organisation_type code. */
  agencyType: z.string().regex(/^[a-z_]{2,60}$/, 'must be an organisation type code'),
  countryCode: CountryCodeSchema,
  province: text(120).optional(),
  services: z.array(z.enum(SUPPORT_TYPES)).max(SUPPORT_TYPES.length).default([]),
  languages: z.array(LanguageCodeSchema).max(20).default([]),
  /** Places (beds, clients) at a time. */
  capacity: z.number().int().min(0).max(100_000).optional(),
  /** Genders served (empty = all). */
  servesGenders: z.array(z.enum(['Male', 'Female', 'TransgenderNonConforming'])).default([]),
  servesChildren: z.boolean().default(true),
  servesAdults: z.boolean().default(true),
  phone: text(60).optional(),
  email: z.email().max(200).optional(),
  address: text(500).optional(),
  isActive: z.boolean().default(true),
});
export type ServiceProviderInput = z.input<typeof ServiceProviderInputSchema>;

/** A partial update of a provider. */
export const ServiceProviderUpdateInputSchema = ServiceProviderInputSchema.partial();
export type ServiceProviderUpdateInput = z.input<typeof ServiceProviderUpdateInputSchema>;

/** Directory filters. */
export const ServiceProviderListQuerySchema = z.strictObject({
  country: CountryCodeSchema.optional(),
  service: z.enum(SUPPORT_TYPES).optional(),
  language: LanguageCodeSchema.optional(),
  q: z.string().trim().max(200).optional(),
  includeInactive: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .optional(),
});
export type ServiceProviderListQuery = z.input<typeof ServiceProviderListQuerySchema>;

/** A provider as the directory shows it. */
export type ServiceProvider = {
  id: string;
  agencyId: string | null;
  name: string;
  agencyType: string;
  countryCode: string;
  province: string | null;
  services: string[];
  languages: string[];
  capacity: number | null;
  servesGenders: string[];
  servesChildren: boolean;
  servesAdults: boolean;
  phone: string | null;
  email: string | null;
  address: string | null;
  isActive: boolean;
  updatedAt: string;
};
