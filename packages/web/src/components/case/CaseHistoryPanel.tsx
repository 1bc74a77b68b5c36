import type { CaseHistoryEntry } from '@ctip/domain';
import { Loader, Stack, Text, Timeline } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { casesApi } from '../../api/cases.api';
import { type HtcdsList, htcdsLabel } from '../CaseForm/htcds-lists';
import { DateText } from '../DateText/DateText';
import { ErrorAlert } from '../ErrorAlert/ErrorAlert';

export type CaseHistoryPanelProps = { caseId: string };

const KNOWN_ACTIONS = new Set([
  'create',
  'update',
  'event_add',
  'event_delete',
  'perpetrator_add',
  'note_add',
  'attachment_add',
]);

function isFromTo(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === 'object' && value !== null && 'to' in value;
}

/** The picklist of each coded field, to label its old and new values. */
const FIELD_LISTS: Record<string, HtcdsList> = {
  status: 'caseStatus',
  identificationStatus: 'identificationStatus',
  gender: 'gender',
  formsOfExploitation: 'formOfExploitation',
  recruitmentMethods: 'recruitmentMethod',
  recruitmentApps: 'websiteOrApp',
  exploitationApps: 'websiteOrApp',
  methodsOfControl: 'methodOfControl',
  labourExploitationTypes: 'labourExploitationType',
  labourIndustries: 'labourIndustry',
  sexExploitationTypes: 'sexExploitationType',
  vulnerabilities: 'vulnerability',
};

function show(t: TFunction, field: string, value: unknown): string {
  if (value == null || (Array.isArray(value) && value.length === 0)) {
    return '—';
  }
  const list = FIELD_LISTS[field];
  const values = Array.isArray(value) ? value.map(String) : [String(value)];
  return values.map((v) => (list ? htcdsLabel(t, list, v) : v)).join(', ');
}

/** One line per changed field: coded ones with old → new, personal ones only as changed. */
function changeLines(t: TFunction, entry: CaseHistoryEntry): string[] {
  if (entry.action !== 'update') {
    return [];
  }
  return Object.entries(entry.changes).map(([field, change]) => {
    const label = t(`cases.history.field.${field}`, { defaultValue: field });
    return isFromTo(change)
      ? t('cases.history.fromTo', {
          field: label,
          from: show(t, field, change.from),
          to: show(t, field, change.to),
        })
      : t('cases.history.changed', { field: label });
  });
}

/** The change history of a case as a timeline (newest first). */
export function CaseHistoryPanel({ caseId }: CaseHistoryPanelProps): ReactElement {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['cases', 'history', caseId],
    queryFn: () => casesApi.history(caseId),
  });
  if (history.isPending) {
    return <Loader size="sm" />;
  }
  return (
    <Stack data-testid="CaseHistoryPanel">
      <ErrorAlert error={history.error} />
      <Timeline bulletSize={14} lineWidth={2}>
        {(history.data?.items ?? []).map((h) => (
          <Timeline.Item
            key={h.id}
            title={
              KNOWN_ACTIONS.has(h.action)
                ? t(`cases.history.action.${h.action}`)
                : h.action.replaceAll('_', ' ')
            }
          >
            <Text size="xs" c="dimmed">
              {h.userName ?? t('cases.history.system')} · <DateText value={h.at} withTime />
            </Text>
            {changeLines(t, h).map((line) => (
              <Text key={line} size="sm">
                {line}
              </Text>
            ))}
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}
