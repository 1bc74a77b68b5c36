import type { FieldSource } from '@ctip/domain';
import { Group, Select, TextInput } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export type FieldSourceInputProps = {
  label: string;
  headers: readonly string[];
  value: FieldSource | undefined;
  onChange: (value: FieldSource | undefined) => void;
  /** A required field cannot be "not in the file". */
  isRequired?: boolean;
  error?: string | null;
};

const FIXED = '\u0000fixed';
const NONE = '\u0000none';

/** Where a field comes from: a column of the file, a fixed value, or nowhere. */
export function FieldSourceInput({
  label,
  headers,
  value,
  onChange,
  isRequired = false,
  error,
}: FieldSourceInputProps): ReactElement {
  const { t } = useTranslation();
  const selected = value === undefined ? NONE : 'fixed' in value ? FIXED : `col:${value.column}`;
  const data = [
    ...(isRequired ? [] : [{ value: NONE, label: t('statisticsData.import.notInFile') }]),
    { value: FIXED, label: t('statisticsData.import.fixedValue') },
    {
      group: t('statisticsData.import.columnsGroup'),
      items: [...new Set(headers)].map((h) => ({ value: `col:${h}`, label: h })),
    },
  ];
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Select
        aria-label={label}
        size="xs"
        w={220}
        data={data}
        value={value === undefined && isRequired ? null : selected}
        placeholder={t('statisticsData.import.chooseColumn')}
        error={error}
        onChange={(v) => {
          if (!v || v === NONE) {
            onChange(undefined);
          } else if (v === FIXED) {
            onChange({ fixed: value && 'fixed' in value ? value.fixed : '' });
          } else {
            onChange({ column: String(v).slice(4) });
          }
        }}
        allowDeselect={false}
        searchable
      />
      {value && 'fixed' in value ? (
        <TextInput
          size="xs"
          w={160}
          aria-label={t('statisticsData.import.fixedValueOf', { field: label })}
          value={value.fixed}
          onChange={(e) => onChange({ fixed: e.currentTarget.value })}
        />
      ) : null}
    </Group>
  );
}
