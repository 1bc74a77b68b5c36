import { useQueryClient } from '@tanstack/react-query';
import {
  type ComponentType,
  type LazyExoticComponent,
  lazy,
  type ReactElement,
  useEffect,
  useRef,
} from 'react';
import { Route, Routes } from 'react-router';
import { meApi } from './api/endpoints';
import { RequireAuth, RequireRead } from './auth/RequireAuth';
import { applyUser, useSessionQuery } from './auth/session';
import { AppLayout } from './components/AppLayout/AppLayout';
import { getPreLoginChoice, i18n, isLocale, setPreLoginChoice } from './i18n/i18n';
import { MODULES } from './modules';
import { PLAN_ROUTES } from './pages/plans/routes';

/** React.lazy for a named export, so every page is its own chunk. */
function page<P extends object>(
  load: () => Promise<ComponentType<P>>,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: await load() }));
}

const LoginPage = page(() => import('./pages/LoginPage').then((m) => m.LoginPage));
const HomePage = page(() => import('./pages/HomePage').then((m) => m.HomePage));
const ModulePage = page(() => import('./pages/ModulePage').then((m) => m.ModulePage));
const UsersPage = page(() => import('./pages/UsersPage').then((m) => m.UsersPage));
const AgenciesPage = page(() => import('./pages/AgenciesPage').then((m) => m.AgenciesPage));
const RolesPage = page(() => import('./pages/RolesPage').then((m) => m.RolesPage));
const RoleEditorPage = page(() => import('./pages/RoleEditorPage').then((m) => m.RoleEditorPage));
const AuditPage = page(() => import('./pages/AuditPage').then((m) => m.AuditPage));
const ProfilePage = page(() => import('./pages/ProfilePage').then((m) => m.ProfilePage));
const CasesPage = page(() => import('./pages/cases/CasesPage').then((m) => m.CasesPage));
const CaseNewPage = page(() => import('./pages/cases/CaseNewPage').then((m) => m.CaseNewPage));
const CasePage = page(() => import('./pages/cases/CasePage').then((m) => m.CasePage));
const ScreeningPage = page(() =>
  import('./pages/cases/ScreeningPage').then((m) => m.ScreeningPage),
);
const HotlinePage = page(() => import('./pages/cases/HotlinePage').then((m) => m.HotlinePage));
const ReferralInboxPage = page(() =>
  import('./pages/cases/ReferralInboxPage').then((m) => m.ReferralInboxPage),
);
const ProvidersPage = page(() =>
  import('./pages/cases/ProvidersPage').then((m) => m.ProvidersPage),
);
const TasksPage = page(() => import('./pages/cases/TasksPage').then((m) => m.TasksPage));
const XbCasesPage = page(() =>
  import('./pages/crossborder/XbCasesPage').then((m) => m.XbCasesPage),
);
const XbCasePage = page(() => import('./pages/crossborder/XbCasePage').then((m) => m.XbCasePage));
const ReconciliationPage = page(() =>
  import('./pages/crossborder/ReconciliationPage').then((m) => m.ReconciliationPage),
);
const AgreementsPage = page(() =>
  import('./pages/crossborder/AgreementsPage').then((m) => m.AgreementsPage),
);
const AgreementPage = page(() =>
  import('./pages/crossborder/AgreementPage').then((m) => m.AgreementPage),
);
const MeetingsPage = page(() =>
  import('./pages/crossborder/MeetingsPage').then((m) => m.MeetingsPage),
);
const MeetingPage = page(() =>
  import('./pages/crossborder/MeetingPage').then((m) => m.MeetingPage),
);
const PeersPage = page(() => import('./pages/crossborder/PeersPage').then((m) => m.PeersPage));
const RegionalDashboardPage = page(() =>
  import('./pages/statistics/RegionalDashboardPage').then((m) => m.RegionalDashboardPage),
);
const CountryDashboardPage = page(() =>
  import('./pages/statistics/CountryDashboardPage').then((m) => m.CountryDashboardPage),
);
const PivotPage = page(() => import('./pages/statistics/PivotPage').then((m) => m.PivotPage));
const ComparisonPage = page(() =>
  import('./pages/statistics/ComparisonPage').then((m) => m.ComparisonPage),
);
const DataEntryPage = page(() =>
  import('./pages/statistics/DataEntryPage').then((m) => m.DataEntryPage),
);
const StatImportPage = page(() =>
  import('./pages/statistics/StatImportPage').then((m) => m.StatImportPage),
);
const ValidationPage = page(() =>
  import('./pages/statistics/ValidationPage').then((m) => m.ValidationPage),
);
const ApprovalsPage = page(() =>
  import('./pages/statistics/ApprovalsPage').then((m) => m.ApprovalsPage),
);
const StatDefinitionsPage = page(() =>
  import('./pages/statistics/StatDefinitionsPage').then((m) => m.StatDefinitionsPage),
);
const FollowUpReportPage = page(() =>
  import('./pages/cases/FollowUpReportPage').then((m) => m.FollowUpReportPage),
);
const CaseImportPage = page(() =>
  import('./pages/cases/CaseImportPage').then((m) => m.CaseImportPage),
);
const NotFoundPage = page(() => import('./pages/NotFoundPage').then((m) => m.NotFoundPage));

/**
 * After login the profile's language applies, unless the user picked one on the login page: that
 * choice is kept and saved to the profile.
 */
function useProfileLanguage(): void {
  const queryClient = useQueryClient();
  const { data } = useSessionQuery();
  const complete = data?.stage === 'complete' ? data : null;
  const userId = complete?.user.id;
  const profileLocale = complete?.user.locale;
  const saving = useRef(false);
  useEffect(() => {
    if (!userId || !isLocale(profileLocale)) {
      return;
    }
    const choice = getPreLoginChoice();
    if (choice && choice !== profileLocale) {
      if (!saving.current) {
        saving.current = true;
        meApi
          .update({ locale: choice })
          .then((user) => applyUser(queryClient, user))
          .catch(() => {
            // Not saved: the language still applies on this device.
          })
          .finally(() => {
            saving.current = false;
            setPreLoginChoice(null);
          });
      }
      return;
    }
    setPreLoginChoice(null);
    if (profileLocale !== i18n.resolvedLanguage) {
      void i18n.changeLanguage(profileLocale);
    }
  }, [userId, profileLocale, queryClient]);
}

/** The route table. */
export function App(): ReactElement {
  useProfileLanguage();
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route
          path="/cases"
          element={
            <RequireRead resource="case">
              <CasesPage />
            </RequireRead>
          }
        />
        <Route
          path="/cases/new"
          element={
            <RequireRead resource="case" action="create">
              <CaseNewPage />
            </RequireRead>
          }
        />
        <Route
          path="/cases/import"
          element={
            <RequireRead resource="case" action="create">
              <CaseImportPage />
            </RequireRead>
          }
        />
        <Route
          path="/cases/reports/follow-up"
          element={
            <RequireRead resource="case">
              <FollowUpReportPage />
            </RequireRead>
          }
        />
        <Route
          path="/cases/:caseId"
          element={
            <RequireRead resource="case">
              <CasePage />
            </RequireRead>
          }
        />
        <Route
          path="/screenings/new"
          element={
            <RequireRead resource="screening" action="create">
              <ScreeningPage />
            </RequireRead>
          }
        />
        <Route
          path="/hotline"
          element={
            <RequireRead resource="hotline_call">
              <HotlinePage />
            </RequireRead>
          }
        />
        <Route
          path="/referrals"
          element={
            <RequireRead resource="referral">
              <ReferralInboxPage />
            </RequireRead>
          }
        />
        <Route
          path="/providers"
          element={
            <RequireRead resource="service_provider">
              <ProvidersPage />
            </RequireRead>
          }
        />
        <Route
          path="/tasks"
          element={
            <RequireRead resource="case">
              <TasksPage />
            </RequireRead>
          }
        />
        <Route
          path="/cross-border"
          element={
            <RequireRead resource="crossborder_case">
              <XbCasesPage />
            </RequireRead>
          }
        />
        <Route
          path="/cross-border/cases/:xbCaseId"
          element={
            <RequireRead resource="crossborder_case">
              <XbCasePage />
            </RequireRead>
          }
        />
        <Route
          path="/cross-border/reconciliation"
          element={
            <RequireRead resource="crossborder_case">
              <ReconciliationPage />
            </RequireRead>
          }
        />
        <Route
          path="/cross-border/agreements"
          element={
            <RequireRead resource="agreement">
              <AgreementsPage />
            </RequireRead>
          }
        />
        <Route
          path="/cross-border/agreements/:agreementId"
          element={
            <RequireRead resource="agreement">
              <AgreementPage />
            </RequireRead>
          }
        />
        <Route
          path="/cross-border/meetings"
          element={
            <RequireRead resource="meeting">
              <MeetingsPage />
            </RequireRead>
          }
        />
        <Route
          path="/cross-border/meetings/:meetingId"
          element={
            <RequireRead resource="meeting">
              <MeetingPage />
            </RequireRead>
          }
        />
        <Route
          path="/cross-border/peers"
          element={
            <RequireRead resource="federation">
              <PeersPage />
            </RequireRead>
          }
        />
        <Route
          path="/statistics"
          element={
            <RequireRead resource="statistic">
              <RegionalDashboardPage />
            </RequireRead>
          }
        />
        <Route
          path="/statistics/country"
          element={
            <RequireRead resource="statistic">
              <CountryDashboardPage />
            </RequireRead>
          }
        />
        <Route
          path="/statistics/country/:country"
          element={
            <RequireRead resource="statistic">
              <CountryDashboardPage />
            </RequireRead>
          }
        />
        <Route
          path="/statistics/pivot"
          element={
            <RequireRead resource="statistic">
              <PivotPage />
            </RequireRead>
          }
        />
        <Route
          path="/statistics/comparison"
          element={
            <RequireRead resource="statistic">
              <ComparisonPage />
            </RequireRead>
          }
        />
        <Route
          path="/statistics/entry"
          element={
            <RequireRead resource="statistic">
              <DataEntryPage />
            </RequireRead>
          }
        />
        <Route
          path="/statistics/import"
          element={
            <RequireRead resource="statistic">
              <StatImportPage />
            </RequireRead>
          }
        />
        <Route
          path="/statistics/validation"
          element={
            <RequireRead resource="statistic">
              <ValidationPage />
            </RequireRead>
          }
        />
        <Route
          path="/statistics/approvals"
          element={
            <RequireRead resource="statistic">
              <ApprovalsPage />
            </RequireRead>
          }
        />
        <Route
          path="/statistics/definitions"
          element={
            <RequireRead resource="statistic">
              <StatDefinitionsPage />
            </RequireRead>
          }
        />
        {PLAN_ROUTES.map(({ path, resource, Page }) => (
          <Route
            key={path}
            path={path}
            element={
              <RequireRead resource={resource}>
                <Page />
              </RequireRead>
            }
          />
        ))}
        {MODULES.filter(
          (m) =>
            m.key !== 'cases' &&
            m.key !== 'cross_border' &&
            m.key !== 'statistics' &&
            m.key !== 'plans',
        ).map((m) => (
          <Route
            key={m.key}
            path={m.path}
            element={
              <RequireRead resource={m.resource}>
                <ModulePage moduleKey={m.key} />
              </RequireRead>
            }
          />
        ))}
        <Route
          path="/admin/users"
          element={
            <RequireRead resource="user">
              <UsersPage />
            </RequireRead>
          }
        />
        <Route
          path="/admin/agencies"
          element={
            <RequireRead resource="agency">
              <AgenciesPage />
            </RequireRead>
          }
        />
        <Route
          path="/admin/roles"
          element={
            <RequireRead resource="role">
              <RolesPage />
            </RequireRead>
          }
        />
        <Route
          path="/admin/roles/:roleId"
          element={
            <RequireRead resource="role">
              <RoleEditorPage />
            </RequireRead>
          }
        />
        <Route
          path="/admin/audit"
          element={
            <RequireRead resource="audit">
              <AuditPage />
            </RequireRead>
          }
        />
        <Route path="/profile" element={<ProfilePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
