import { describe, expect, it } from 'vitest';
import { nameFold, nameSkeleton, personSearchKeys } from './name-keys';

describe(nameFold.name, () => {
  it('removes diacritics, case and punctuation', () => {
    expect(nameFold('  Nguyễn Thị  Lan ')).toBe('nguyen thi lan');
    expect(nameFold('Đặng-Văn Hùng')).toBe('dang van hung');
  });
  it('keeps non-Latin scripts', () => {
    expect(nameFold('สมชาย ใจดี')).toBe('สมชาย ใจดี');
  });
});

describe(nameSkeleton.name, () => {
  it('meets common romanisation variants', () => {
    expect(nameSkeleton(nameFold('Phongsri'))).toBe(nameSkeleton(nameFold('Fongsri')));
    expect(nameSkeleton(nameFold('Soum Phavanh'))).toBe(nameSkeleton(nameFold('Sum Favan')));
    expect(nameSkeleton(nameFold('Thuy'))).toBe(nameSkeleton(nameFold('Tui')));
  });
});

describe(personSearchKeys.name, () => {
  it('gives both name orders, date and document keys', () => {
    const a = personSearchKeys({
      givenName: 'Lan',
      familyName: 'Nguyễn',
      birthDate: '1999-02-01',
      idDocumentNumber: 'b 123-45',
    });
    const b = personSearchKeys({ givenName: 'Nguyen', familyName: 'Lan', birthDate: '1999-02-01' });
    const shared = a.filter((k) => b.some((x) => x.kind === k.kind && x.value === k.value));
    expect(shared.map((k) => k.kind)).toContain('name_dob');
    expect(a).toContainEqual({ kind: 'id_document', value: 'B12345' });
  });
  it('gives nothing for an empty person', () => {
    expect(personSearchKeys({})).toEqual([]);
  });
});
