import type { Permission } from '../access/policies';
import type { Calendar, Locale } from '../reference/locales';

/** A user as the API presents it (never the password hash or second-factor secret). */
export type User = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  agencyId: string;
  agencyName: string;
  countryCode: string;
  roleIds: string[];
  roleKeys: string[];
  locale: Locale;
  calendar: Calendar;
  isDisabled: boolean;
  hasMfa: boolean;
  lastLoginAt: string | null;
  createdAt: string;
};

export type Agency = {
  id: string;
  name: string;
  shortName: string | null;
  type: string;
  countryCode: string;
  parentId: string | null;
  createdAt: string;
};

export type Role = {
  id: string;
  key: string;
  name: string;
  description: string | null;
  countryCode: string | null;
  isBuiltIn: boolean;
  permissions: Permission[];
};

/** The state of a session as seen by the web app. */
export type SessionInfo = {
  user: User;
  permissions: Permission[];
  /** Send in `X-CSRF-Token` on every unsafe request. */
  csrfToken: string;
  /** 'complete' when fully logged in; otherwise the step still owed. */
  stage: 'complete' | 'mfa_required' | 'mfa_enrollment_required';
  expiresAt: string;
};
