import type {
  Agency,
  AgencyCreateInput,
  AgencyUpdateInput,
  AuditAction,
  AuditOutcome,
  Locale,
  LoginInput,
  Page,
  PasswordChangeInput,
  ProfileUpdateInput,
  Role,
  RoleCreateInput,
  RoleUpdateInput,
  SessionInfo,
  TotpCodeInput,
  User,
  UserCreateInput,
  UserUpdateInput,
} from '@ctip/domain';
import { api } from './client';

/** Second-factor enrolment material: show the URI as a QR code and the secret as text. */
export type MfaEnrollment = { secret: string; otpauthUri: string };

/** One row of the audit log as the API presents it. */
export type AuditRow = {
  seq: number;
  occurredAt: string;
  action: AuditAction | string;
  outcome: AuditOutcome;
  actorUserId: string | null;
  actorUsername: string | null;
  actorAgencyId: string | null;
  actorCountry: string | null;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
};

export type AuditFilters = {
  page?: number;
  pageSize?: number;
  action?: string;
  actorUserId?: string;
  outcome?: AuditOutcome;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
};

export type AuditVerifyResult = {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
};

export type Country = {
  code: string;
  alpha3: string;
  numericCode: string;
  name: string;
  names: Partial<Record<Locale, string>>;
  isCommit: boolean;
};

export type OrganisationType = { code: string; name: string; description: string | null };
export type LanguageRef = { code: string; name: string; nativeName: string };

export type ListQuery = { page?: number; pageSize?: number; q?: string };
type Items<T> = { items: T[] };

export const authApi = {
  session: (): Promise<SessionInfo> => api.get('/api/auth/session'),
  login: (input: LoginInput): Promise<SessionInfo> => api.post('/api/auth/login', input),
  verifyMfa: (input: TotpCodeInput): Promise<SessionInfo> =>
    api.post('/api/auth/mfa/verify', input),
  enrollMfa: (): Promise<MfaEnrollment> => api.post('/api/auth/mfa/enroll'),
  confirmMfa: (input: TotpCodeInput): Promise<SessionInfo> =>
    api.post('/api/auth/mfa/enroll/confirm', input),
  logout: (): Promise<void> => api.post('/api/auth/logout'),
  logoutAll: (): Promise<void> => api.post('/api/auth/logout-all'),
};

export const meApi = {
  update: (input: ProfileUpdateInput): Promise<User> => api.patch('/api/me', input),
  changePassword: (input: PasswordChangeInput): Promise<void> =>
    api.post('/api/me/password', input),
};

export const usersApi = {
  list: (query: ListQuery & { agencyId?: string }): Promise<Page<User>> =>
    api.get('/api/users', query),
  get: (id: string): Promise<User> => api.get(`/api/users/${encodeURIComponent(id)}`),
  create: (input: UserCreateInput): Promise<User> => api.post('/api/users', input),
  update: (id: string, input: UserUpdateInput): Promise<User> =>
    api.patch(`/api/users/${encodeURIComponent(id)}`, input),
  disable: (id: string): Promise<User> => api.post(`/api/users/${encodeURIComponent(id)}/disable`),
  enable: (id: string): Promise<User> => api.post(`/api/users/${encodeURIComponent(id)}/enable`),
};

export const agenciesApi = {
  list: (query: ListQuery & { countryCode?: string }): Promise<Page<Agency>> =>
    api.get('/api/agencies', query),
  get: (id: string): Promise<Agency> => api.get(`/api/agencies/${encodeURIComponent(id)}`),
  create: (input: AgencyCreateInput): Promise<Agency> => api.post('/api/agencies', input),
  update: (id: string, input: AgencyUpdateInput): Promise<Agency> =>
    api.patch(`/api/agencies/${encodeURIComponent(id)}`, input),
  remove: (id: string): Promise<void> => api.delete(`/api/agencies/${encodeURIComponent(id)}`),
};

export const rolesApi = {
  list: (): Promise<Items<Role>> => api.get('/api/roles'),
  get: (id: string): Promise<Role> => api.get(`/api/roles/${encodeURIComponent(id)}`),
  create: (input: RoleCreateInput): Promise<Role> => api.post('/api/roles', input),
  update: (id: string, input: RoleUpdateInput): Promise<Role> =>
    api.patch(`/api/roles/${encodeURIComponent(id)}`, input),
  remove: (id: string): Promise<void> => api.delete(`/api/roles/${encodeURIComponent(id)}`),
};

export const auditApi = {
  list: (filters: AuditFilters): Promise<Page<AuditRow>> => api.get('/api/audit', filters),
  verify: (): Promise<AuditVerifyResult> => api.get('/api/audit/verify'),
};

export const referenceApi = {
  countries: (): Promise<Items<Country>> => api.get('/api/reference/countries'),
  organisationTypes: (): Promise<Items<OrganisationType>> =>
    api.get('/api/reference/organisation-types'),
  languages: (): Promise<Items<LanguageRef>> => api.get('/api/reference/languages'),
};
