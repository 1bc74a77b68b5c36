import type { User } from '@ctip/domain';
import { Modal } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { UserCreateForm } from './UserCreateForm';
import { UserEditForm } from './UserEditForm';

export type UserFormModalProps = {
  opened: boolean;
  /** The user to edit; null to create one. */
  user: User | null;
  onClose: () => void;
};

/** Create or edit a user account in a modal. */
export function UserFormModal({ opened, user, onClose }: UserFormModalProps): ReactElement {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={user ? t('users.editTitle', { name: user.username }) : t('users.createTitle')}
      size="lg"
    >
      {opened ? (
        user ? (
          <UserEditForm user={user} onDone={onClose} />
        ) : (
          <UserCreateForm onDone={onClose} />
        )
      ) : null}
    </Modal>
  );
}
