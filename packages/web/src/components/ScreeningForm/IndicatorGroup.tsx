import { Checkbox, Fieldset, SimpleGrid, Text } from '@mantine/core';
import type { ReactElement } from 'react';

/** Touch targets of at least 44 px (WCAG 2.5.5), so the form works with a thumb on a phone. */
export const TOUCH_TARGET_PX = 44;

export type IndicatorGroupProps = {
  legend: string;
  description?: string;
  /** Stored values, in display order. */
  values: readonly string[];
  labelOf: (value: string) => string;
  selected: string[];
  onChange: (selected: string[]) => void;
  'data-testid'?: string;
};

/** A group of checkboxes in a fieldset: one column on a phone, two from the `sm` breakpoint. */
export function IndicatorGroup({
  legend,
  description,
  values,
  labelOf,
  selected,
  onChange,
  'data-testid': testId,
}: IndicatorGroupProps): ReactElement {
  return (
    <Fieldset legend={legend} data-testid={testId}>
      {description ? (
        <Text size="sm" c="dimmed" mb="xs">
          {description}
        </Text>
      ) : null}
      <Checkbox.Group value={selected} onChange={onChange}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4}>
          {values.map((value) => (
            <Checkbox
              key={value}
              value={value}
              label={labelOf(value)}
              size="md"
              styles={{
                root: { minHeight: TOUCH_TARGET_PX, display: 'flex', alignItems: 'center' },
              }}
            />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
    </Fieldset>
  );
}
