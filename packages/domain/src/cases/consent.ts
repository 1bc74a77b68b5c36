import { z } from 'zod';
import { CountryCodeSchema, IdSchema, text } from '../common/common.schema';
import { IsoDateSchema, LanguageCodeSchema } from './case.schema';
import { CONSENT_PURPOSES, type ConsentPurpose } from './htcds';

/**
 * A consent (or refusal) of the person for one purpose. `recipients` are agency ids for the
 * in-country purposes (Services, SharePolice, Research) and ISO country codes for ShareCountry; an
 * empty list means any recipient of that purpose.
 */
export const ConsentRecordInputSchema = z
  .strictObject({
    /** What the consent is for. */
    purpose: z.enum(CONSENT_PURPOSES),
    /** Granted (true) or refused (false): a refusal is recorded too, so the ledger shows it. */
    isGranted: z.boolean(),
    /** Agency ids, or country codes for ShareCountry; empty = any recipient. */
    recipients: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
    /** The day the person gave (or refused) consent. */
    givenOn: IsoDateSchema,
    /** Last day the consent holds (inclusive); none = until withdrawn. */
    expiresOn: IsoDateSchema.optional(),
    /** Language in which the consent was explained to the person. */
    explainedIn: LanguageCodeSchema,
    /** The user who explained it (defaults to the recorder). */
    explainedByUserId: IdSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.expiresOn && v.expiresOn < v.givenOn) {
      ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'is before the given date' });
    }
    v.recipients.forEach((r, i) => {
      const ok =
        v.purpose === 'ShareCountry'
          ? CountryCodeSchema.safeParse(r).success
          : IdSchema.safeParse(r).success;
      if (!ok) {
        ctx.addIssue({
          code: 'custom',
          path: ['recipients', i],
          message: v.purpose === 'ShareCountry' ? 'must be a country code' : 'must be an agency id',
        });
      }
    });
  });
export type ConsentRecordInput = z.input<typeof ConsentRecordInputSchema>;

/** Withdrawing a consent: the person may do so at any time; the reason is kept in the ledger. */
export const ConsentWithdrawInputSchema = z.strictObject({
  /** Why (as the person or the worker states it; not personal data of others). */
  reason: text(500),
});
export type ConsentWithdrawInput = z.infer<typeof ConsentWithdrawInputSchema>;

/** A consent as the ledger shows it. */
export type Consent = {
  id: string;
  caseId: string;
  purpose: ConsentPurpose;
  isGranted: boolean;
  recipients: string[];
  givenOn: string;
  expiresOn: string | null;
  explainedIn: string;
  explainedByUserId: string;
  recordedBy: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawalReason: string | null;
  createdAt: string;
  /** Derived: granted, not withdrawn and not expired on the server's today. */
  isActive: boolean;
};

/** The fields {@link consentCovers} needs of a consent. */
export type ConsentLike = Pick<
  Consent,
  'purpose' | 'isGranted' | 'recipients' | 'givenOn' | 'expiresOn' | 'withdrawnAt'
>;

/**
 * Whether one consent is in force on `today`: granted, given on or before today, not expired
 * (expiry is inclusive) and not withdrawn.
 */
export function consentIsActive(consent: ConsentLike, today: string): boolean {
  return (
    consent.isGranted &&
    consent.withdrawnAt == null &&
    consent.givenOn <= today &&
    (consent.expiresOn == null || consent.expiresOn >= today)
  );
}

/** Whether one consent names `recipient` (or names nobody, which means any recipient). */
export function consentNamesRecipient(consent: ConsentLike, recipient: string | null): boolean {
  if (consent.recipients.length === 0) {
    return true;
  }
  return recipient != null && consent.recipients.includes(recipient);
}

/**
 * Whether the ledger covers sharing for `purpose` with `recipient` on `today`: some consent of that
 * purpose is active and names the recipient (or names none). A later refusal of the same purpose
 * that is still recorded (not withdrawn) and given after the grant wins: the person changed their
 * mind.
 * ### Example
 * `consentCovers([{ purpose: 'Services', isGranted: true, recipients: [], givenOn: '2026-01-01',
 * expiresOn: null, withdrawnAt: null }], 'Services', 'agency-1', '2026-02-01')` → true
 * @param recipient - agency id, or country code for ShareCountry; null = no particular recipient
 */
export function consentCovers(
  consents: readonly ConsentLike[],
  purpose: ConsentPurpose,
  recipient: string | null,
  today: string,
): boolean {
  return consentsCovering(consents, purpose, recipient, today).length > 0;
}

/** The consents that cover a share (see {@link consentCovers}), for tracing what a share relied on. */
export function consentsCovering<T extends ConsentLike>(
  consents: readonly T[],
  purpose: ConsentPurpose,
  recipient: string | null,
  today: string,
): T[] {
  const ofPurpose = consents.filter((c) => c.purpose === purpose);
  const refusals = ofPurpose.filter(
    (c) => !c.isGranted && c.withdrawnAt == null && c.givenOn <= today,
  );
  return ofPurpose.filter(
    (c) =>
      consentIsActive(c, today) &&
      consentNamesRecipient(c, recipient) &&
      !refusals.some((r) => r.givenOn > c.givenOn && consentNamesRecipient(r, recipient)),
  );
}

/** The purpose a share with an in-country agency needs: police get SharePolice, others Services. */
export function consentPurposeForAgency(agencyType: string): ConsentPurpose {
  return agencyType === 'law_enforcement' ? 'SharePolice' : 'Services';
}
