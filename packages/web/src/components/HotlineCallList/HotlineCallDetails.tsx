import { Alert, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { hotlineApi } from '../../api/hotline.api';
import { errorText } from '../../i18n/errors';

/** One call's summary and caller contact: fetched only when opened (an audited read). */
export function HotlineCallDetails({ id }: { id: string }): ReactElement {
  const { t } = useTranslation();
  const call = useQuery({
    queryKey: ['hotline', 'call', id],
    queryFn: () => hotlineApi.get(id),
    gcTime: 0,
  });
  if (call.isPending) {
    return <Loader size="sm" aria-label={t('hotline.details.loading')} />;
  }
  if (call.isError) {
    return <Alert color="red">{errorText(t, call.error)}</Alert>;
  }
  return (
    <Stack gap="xs" data-testid="hotline-call-details">
      <Text size="sm" fw={600}>
        {t('hotline.field.summary')}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {call.data.summary ?? t('hotline.details.none')}
      </Text>
      <Text size="sm" fw={600}>
        {t('hotline.field.callerContact')}
      </Text>
      <Text size="sm">{call.data.callerContact ?? t('hotline.details.none')}</Text>
    </Stack>
  );
}
