import {
  type DataElementInput,
  ELEMENT_CODE_PATTERN,
  ELEMENT_GROUPS,
  STAT_DIMENSIONS,
  STAT_UNITS,
  type StatDimension,
  VALUE_TYPES,
} from '@ctip/domain';
import {
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { type StatElementView, statisticsDataApi } from '../../../api/statistics-data.api';
import { applyFieldError } from '../../../i18n/errors';
import { notify } from '../../../i18n/notify';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { useStatLabels } from '../entry/labels';

type Values = {
  code: string;
  name: string;
  description: string;
  group: string;
  valueType: string;
  unit: string;
  dimensions: StatDimension[];
};

const EMPTY: Values = {
  code: '',
  name: '',
  description: '',
  group: 'victims',
  valueType: 'Integer',
  unit: 'persons',
  dimensions: [],
};

function ElementDialog({
  element,
  isNew,
  onClose,
}: {
  element: StatElementView | null;
  isNew: boolean;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const queryClient = useQueryClient();
  const opened = isNew || element !== null;
  const form = useForm<Values>({ defaultValues: EMPTY });
  useEffect(() => {
    form.reset(
      element
        ? {
            ...element,
            description: element.description ?? '',
            dimensions: [...element.dimensions],
          }
        : EMPTY,
    );
  }, [element, form]);
  const isBuiltIn = element?.isBuiltIn ?? false;
  const save = useMutation({
    mutationFn: (v: Values) => {
      const text = { name: v.name.trim(), description: v.description.trim() || null };
      if (isNew) {
        return statisticsDataApi.createElement({
          code: v.code.trim(),
          ...text,
          group: v.group as DataElementInput['group'],
          valueType: v.valueType as DataElementInput['valueType'],
          unit: v.unit as DataElementInput['unit'],
          dimensions: v.dimensions,
        });
      }
      // A built-in element takes only its name and description.
      return statisticsDataApi.updateElement(
        (element as StatElementView).code,
        isBuiltIn
          ? text
          : {
              ...text,
              group: v.group as DataElementInput['group'],
              valueType: v.valueType as DataElementInput['valueType'],
              unit: v.unit as DataElementInput['unit'],
              dimensions: v.dimensions,
            },
      );
    },
    onSuccess: () => {
      notify('success', t('statisticsData.definitions.saved'));
      void queryClient.invalidateQueries({ queryKey: ['stat-elements'] });
      onClose();
    },
    onError: (err) => {
      applyFieldError(t, err, form.setError, [
        'code',
        'name',
        'description',
        'group',
        'valueType',
        'unit',
        'dimensions',
      ]);
    },
  });
  const required = t('validation.required');
  const { errors } = form.formState;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={
        isNew
          ? t('statisticsData.definitions.newElement')
          : t('statisticsData.definitions.editElement')
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={form.handleSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          <TextInput
            label={t('statisticsData.definitions.code')}
            description={t('statisticsData.definitions.codeHint')}
            disabled={!isNew}
            required
            {...form.register('code', {
              required,
              pattern: {
                value: ELEMENT_CODE_PATTERN,
                message: t('statisticsData.definitions.codeInvalid'),
              },
            })}
            error={errors.code?.message}
          />
          <TextInput
            label={t('statisticsData.definitions.name')}
            required
            {...form.register('name', { required, maxLength: 200 })}
            error={errors.name?.message}
          />
          <Textarea
            label={t('statisticsData.definitions.descriptionLabel')}
            rows={3}
            {...form.register('description')}
            error={errors.description?.message}
          />
          <Group grow>
            <Controller
              control={form.control}
              name="group"
              render={({ field, fieldState }) => (
                <Select
                  label={t('statisticsData.definitions.group')}
                  data={ELEMENT_GROUPS.map((g) => ({
                    value: g,
                    label: t(`statisticsData.elementGroup.${g}`),
                  }))}
                  value={field.value}
                  onChange={(v) => field.onChange(v ?? 'victims')}
                  allowDeselect={false}
                  disabled={isBuiltIn}
                  error={fieldState.error?.message}
                />
              )}
            />
            <Controller
              control={form.control}
              name="valueType"
              render={({ field, fieldState }) => (
                <Select
                  label={t('statisticsData.definitions.valueType')}
                  data={VALUE_TYPES.map((v) => ({
                    value: v,
                    label: t(`statisticsData.valueType.${v}`),
                  }))}
                  value={field.value}
                  onChange={(v) => field.onChange(v ?? 'Integer')}
                  allowDeselect={false}
                  disabled={isBuiltIn}
                  error={fieldState.error?.message}
                />
              )}
            />
            <Controller
              control={form.control}
              name="unit"
              render={({ field, fieldState }) => (
                <Select
                  label={t('statisticsData.definitions.unit')}
                  data={STAT_UNITS.map((u) => ({ value: u, label: t(`statisticsData.unit.${u}`) }))}
                  value={field.value}
                  onChange={(v) => field.onChange(v ?? 'persons')}
                  allowDeselect={false}
                  disabled={isBuiltIn}
                  error={fieldState.error?.message}
                />
              )}
            />
          </Group>
          <Controller
            control={form.control}
            name="dimensions"
            render={({ field, fieldState }) => (
              <MultiSelect
                label={t('statisticsData.definitions.dimensions')}
                data={STAT_DIMENSIONS.map((d) => ({ value: d, label: labels.dimension(d) }))}
                value={field.value}
                onChange={(v) => field.onChange(v as StatDimension[])}
                disabled={isBuiltIn}
                error={fieldState.error?.message}
              />
            )}
          />
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

/** The data elements: what is counted, its breakdowns, unit and value type; create and edit. */
export function ElementsTab({ canEdit }: { canEdit: boolean }): ReactElement {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const [editing, setEditing] = useState<StatElementView | null>(null);
  const [isNew, setNew] = useState(false);
  const list = useQuery({ queryKey: ['stat-elements'], queryFn: statisticsDataApi.elements });
  return (
    <Stack>
      {canEdit ? (
        <Group>
          <Button onClick={() => setNew(true)}>{t('statisticsData.definitions.newElement')}</Button>
        </Group>
      ) : null}
      <ErrorAlert error={list.error} />
      <Table
        striped
        aria-label={t('statisticsData.definitions.tab.elements')}
        data-testid="elements"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('statisticsData.definitions.code')}</Table.Th>
            <Table.Th>{t('statisticsData.definitions.name')}</Table.Th>
            <Table.Th>{t('statisticsData.definitions.group')}</Table.Th>
            <Table.Th>{t('statisticsData.definitions.unit')}</Table.Th>
            <Table.Th>{t('statisticsData.definitions.dimensions')}</Table.Th>
            {canEdit ? <Table.Th>{t('common.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((e) => (
            <Table.Tr key={e.code}>
              <Table.Td>
                <code>{e.code}</code>
              </Table.Td>
              <Table.Td>
                {e.isBuiltIn ? labels.element(e.code) : e.name}
                {e.caseDerived ? (
                  <Badge ml="xs" size="xs" variant="light">
                    {t('statisticsData.definitions.caseDerivedShort')}
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td>
                {t(`statisticsData.elementGroup.${e.group}`, { defaultValue: e.group })}
              </Table.Td>
              <Table.Td>{t(`statisticsData.unit.${e.unit}`, { defaultValue: e.unit })}</Table.Td>
              <Table.Td>
                <Text size="xs">{e.dimensions.map((d) => labels.dimension(d)).join(', ')}</Text>
              </Table.Td>
              {canEdit ? (
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(e)}>
                    {t('common.edit')}
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ElementDialog
        element={editing}
        isNew={isNew}
        onClose={() => {
          setEditing(null);
          setNew(false);
        }}
      />
    </Stack>
  );
}
