import { describe, expect, it } from 'vitest';
import en from '../../i18n/locales/cases/en.json';
import { HTCDS_LISTS } from './htcds-lists';

describe('HTCDS_LISTS', () => {
  it('labels every picklist value in the cases catalogue', () => {
    const labels = (en as { htcds: Record<string, Record<string, string>> }).htcds;
    const missing = Object.entries(HTCDS_LISTS).flatMap(([list, values]) =>
      values.filter((v) => !labels[list]?.[v]).map((v) => `${list}.${v}`),
    );
    expect(missing).toEqual([]);
  });
});
