import type { CountryIndicatorView, PlanIndicatorView } from '@ctip/domain';
import { Group, Modal, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { FormActions } from '../shared/form';
import { indicatorsApi } from './indicators.api';

type YearDraft = {
  year: number;
  markerValue: number | null;
  markerNote: string;
  actualValue: number | null;
  actualNote: string;
};

const numOrNull = (v: string | number): number | null =>
  v === '' || v === null || Number.isNaN(Number(v)) ? null : Number(v);
const textOrNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/**
 * Edit a country's indicator: the baseline, and per framework year the progress marker and (for
 * an indicator not bound to statistics) the actual. Saves the baseline, then the years, each under
 * the selection's version (a stale one is answered 409 and shown).
 */
export function IndicatorEditor({
  indicator,
  selection,
  country,
  yearLabel,
  onClose,
}: {
  indicator: PlanIndicatorView;
  selection: CountryIndicatorView;
  country: string;
  yearLabel: (y: number) => string;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const bound = indicator.statElementCode !== null;
  const [baselineValue, setBaselineValue] = useState<number | null>(selection.baselineValue);
  const [baselineYear, setBaselineYear] = useState<number | null>(selection.baselineYear);
  const [baselineNote, setBaselineNote] = useState(selection.baselineNote ?? '');
  const [years, setYears] = useState<YearDraft[]>(
    selection.years.map((y) => ({
      year: y.year,
      markerValue: y.markerValue,
      markerNote: y.markerNote ?? '',
      actualValue: bound ? null : y.actualValue,
      actualNote: bound ? '' : (y.actualNote ?? ''),
    })),
  );
  const setYear = (i: number, patch: Partial<YearDraft>) =>
    setYears((ys) => ys.map((y, j) => (j === i ? { ...y, ...patch } : y)));
  const save = useMutation({
    mutationFn: async () => {
      const after = await indicatorsApi.select(indicator.id, country, {
        baselineValue,
        baselineYear,
        baselineNote: textOrNull(baselineNote),
        version: selection.version,
      });
      return indicatorsApi.saveYears(indicator.id, country, {
        version: after.version,
        years: years.map((y) => ({
          year: y.year,
          markerValue: y.markerValue,
          markerNote: textOrNull(y.markerNote),
          ...(bound ? {} : { actualValue: y.actualValue, actualNote: textOrNull(y.actualNote) }),
        })),
      });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['plans', 'indicator-dashboard'] });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={t('plansIndicators.editor.title', { code: indicator.code })}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Text size="sm">{indicator.title}</Text>
          {save.error ? <ErrorAlert error={save.error} /> : null}
          <Group grow>
            <NumberInput
              label={t('plansIndicators.baseline')}
              value={baselineValue ?? ''}
              onChange={(v) => setBaselineValue(numOrNull(v))}
            />
            <NumberInput
              label={t('plansIndicators.baselineYear')}
              value={baselineYear ?? ''}
              min={1990}
              max={2100}
              onChange={(v) => setBaselineYear(numOrNull(v))}
            />
            <TextInput
              label={t('plansIndicators.note')}
              value={baselineNote}
              onChange={(e) => setBaselineNote(e.currentTarget.value)}
            />
          </Group>
          {bound ? (
            <Text size="sm" c="dimmed">
              {t('plansIndicators.editor.boundHint', { element: indicator.statElementCode })}
            </Text>
          ) : null}
          <Table data-testid="indicator-editor-years">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plansIndicators.year')}</Table.Th>
                <Table.Th>{t('plansIndicators.marker')}</Table.Th>
                <Table.Th>{t('plansIndicators.markerNote')}</Table.Th>
                {bound ? null : <Table.Th>{t('plansIndicators.actual')}</Table.Th>}
                {bound ? null : <Table.Th>{t('plansIndicators.actualNote')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {years.map((y, i) => (
                <Table.Tr key={y.year}>
                  <Table.Td>{yearLabel(y.year)}</Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t('plansIndicators.editor.markerOf', { year: yearLabel(y.year) })}
                      value={y.markerValue ?? ''}
                      onChange={(v) => setYear(i, { markerValue: numOrNull(v) })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('plansIndicators.editor.markerNoteOf', {
                        year: yearLabel(y.year),
                      })}
                      value={y.markerNote}
                      onChange={(e) => setYear(i, { markerNote: e.currentTarget.value })}
                    />
                  </Table.Td>
                  {bound ? null : (
                    <Table.Td>
                      <NumberInput
                        aria-label={t('plansIndicators.editor.actualOf', {
                          year: yearLabel(y.year),
                        })}
                        value={y.actualValue ?? ''}
                        onChange={(v) => setYear(i, { actualValue: numOrNull(v) })}
                      />
                    </Table.Td>
                  )}
                  {bound ? null : (
                    <Table.Td>
                      <TextInput
                        aria-label={t('plansIndicators.editor.actualNoteOf', {
                          year: yearLabel(y.year),
                        })}
                        value={y.actualNote}
                        onChange={(e) => setYear(i, { actualNote: e.currentTarget.value })}
                      />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <FormActions
            busy={save.isPending}
            cancelLabel={t('plansIndicators.cancel')}
            saveLabel={t('plansIndicators.save')}
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Modal>
  );
}
