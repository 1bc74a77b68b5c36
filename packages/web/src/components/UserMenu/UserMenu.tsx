import { Button, Menu } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLogout, useSession } from '../../auth/session';
import { errorText } from '../../i18n/errors';
import { notify } from '../../i18n/notify';
import { ConfirmDialog } from '../ConfirmDialog/ConfirmDialog';

/** The header menu of the logged-in user: profile, log out, log out everywhere. */
export function UserMenu(): ReactElement | null {
  const { t } = useTranslation();
  const session = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const [confirmAll, setConfirmAll] = useState(false);

  if (!session) {
    return null;
  }

  async function handleLogout(everywhere: boolean): Promise<void> {
    try {
      await logout(everywhere);
      if (everywhere) {
        notify('success', t('auth.loggedOutEverywhere'));
      }
    } catch (err) {
      notify('error', errorText(t, err));
    } finally {
      navigate('/login', { replace: true });
    }
  }

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="subtle" data-testid="user-menu" aria-label={t('auth.userMenu')}>
            {session.user.displayName}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{session.user.username}</Menu.Label>
          <Menu.Item component={Link} to="/profile" data-testid="profile-link">
            {t('nav.profile')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item data-testid="logout" onClick={() => void handleLogout(false)}>
            {t('auth.logout')}
          </Menu.Item>
          <Menu.Item color="red" data-testid="logout-all" onClick={() => setConfirmAll(true)}>
            {t('auth.logoutEverywhere')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ConfirmDialog
        opened={confirmAll}
        title={t('auth.logoutEverywhere')}
        message={t('auth.logoutEverywhereConfirm')}
        confirmLabel={t('auth.logoutEverywhere')}
        onClose={() => setConfirmAll(false)}
        onConfirm={() => handleLogout(true)}
      />
    </>
  );
}
