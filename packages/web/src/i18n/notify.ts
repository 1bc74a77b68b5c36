import { notifications } from '@mantine/notifications';
import { i18n } from './i18n';

/**
 * Show a notification (success or failure) whose close button has a translated name.
 * @param kind - 'success' (green) or 'error' (red).
 * @param message - Already translated text.
 */
export function notify(kind: 'success' | 'error', message: string): void {
  notifications.show({
    color: kind === 'success' ? 'green' : 'red',
    message,
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}
