import type { ReactElement } from 'react';
import { useFormatDate } from '../../i18n/hooks';

export type DateTextProps = {
  value: Date | string | null | undefined;
  withTime?: boolean;
  /** Shown when there is no date. */
  empty?: string;
  'data-testid'?: string;
};

/** A date in the user's language and calendar, inside a <time> element with the ISO value. */
export function DateText({
  value,
  withTime = false,
  empty = '',
  'data-testid': testId,
}: DateTextProps): ReactElement {
  const format = useFormatDate();
  const text = format(value, withTime);
  if (!text) {
    return <span data-testid={testId}>{empty}</span>;
  }
  const iso = typeof value === 'string' ? value : (value?.toISOString() ?? '');
  return (
    <time dateTime={iso} data-testid={testId}>
      {text}
    </time>
  );
}
