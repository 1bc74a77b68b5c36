import { Stack, Tabs } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCan } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { ElementsTab } from '../../components/statistics/definitions/ElementsTab';
import { IndicatorsTab } from '../../components/statistics/definitions/IndicatorsTab';
import {
  DataSetsTab,
  DisclosureTab,
  RulesTab,
  SourcesTab,
} from '../../components/statistics/definitions/MetadataTabs';

const TABS = ['elements', 'dataSets', 'indicators', 'rules', 'sources', 'disclosure'] as const;
type Tab = (typeof TABS)[number];

/**
 * /statistics/definitions: data elements (list, create, edit), data sets, indicators (with the
 * server's syntax check of the expression), validation rules (on/off), sources, and disclosure
 * settings (threshold, zeros, fiscal year start per country). Editing is offered to those allowed.
 */
export function StatDefinitionsPage(): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '')
    ? (tabParam as Tab)
    : 'elements';
  const canEdit = can('update', 'statistic');
  const canCreate = can('create', 'statistic') && canEdit;
  return (
    <Stack>
      <PageHeader
        title={t('statisticsData.definitions.title')}
        description={t('statisticsData.definitions.description')}
      />
      <Tabs
        value={tab}
        onChange={(v) => v && setParams({ tab: v }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`statisticsData.definitions.tab.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="elements" pt="md">
          <ElementsTab canEdit={canCreate} />
        </Tabs.Panel>
        <Tabs.Panel value="dataSets" pt="md">
          <DataSetsTab />
        </Tabs.Panel>
        <Tabs.Panel value="indicators" pt="md">
          <IndicatorsTab canEdit={canCreate} />
        </Tabs.Panel>
        <Tabs.Panel value="rules" pt="md">
          <RulesTab canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="sources" pt="md">
          <SourcesTab />
        </Tabs.Panel>
        <Tabs.Panel value="disclosure" pt="md">
          <DisclosureTab canEdit={canEdit} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
