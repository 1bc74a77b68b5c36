import { type Actor, can } from '@ctip/domain';
import { NavLink, ScrollArea, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import {
  ADMIN_PAGES,
  type AdminPageDefinition,
  CASE_PAGES,
  type CasePageDefinition,
  CROSS_BORDER_PAGES,
  type CrossBorderPageDefinition,
  MODULES,
  type ModuleDefinition,
  PLANS_PAGES,
  type PlansPageDefinition,
  STATISTICS_PAGES,
  type StatisticsPageDefinition,
} from '../../modules';

/** The menu entries an actor may see: those whose resource it can read at some scope. */
export function visibleNavigation(actor: Actor): {
  modules: ModuleDefinition[];
  casePages: CasePageDefinition[];
  crossBorderPages: CrossBorderPageDefinition[];
  statisticsPages: StatisticsPageDefinition[];
  plansPages: PlansPageDefinition[];
  admin: AdminPageDefinition[];
} {
  const crossBorderPages = CROSS_BORDER_PAGES.filter((p) => can(actor, 'read', p.resource));
  return {
    modules: MODULES.filter(
      (m) =>
        can(actor, 'read', m.resource) ||
        (m.key === 'cases' && can(actor, 'read', 'hotline_call')) ||
        (m.key === 'cross_border' && crossBorderPages.length > 0),
    ),
    casePages: CASE_PAGES.filter((p) => can(actor, p.action ?? 'read', p.resource)),
    crossBorderPages,
    statisticsPages: STATISTICS_PAGES.filter((p) => can(actor, p.action ?? 'read', p.resource)),
    plansPages: PLANS_PAGES.filter((p) => can(actor, p.action ?? 'read', p.resource)),
    admin: ADMIN_PAGES.filter((p) => can(actor, 'read', p.resource)),
  };
}

export type AppNavbarProps = { actor: Actor; onNavigate?: () => void };

/** Main navigation: home, the modules, administration, each shown only when permitted. */
export function AppNavbar({ actor, onNavigate }: AppNavbarProps): ReactElement {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { modules, casePages, crossBorderPages, statisticsPages, plansPages, admin } =
    visibleNavigation(actor);
  const subPages: Partial<Record<string, { key: string; path: string }[]>> = {
    cases: casePages,
    cross_border: crossBorderPages,
    statistics: statisticsPages,
    plans: plansPages,
  };
  const isActive = (path: string): boolean => pathname === path || pathname.startsWith(`${path}/`);

  return (
    <ScrollArea component="nav" aria-label={t('nav.main')} type="auto">
      <NavLink
        component={Link}
        to="/"
        label={t('nav.home')}
        active={pathname === '/'}
        onClick={onNavigate}
      />
      {modules.length > 0 ? (
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm">
          {t('nav.modules')}
        </Text>
      ) : null}
      {modules.map((m) =>
        subPages[m.key] ? (
          <NavLink
            key={m.key}
            label={t(`module.${m.key}.name`)}
            defaultOpened
            data-testid={`nav-${m.key}`}
          >
            {(subPages[m.key] ?? []).map((p) => (
              <NavLink
                key={p.key}
                component={Link}
                to={p.path}
                label={t(`nav.${p.key}`)}
                active={pathname === p.path}
                onClick={onNavigate}
                data-testid={`nav-${p.key}`}
              />
            ))}
          </NavLink>
        ) : (
          <NavLink
            key={m.key}
            component={Link}
            to={m.path}
            label={t(`module.${m.key}.name`)}
            active={isActive(m.path)}
            onClick={onNavigate}
            data-testid={`nav-${m.key}`}
          />
        ),
      )}
      {admin.length > 0 ? (
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm">
          {t('nav.administration')}
        </Text>
      ) : null}
      {admin.map((p) => (
        <NavLink
          key={p.key}
          component={Link}
          to={p.path}
          label={t(`nav.${p.key}`)}
          active={isActive(p.path)}
          onClick={onNavigate}
          data-testid={`nav-${p.key}`}
        />
      ))}
    </ScrollArea>
  );
}
