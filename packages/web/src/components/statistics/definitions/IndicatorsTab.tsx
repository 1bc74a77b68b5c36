import { INDICATOR_UNITS, type IndicatorInput } from '@ctip/domain';
import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { type StatIndicatorView, statisticsDataApi } from '../../../api/statistics-data.api';
import { applyFieldError } from '../../../i18n/errors';
import { notify } from '../../../i18n/notify';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';

type Values = { code: string; name: string; expression: string; unit: string; decimals: number };
const EMPTY: Values = { code: '', name: '', expression: '', unit: 'count', decimals: 0 };
const CODE = /^[A-Z][A-Z0-9_]{1,59}$/;

/** The character position of a syntax error, when the server sent one. */
function errorPosition(err: unknown): number | null {
  if (!isApiError(err)) {
    return null;
  }
  const p = err.details?.position;
  if (typeof p === 'number' && Number.isInteger(p)) {
    return p + 1;
  }
  // The server names the place in its message: "… (at character 15)", 1-based.
  const m = /at character (\d+)/.exec(err.message);
  return m ? Number(m[1]) : null;
}

function IndicatorDialog({
  indicator,
  isNew,
  onClose,
}: {
  indicator: StatIndicatorView | null;
  isNew: boolean;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<Values>({ defaultValues: EMPTY });
  useEffect(() => {
    form.reset(indicator ? { ...indicator } : EMPTY);
  }, [indicator, form]);
  const isBuiltIn = indicator?.isBuiltIn ?? false;
  const save = useMutation({
    mutationFn: (v: Values) => {
      const unit = v.unit as IndicatorInput['unit'];
      const base = { name: v.name.trim(), decimals: Number(v.decimals) };
      if (isNew) {
        return statisticsDataApi.createIndicator({
          code: v.code.trim(),
          ...base,
          expression: v.expression.trim(),
          unit,
        });
      }
      // A built-in indicator takes only its name and decimals.
      return statisticsDataApi.updateIndicator(
        (indicator as StatIndicatorView).code,
        isBuiltIn ? base : { ...base, expression: v.expression.trim(), unit },
      );
    },
    onSuccess: () => {
      notify('success', t('statisticsData.definitions.saved'));
      void queryClient.invalidateQueries({ queryKey: ['stat-indicators'] });
      onClose();
    },
    onError: (err) => {
      // The server parses the expression: its syntax error is shown at the field, with where.
      if (isApiError(err) && err.code === 'INVALID_INPUT' && err.field === 'expression') {
        const position = errorPosition(err);
        form.setError(
          'expression',
          {
            type: 'server',
            message:
              position === null
                ? t('statisticsData.definitions.expressionInvalid')
                : t('statisticsData.definitions.expressionInvalidAt', { position }),
          },
          { shouldFocus: true },
        );
        return;
      }
      applyFieldError(t, err, form.setError, ['code', 'name', 'unit', 'decimals']);
    },
  });
  const required = t('validation.required');
  const { errors } = form.formState;
  return (
    <Modal
      opened={isNew || indicator !== null}
      onClose={onClose}
      size="lg"
      title={
        isNew
          ? t('statisticsData.definitions.newIndicator')
          : t('statisticsData.definitions.editIndicator')
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          <TextInput
            label={t('statisticsData.definitions.code')}
            disabled={!isNew}
            required
            {...form.register('code', {
              required,
              pattern: { value: CODE, message: t('statisticsData.definitions.codeInvalid') },
            })}
            error={errors.code?.message}
          />
          <TextInput
            label={t('statisticsData.definitions.name')}
            required
            {...form.register('name', { required })}
            error={errors.name?.message}
          />
          <Textarea
            label={t('statisticsData.definitions.expression')}
            description={t('statisticsData.definitions.expressionHint')}
            required
            rows={2}
            styles={{ input: { fontFamily: 'monospace' } }}
            disabled={isBuiltIn}
            {...form.register('expression', { required })}
            error={errors.expression?.message}
          />
          <Group grow>
            <Controller
              control={form.control}
              name="unit"
              render={({ field }) => (
                <Select
                  label={t('statisticsData.definitions.unit')}
                  data={INDICATOR_UNITS.map((u) => ({
                    value: u,
                    label: t(`statisticsData.indicatorUnit.${u}`),
                  }))}
                  value={field.value}
                  onChange={(v) => field.onChange(v ?? 'count')}
                  allowDeselect={false}
                  disabled={isBuiltIn}
                />
              )}
            />
            <Controller
              control={form.control}
              name="decimals"
              render={({ field, fieldState }) => (
                <NumberInput
                  label={t('statisticsData.definitions.decimals')}
                  min={0}
                  max={6}
                  allowDecimal={false}
                  value={field.value}
                  onChange={(v) => field.onChange(typeof v === 'number' ? v : 0)}
                  error={fieldState.error?.message}
                />
              )}
            />
          </Group>
          <ErrorAlert error={save.error && !Object.keys(errors).length ? save.error : null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Indicators: expressions over data elements (rates per 100,000, ratios); create and edit. */
export function IndicatorsTab({ canEdit }: { canEdit: boolean }): ReactElement {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<StatIndicatorView | null>(null);
  const [isNew, setNew] = useState(false);
  const list = useQuery({ queryKey: ['stat-indicators'], queryFn: statisticsDataApi.indicators });
  return (
    <Stack>
      {canEdit ? (
        <Group>
          <Button onClick={() => setNew(true)}>
            {t('statisticsData.definitions.newIndicator')}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={list.error} />
      <Table
        striped
        aria-label={t('statisticsData.definitions.tab.indicators')}
        data-testid="indicators"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('statisticsData.definitions.code')}</Table.Th>
            <Table.Th>{t('statisticsData.definitions.name')}</Table.Th>
            <Table.Th>{t('statisticsData.definitions.expression')}</Table.Th>
            <Table.Th>{t('statisticsData.definitions.unit')}</Table.Th>
            {canEdit ? <Table.Th>{t('common.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((i) => (
            <Table.Tr key={i.code}>
              <Table.Td>
                <code>{i.code}</code>
              </Table.Td>
              <Table.Td>{t(`statistics.indicator.${i.code}`, { defaultValue: i.name })}</Table.Td>
              <Table.Td>
                <code>{i.expression}</code>
              </Table.Td>
              <Table.Td>
                {t(`statisticsData.indicatorUnit.${i.unit}`, { defaultValue: i.unit })}
              </Table.Td>
              {canEdit ? (
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(i)}>
                    {t('common.edit')}
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <IndicatorDialog
        indicator={editing}
        isNew={isNew}
        onClose={() => {
          setEditing(null);
          setNew(false);
        }}
      />
    </Stack>
  );
}
