import { z } from 'zod';
import type { Gender } from '../cases/htcds';
import { CountryCodeSchema, IdSchema, text } from '../common/common.schema';
import type { AgeGroup, ReturnChoice, XbCaseStatus, XbRole, XbStep } from './repatriation';
import { RETURN_CHOICES } from './repatriation';
import type { ShareableField, XbPurpose } from './sharing-policy';
import { XB_PURPOSES } from './sharing-policy';

/** Sending a local case to another country under an agreement (consent ShareCountry required). */
export const XbReferralCreateInputSchema = z.strictObject({
  /** The country that receives the referral (for a repatriation: the country of origin). */
  toCountry: CountryCodeSchema,
  /** Agreement code; default: the one instrument in force between the two countries. */
  agreementCode: z.string().trim().max(60).optional(),
  purpose: z.enum(XB_PURPOSES).default('Repatriation'),
  returnChoice: z.enum(RETURN_CHOICES).optional(),
  wishesProtection: z.boolean().optional(),
  /** Where the person can be contacted after return (personal: travels sealed). */
  contactAt: text(500).optional(),
  /** Needs for the receiving side (no names of others). */
  supportNeeds: text(2000).optional(),
  /** Consent override (focal point with case:override only), audited. */
  overrideReason: text(500).optional(),
});
export type XbReferralCreateInput = z.input<typeof XbReferralCreateInputSchema>;

export const XbRejectInputSchema = z.strictObject({ reason: text(1000) });
export type XbRejectInput = z.infer<typeof XbRejectInputSchema>;

export const XbAcceptInputSchema = z.strictObject({
  /** Agency of the receiving country that takes the case (default: the caller's). */
  agencyId: IdSchema.optional(),
});
export type XbAcceptInput = z.infer<typeof XbAcceptInputSchema>;

export const XbOutcomeInputSchema = z.strictObject({
  step: z.enum(['follow_up_3m', 'follow_up_6m', 'follow_up_12m', 'reintegration_plan']).optional(),
  outcome: z.enum(['Reintegrated', 'InProgress', 'NotReached', 'Retrafficked', 'Other']),
  note: text(2000).optional(),
});
export type XbOutcomeInput = z.infer<typeof XbOutcomeInputSchema>;

export const XbCloseInputSchema = z.strictObject({ reason: text(1000).optional() });
export type XbCloseInput = z.infer<typeof XbCloseInputSchema>;

export const XbListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  /** outgoing: this node sent it; incoming: this node received it. */
  direction: z.enum(['outgoing', 'incoming']).optional(),
  status: z.enum(['Offered', 'Received', 'Accepted', 'Rejected', 'Closed']).optional(),
  country: CountryCodeSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export type XbListQuery = z.infer<typeof XbListQuerySchema>;

/** A shared case in lists (no personal data). */
export type XbCaseListItem = {
  id: string;
  ref: string;
  role: XbRole;
  status: XbCaseStatus;
  purpose: XbPurpose;
  localCountry: string;
  peerCountry: string;
  originCountry: string;
  destinationCountry: string;
  agreementCode: string;
  policyVersion: number;
  /** This node's case code (sender), or the sender's code until accepted (receiver). */
  caseCode: string;
  remoteCaseCode: string | null;
  sex: Gender;
  ageGroup: AgeGroup;
  isRestricted: boolean;
  /** Steps overdue today. */
  overdueSteps: number;
  nextDueStep: { step: string; dueDate: string } | null;
  offeredAt: string;
  updatedAt: string;
  /** Messages to the peer not yet delivered. */
  pendingMessages: number;
};

/** One entry of the shared case's message log (both directions, no payload). */
export type XbMessageLogEntry = {
  id: string;
  direction: 'out' | 'in';
  kind: string;
  seq: number | null;
  status: string;
  at: string;
  deliveredAt: string | null;
  attempts: number;
  error: string | null;
};

/** A service or follow-up outcome reported on the shared case (by either side). */
export type XbOutcomeEntry = {
  id: string;
  step: string | null;
  outcome: XbOutcomeInput['outcome'];
  /** Shown to readers of the shared data only. */
  note: string | null;
  reportedOn: string;
  /** The side that reported it. */
  reportedBy: XbRole;
};

/** A shared case with its timeline; `shared` only for readers the policy names, when not restricted. */
export type XbCaseDetail = XbCaseListItem & {
  localCaseId: string | null;
  steps: XbStep[];
  shared: Partial<Record<ShareableField, unknown>> | null;
  returnChoice: ReturnChoice | null;
  rejectReason: string | null;
  consentWithdrawnAt: string | null;
  withdrawalAcknowledgedAt: string | null;
  acceptedAt: string | null;
  rejectedAt: string | null;
  closedAt: string | null;
  retentionUntil: string | null;
  onwardSharing: boolean;
  messages: XbMessageLogEntry[];
  outcomes: XbOutcomeEntry[];
  /** Steps this node may update (it owns them). */
  ownSteps: string[];
};
