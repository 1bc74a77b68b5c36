import { z } from 'zod';
import { ACTIONS, RESOURCES, SCOPES } from '../access/resources';
import { CountryCodeSchema, IdSchema, text } from '../common/common.schema';
import { CALENDARS, LOCALES } from '../reference/locales';

/** Login names: lower-case letters, digits, dot, dash, underscore. */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9._-]+$/, 'may contain only letters, digits, dot, dash and underscore');

/** New passwords: long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const NewPasswordSchema = z.string().min(12, 'must be at least 12 characters').max(256);

export const LoginInputSchema = z.strictObject({
  /** Login name. */
  username: z.string().trim().min(1).max(64),
  /** Password (never logged). */
  password: z.string().min(1).max(256),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

export const TotpCodeInputSchema = z.strictObject({
  /** Six-digit code from the authenticator app. */
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be 6 digits'),
});
export type TotpCodeInput = z.infer<typeof TotpCodeInputSchema>;

export const ProfileUpdateInputSchema = z.strictObject({
  /** Display name. */
  displayName: text(120).optional(),
  /** Interface language. */
  locale: z.enum(LOCALES).optional(),
  /** Calendar for dates. */
  calendar: z.enum(CALENDARS).optional(),
});
export type ProfileUpdateInput = z.infer<typeof ProfileUpdateInputSchema>;

export const PasswordChangeInputSchema = z.strictObject({
  /** The current password. */
  currentPassword: z.string().min(1).max(256),
  /** The new password. */
  newPassword: NewPasswordSchema,
});
export type PasswordChangeInput = z.infer<typeof PasswordChangeInputSchema>;

export const UserCreateInputSchema = z.strictObject({
  /** Login name, unique on the node. */
  username: UsernameSchema,
  /** Name shown to colleagues. */
  displayName: text(120),
  /** Work e-mail (optional). */
  email: z.email().max(254).optional(),
  /** The user's agency; the user's country is the agency's. */
  agencyId: IdSchema,
  /** Roles granted to the user. */
  roleIds: z.array(IdSchema).min(1).max(20),
  /** Initial password. */
  password: NewPasswordSchema,
  /** Interface language. */
  locale: z.enum(LOCALES).default('en'),
});
export type UserCreateInput = z.infer<typeof UserCreateInputSchema>;

export const UserUpdateInputSchema = z.strictObject({
  displayName: text(120).optional(),
  email: z.email().max(254).nullable().optional(),
  agencyId: IdSchema.optional(),
  roleIds: z.array(IdSchema).min(1).max(20).optional(),
  /** Set a new password for the user (administrator reset). */
  password: NewPasswordSchema.optional(),
  /** Clear the user's second factor so they enrol again. */
  resetMfa: z.literal(true).optional(),
});
export type UserUpdateInput = z.infer<typeof UserUpdateInputSchema>;

/** Organisation types (HTCDS-style codes, see reference data). */
export const AgencyCreateInputSchema = z.strictObject({
  /** Agency name. */
  name: text(200),
  /** Short name or acronym. */
  shortName: z.string().trim().max(40).optional(),
  /** Organisation type code. */
  type: z.string().trim().min(1).max(60),
  /** Country (ISO 3166-1 alpha-2). */
  countryCode: CountryCodeSchema,
  /** Parent agency, if any. */
  parentId: IdSchema.nullable().optional(),
});
export type AgencyCreateInput = z.infer<typeof AgencyCreateInputSchema>;

export const AgencyUpdateInputSchema = AgencyCreateInputSchema.partial();
export type AgencyUpdateInput = z.infer<typeof AgencyUpdateInputSchema>;

export const PermissionSchema = z.strictObject({
  resource: z.enum(RESOURCES),
  action: z.enum(ACTIONS),
  scope: z.enum(SCOPES),
});

export const RoleCreateInputSchema = z.strictObject({
  /** Machine key, unique. */
  key: z
    .string()
    .trim()
    .min(3)
    .max(60)
    .regex(/^[a-z][a-z0-9_]*$/, 'must be lower case letters, digits and underscores'),
  /** Name shown in the role list. */
  name: text(120),
  /** What the role is for. */
  description: z.string().trim().max(500).optional(),
  /** Country the role belongs to; omitted means node-wide. */
  countryCode: CountryCodeSchema.nullable().optional(),
  /** Grants. */
  permissions: z.array(PermissionSchema).max(200),
});
export type RoleCreateInput = z.infer<typeof RoleCreateInputSchema>;

export const RoleUpdateInputSchema = RoleCreateInputSchema.omit({ key: true }).partial();
export type RoleUpdateInput = z.infer<typeof RoleUpdateInputSchema>;

export const AuditQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  /** Exact action, such as `auth.login_failed`. */
  action: z.string().trim().max(60).optional(),
  /** Actor user id. */
  actorUserId: IdSchema.optional(),
  outcome: z.enum(['success', 'denied', 'failure']).optional(),
  targetType: z.string().trim().max(60).optional(),
  targetId: z.string().trim().max(100).optional(),
  /** ISO date-time lower bound (inclusive). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** ISO date-time upper bound (exclusive). */
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
