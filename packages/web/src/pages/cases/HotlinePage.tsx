import { Paper, Stack, Tabs, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../../auth/session';
import { HotlineCallForm } from '../../components/HotlineCallForm/HotlineCallForm';
import { HotlineCallList } from '../../components/HotlineCallList/HotlineCallList';
import { HotlineStatsPanel } from '../../components/HotlineStats/HotlineStatsPanel';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { notify } from '../../i18n/notify';

/** The hotline console (route `/hotline`): quick call entry, today's calls, and statistics. */
export function HotlinePage(): ReactElement {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<string | null>('console');
  const can = useCan();
  const canCreate = can('create', 'hotline_call');

  return (
    <Stack>
      <PageHeader title={t('hotline.title')} description={t('hotline.description')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="console">{t('hotline.tab.console')}</Tabs.Tab>
          <Tabs.Tab value="stats">{t('hotline.tab.stats')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="console" pt="md">
          <Stack>
            {canCreate ? (
              <Paper withBorder p="md">
                <Title order={2} size="h4" mb="sm">
                  {t('hotline.form.title')}
                </Title>
                <HotlineCallForm
                  defaultLanguage={session?.user.locale ?? 'en'}
                  onSaved={() => {
                    notify('success', t('hotline.form.saved'));
                    void queryClient.invalidateQueries({ queryKey: ['hotline'] });
                  }}
                />
              </Paper>
            ) : null}
            <Title order={2} size="h4">
              {t('hotline.list.title')}
            </Title>
            <HotlineCallList />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="stats" pt="md">
          <HotlineStatsPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
