import { SHAREABLE_FIELDS, type SharingPolicy } from '@ctip/domain';

/** The field groups a policy view shows (the prefix of each shareable field). */
export const FIELD_GROUPS = ['person', 'victim', 'case', 'rights'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

/** Shareable fields of one group, in catalogue order. */
export function fieldsOfGroup(group: FieldGroup): string[] {
  return SHAREABLE_FIELDS.filter((f) => f.startsWith(`${group}.`));
}

/** What putting `next` in force changes compared with `current` (null: nothing in force). */
export type PolicyChange = {
  addedFields: string[];
  removedFields: string[];
  addedPurposes: string[];
  removedPurposes: string[];
  addedRoles: string[];
  removedRoles: string[];
  retention: { from: number; to: number } | null;
  onwardSharing: { from: boolean; to: boolean } | null;
  /** Steps whose deadline, owner or anchor differ (or that appear or disappear). */
  changedSteps: string[];
};

function added(from: readonly string[], to: readonly string[]): string[] {
  return to.filter((x) => !from.includes(x));
}

/**
 * Compare two policies for the confirmation shown before a version is put in force.
 * @returns the differences; with `current` null everything in `next` counts as added
 */
export function diffPolicies(current: SharingPolicy | null, next: SharingPolicy): PolicyChange {
  const cur: SharingPolicy = current ?? {
    purposes: [],
    fields: [],
    retentionDays: next.retentionDays,
    onwardSharing: next.onwardSharing,
    recipientRoles: [],
    steps: [],
  };
  const stepKey = (s: SharingPolicy['steps'][number]) => `${s.owner}:${s.anchor}:${s.dueDays}`;
  const curSteps = new Map(cur.steps.map((s) => [s.step, stepKey(s)]));
  const nextSteps = new Map(next.steps.map((s) => [s.step, stepKey(s)]));
  const stepNames = [...new Set([...curSteps.keys(), ...nextSteps.keys()])];
  return {
    addedFields: added(cur.fields, next.fields),
    removedFields: added(next.fields, cur.fields),
    addedPurposes: added(cur.purposes, next.purposes),
    removedPurposes: added(next.purposes, cur.purposes),
    addedRoles: added(cur.recipientRoles, next.recipientRoles),
    removedRoles: added(next.recipientRoles, cur.recipientRoles),
    retention:
      cur.retentionDays === next.retentionDays
        ? null
        : { from: cur.retentionDays, to: next.retentionDays },
    onwardSharing:
      cur.onwardSharing === next.onwardSharing
        ? null
        : { from: cur.onwardSharing, to: next.onwardSharing },
    changedSteps: stepNames.filter((s) => curSteps.get(s) !== nextSteps.get(s)),
  };
}

/** Whether a change changes nothing. */
export function isNoChange(c: PolicyChange): boolean {
  return (
    c.addedFields.length +
      c.removedFields.length +
      c.addedPurposes.length +
      c.removedPurposes.length +
      c.addedRoles.length +
      c.removedRoles.length +
      c.changedSteps.length ===
      0 &&
    c.retention === null &&
    c.onwardSharing === null
  );
}
