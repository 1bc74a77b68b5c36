import type { ScreeningDetail } from '@ctip/domain';
import { Alert, Button, Container, Stack, Text } from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { TOUCH_TARGET_PX } from '../../components/ScreeningForm/IndicatorGroup';
import { ScreeningForm } from '../../components/ScreeningForm/ScreeningForm';
import { notify } from '../../i18n/notify';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Record a first-responder screening (route `/screenings/new`, optionally `?hotlineCallId=`).
 * Saving opens no case; afterwards the officer may open one from the screening.
 */
export function ScreeningPage(): ReactElement {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const callParam = params.get('hotlineCallId') ?? '';
  const hotlineCallId = UUID.test(callParam) ? callParam : undefined;
  const [saved, setSaved] = useState<ScreeningDetail | null>(null);
  const [formKey, setFormKey] = useState(0);

  function handleSaved(screening: ScreeningDetail): void {
    setSaved(screening);
    notify('success', t('screening.saved'));
    globalThis.scrollTo?.({ top: 0 });
  }

  return (
    <Container size="sm" px={{ base: 'xs', sm: 'md' }}>
      <PageHeader title={t('screening.newTitle')} description={t('screening.description')} />
      {saved ? (
        <Stack data-testid="screening-saved">
          <Alert color="green" title={t('screening.saved')}>
            <Text>
              {t('screening.savedOutcome', { outcome: t(`screening.outcome.${saved.outcome}`) })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('screening.savedNoCase')}
            </Text>
          </Alert>
          {saved.outcome !== 'NotAVictim' ? (
            <Button
              component={Link}
              to={`/cases/new?screeningId=${encodeURIComponent(saved.id)}`}
              size="lg"
              style={{ minHeight: TOUCH_TARGET_PX }}
              data-testid="screening-open-case"
            >
              {t('screening.openCase')}
            </Button>
          ) : null}
          <Button
            variant="light"
            size="lg"
            style={{ minHeight: TOUCH_TARGET_PX }}
            onClick={() => {
              setSaved(null);
              setFormKey((k) => k + 1);
            }}
          >
            {t('screening.another')}
          </Button>
        </Stack>
      ) : (
        <ScreeningForm key={formKey} hotlineCallId={hotlineCallId} onSaved={handleSaved} />
      )}
    </Container>
  );
}
