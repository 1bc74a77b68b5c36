import { type ColumnMapping, STAT_DIMENSIONS } from '@ctip/domain';
import {
  Checkbox,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStatLabels } from '../entry/labels';
import { FieldSourceInput } from './FieldSourceInput';
import {
  breakdownText,
  fieldColumns,
  mappingWithLayout,
  parseBreakdown,
  ROW_FIELDS,
  type RowFields,
  type WideColumn,
} from './mapping-model';

export type MappingEditorProps = {
  mapping: ColumnMapping;
  headers: readonly string[];
  elementCodes: readonly string[];
  onChange: (mapping: ColumnMapping) => void;
  /** Problems by path (`value`, `columns`, `columns.2.period`…), already translated. */
  errors?: Readonly<Record<string, string>>;
};

function BreakdownInput({
  value,
  label,
  onChange,
}: {
  value: WideColumn['dimensions'];
  label: string;
  onChange: (v: WideColumn['dimensions']) => void;
}): ReactElement {
  const { t } = useTranslation();
  const [text, setText] = useState(breakdownText(value));
  const [isBad, setBad] = useState(false);
  return (
    <TextInput
      size="xs"
      w={200}
      aria-label={label}
      placeholder="sex=F; age_group=U18"
      value={text}
      error={isBad ? t('statisticsData.import.badBreakdown') : null}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={() => {
        const parsed = parseBreakdown(text);
        setBad(parsed === null);
        if (parsed) {
          onChange(parsed);
        }
      }}
    />
  );
}

/**
 * The column-mapping step: long layout (one value per row; each field from a column or fixed) or
 * wide layout (the value columns each fix their element, period and/or options).
 */
export function MappingEditor({
  mapping,
  headers,
  elementCodes,
  onChange,
  errors = {},
}: MappingEditorProps): ReactElement {
  const { t } = useTranslation();
  const labels = useStatLabels();
  if (mapping.layout === 'adx') {
    return <Text c="dimmed">{t('statisticsData.import.adxNoMapping')}</Text>;
  }
  const fields = mapping.fields;
  const setFields = (next: RowFields) => onChange({ ...mapping, fields: next });
  const used = fieldColumns(fields);

  const fieldRows = (
    <Table
      withTableBorder
      aria-label={t('statisticsData.import.fields')}
      data-testid="mapping-fields"
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('statisticsData.import.field')}</Table.Th>
          <Table.Th>{t('statisticsData.import.source')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {ROW_FIELDS.map((f) => (
          <Table.Tr key={f}>
            <Table.Td>{t(`statisticsData.import.fieldName.${f}`)}</Table.Td>
            <Table.Td>
              <FieldSourceInput
                label={t(`statisticsData.import.fieldName.${f}`)}
                headers={headers}
                value={fields[f]}
                error={errors[`fields.${f}`]}
                onChange={(v) => setFields({ ...fields, [f]: v })}
              />
            </Table.Td>
          </Table.Tr>
        ))}
        {mapping.layout === 'long' ? (
          <Table.Tr>
            <Table.Td fw={600}>{t('statisticsData.import.fieldName.value')}</Table.Td>
            <Table.Td>
              <FieldSourceInput
                label={t('statisticsData.import.fieldName.value')}
                headers={headers}
                value={mapping.value}
                isRequired
                error={errors.value}
                onChange={(v) => v && onChange({ ...mapping, value: v })}
              />
            </Table.Td>
          </Table.Tr>
        ) : null}
        {STAT_DIMENSIONS.map((d) => (
          <Table.Tr key={d}>
            <Table.Td>{labels.dimension(d)}</Table.Td>
            <Table.Td>
              <FieldSourceInput
                label={labels.dimension(d)}
                headers={headers}
                value={fields.dimensions[d]}
                onChange={(v) => {
                  const dimensions = { ...fields.dimensions };
                  if (v) {
                    dimensions[d] = v;
                  } else {
                    delete dimensions[d];
                  }
                  setFields({ ...fields, dimensions });
                }}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );

  const wide =
    mapping.layout === 'wide' ? (
      <>
        <Title order={3} size="h5">
          {t('statisticsData.import.valueColumns')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('statisticsData.import.valueColumnsHint')}
        </Text>
        {errors.columns ? (
          <Text c="red" size="sm" role="alert">
            {errors.columns}
          </Text>
        ) : null}
        <Table
          withTableBorder
          aria-label={t('statisticsData.import.valueColumns')}
          data-testid="wide-columns"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('statisticsData.import.column')}</Table.Th>
              <Table.Th>{t('statisticsData.import.isValueColumn')}</Table.Th>
              <Table.Th>{t('statisticsData.import.fieldName.dataElement')}</Table.Th>
              <Table.Th>{t('statisticsData.import.fieldName.period')}</Table.Th>
              <Table.Th>{t('statisticsData.import.breakdown')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...new Set(headers)]
              .filter((h) => !used.has(h))
              .map((h) => {
                const i = mapping.columns.findIndex((c) => c.column === h);
                const col = i >= 0 ? mapping.columns[i] : undefined;
                const update = (next: WideColumn | null) => {
                  const columns = mapping.columns.filter((c) => c.column !== h);
                  if (next) {
                    columns.push(next);
                    columns.sort((a, b) => headers.indexOf(a.column) - headers.indexOf(b.column));
                  }
                  onChange({ ...mapping, columns });
                };
                return (
                  <Table.Tr key={h}>
                    <Table.Td>
                      <code>{h}</code>
                    </Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('statisticsData.import.isValueColumnOf', { column: h })}
                        checked={col !== undefined}
                        onChange={(e) =>
                          update(e.currentTarget.checked ? { column: h, dimensions: {} } : null)
                        }
                      />
                    </Table.Td>
                    <Table.Td>
                      {col ? (
                        <Select
                          size="xs"
                          w={200}
                          aria-label={t('statisticsData.import.elementOf', { column: h })}
                          placeholder={t('statisticsData.import.fromRow')}
                          data={elementCodes.map((c) => ({ value: c, label: labels.element(c) }))}
                          value={col.dataElement ?? null}
                          onChange={(v) => update({ ...col, dataElement: v ?? undefined })}
                          clearable
                          searchable
                        />
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {col ? (
                        <TextInput
                          size="xs"
                          w={100}
                          aria-label={t('statisticsData.import.periodOf', { column: h })}
                          placeholder={t('statisticsData.import.fromRow')}
                          value={col.period ?? ''}
                          error={errors[`columns.${i}.period`]}
                          onChange={(e) =>
                            update({ ...col, period: e.currentTarget.value.trim() || undefined })
                          }
                        />
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {col ? (
                        <BreakdownInput
                          label={t('statisticsData.import.breakdownOf', { column: h })}
                          value={col.dimensions}
                          onChange={(dimensions) => update({ ...col, dimensions })}
                        />
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
          </Table.Tbody>
        </Table>
      </>
    ) : null;

  return (
    <Stack>
      <SegmentedControl
        aria-label={t('statisticsData.import.layout')}
        data={[
          { value: 'long', label: t('statisticsData.import.layoutLong') },
          { value: 'wide', label: t('statisticsData.import.layoutWide') },
        ]}
        value={mapping.layout}
        onChange={(v) => onChange(mappingWithLayout(mapping, v as 'long' | 'wide', headers))}
      />
      <Text size="sm" c="dimmed">
        {mapping.layout === 'long'
          ? t('statisticsData.import.layoutLongHint')
          : t('statisticsData.import.layoutWideHint')}
      </Text>
      {fieldRows}
      {wide}
    </Stack>
  );
}
