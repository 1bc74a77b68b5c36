/*
 * !!! Audit events are stored and hash-chained. Changing the canonical form of an event
 * (field names, order, encoding in `auditCanonical`) breaks verification of existing chains:
 * such a change needs a migration and a new chain version. !!!
 */

/** What happened. `<resource>.<verb>` for records; `auth.*` for sessions. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'auth.logout_all',
  'auth.mfa_enrolled',
  'auth.mfa_failed',
  'auth.password_changed',
  'user.read',
  'user.search',
  'user.create',
  'user.update',
  'user.disable',
  'user.enable',
  'agency.create',
  'agency.update',
  'agency.delete',
  'role.create',
  'role.update',
  'role.delete',
  'audit.search',
  'audit.export',
  'audit.verify',
  'system.restore',
  'access.denied',
  'case.read',
  'case.search',
  'case.create',
  'case.update',
  'case.delete',
  'case.export',
  'case.import',
  'case.link_duplicate',
  'case.note_add',
  'case.attachment_add',
  'case.attachment_read',
  'case.event_add',
  'case.restrict',
  'screening.create',
  'screening.read',
  'consent.record',
  'consent.withdraw',
  'consent.override',
  'rights.record',
  'rights.print',
  'referral.create',
  'referral.accept',
  'referral.reject',
  'referral.revoke',
  'referral.complete',
  'referral.read',
  'service.record',
  'shelter.record',
  'fund.payment',
  'fund.refused',
  'task.complete',
  'followup.record',
  'feedback.record',
  'hotline.create',
  'hotline.read',
  'hotline.search',
  'hotline.update',
  'hotline.refer',
  'provider.create',
  'provider.update',
  'agreement.create',
  'agreement.update',
  'agreement.revision_add',
  'agreement.policy_create',
  'agreement.policy_activate',
  'federation.peer_add',
  'federation.peer_update',
  'federation.message_applied',
  'federation.message_rejected',
  'federation.message_duplicate',
  'federation.message_failed',
  'crossborder.refer',
  'crossborder.read',
  'crossborder.search',
  'crossborder.accept',
  'crossborder.reject',
  'crossborder.step_update',
  'crossborder.outcome',
  'crossborder.close',
  'crossborder.restrict',
  'crossborder.purge',
  'meeting.create',
  'meeting.update',
  'meeting.delete',
  'meeting.action_update',
  'statistics.value_save',
  'statistics.import',
  'statistics.export',
  'statistics.approve',
  'statistics.unapprove',
  'statistics.push_received',
  'statistics.violation_annotate',
  'statistics.metadata_update',
  'statistics.settings_update',
  'statistics.read_internal',
  'plans.framework_create',
  'plans.framework_update',
  'plans.framework_publish',
  'plans.framework_import',
  'plans.national_plan_save',
  'plans.workplan_save',
  'plans.progress_save',
  'plans.progress_submit',
  'plans.progress_review',
  'plans.progress_approve',
  'plans.progress_reopen',
  'plans.evidence_add',
  'plans.evidence_read',
  'plans.indicator_save',
  'plans.budget_save',
  'plans.training_save',
  'plans.participants_import',
  'plans.participant_save',
  'plans.case_study_save',
  'plans.report_save',
  'plans.report_generate',
  'plans.report_download',
  'plans.report_finalise',
  'plans.report_reopen',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditOutcome = 'success' | 'denied' | 'failure';

/** An audit event before it is chained. `details` must never contain personal data of victims. */
export type AuditEventInput = {
  action: AuditAction;
  outcome: AuditOutcome;
  actorUserId: string | null;
  actorAgencyId: string | null;
  actorCountry: string | null;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
};

/** A stored, chained audit event. */
export type AuditEvent = AuditEventInput & {
  seq: number;
  occurredAt: Date;
  prevHash: string;
  hash: string;
};

/** The hash that precedes the first event of a chain. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The exact string that is hashed for an event: its previous hash and every stored field, in a fixed
 * order with sorted object keys. hash = SHA-256(auditCanonical(event)).
 */
export function auditCanonical(e: Omit<AuditEvent, 'hash'>): string {
  return canonicalJson({
    v: 1,
    seq: e.seq,
    at: e.occurredAt.toISOString(),
    prev: e.prevHash,
    action: e.action,
    outcome: e.outcome,
    actor: [e.actorUserId, e.actorAgencyId, e.actorCountry],
    target: [e.targetType, e.targetId],
    req: e.requestId,
    ip: e.ip,
    ua: e.userAgent,
    details: e.details,
  });
}
