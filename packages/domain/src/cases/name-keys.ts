/**
 * Normalised forms of names for keyed-hash search and duplicate detection. Pure: the services HMAC
 * these strings; the plain forms never leave memory.
 *
 * A name is folded (Unicode NFKD, combining marks removed, đ→d, case-folded, punctuation and spaces
 * collapsed), so `Nguyễn Thị Lan` and `nguyen thi  lan` meet. Variants add the common romanisation
 * differences of the region's names (ph/f, v/w, y/i, ou/u, double letters, aspirated th/kh/ch/ph
 * endings) and the given/family order swap, so `Somchai Phongsri` and `Phongsri Somchai` or
 * `Aung Kyaw` and `Aung Kyaw`-with-diacritics propose each other as likely duplicates.
 */

/** Fold a name to its search form. */
export function nameFold(value: string): string {
  return (
    value
      .normalize('NFKD')
      // Strip accents of Latin letters only: in Thai, Lao, Khmer and Burmese the marks are letters.
      .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
      .normalize('NFC')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
      .trim()
      .replace(/\s+/g, ' ')
  );
}

/** The phonetic skeleton of a folded name (Latin script only; other scripts pass unchanged). */
export function nameSkeleton(folded: string): string {
  return folded
    .replace(/ph/g, 'f')
    .replace(/w/g, 'v')
    .replace(/y/g, 'i')
    .replace(/ou/g, 'u')
    .replace(/oo/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/(kh|gh)/g, 'k')
    .replace(/th/g, 't')
    .replace(/ch/g, 'c')
    .replace(/sh/g, 's')
    .replace(/dz|z/g, 'd')
    .replace(/([a-z])\1+/g, '$1')
    .replace(/h\b/g, '')
    .replace(/ /g, '');
}

/** Full name as one string from its parts, in the order given. */
export function nameJoin(parts: readonly (string | null | undefined)[]): string {
  return nameFold(parts.filter((p): p is string => Boolean(p?.trim())).join(' '));
}

/**
 * The keys a person is found by. `name` and `name_dob` are exact (folded) forms; `variant` keys are
 * skeletons of both name orders; `id_document` is the folded document number.
 * ### Example
 * `personSearchKeys({ givenName: 'Thị Lan', familyName: 'Nguyễn', birthDate: '1999-02-01' })` →
 * `[{kind:'name', value:'thi lan nguyen'}, {kind:'name', value:'nguyen thi lan'}, {kind:'name_dob', …}, …]`
 */
export function personSearchKeys(p: {
  givenName?: string | null;
  familyName?: string | null;
  birthDate?: string | null;
  idDocumentNumber?: string | null;
}): { kind: PersonKeyKind; value: string }[] {
  const keys: { kind: PersonKeyKind; value: string }[] = [];
  const forward = nameJoin([p.givenName, p.familyName]);
  const reverse = nameJoin([p.familyName, p.givenName]);
  const orders = [...new Set([forward, reverse].filter(Boolean))];
  for (const name of orders) {
    keys.push({ kind: 'name', value: name });
    if (p.birthDate) {
      keys.push({ kind: 'name_dob', value: `${name}|${p.birthDate}` });
    }
  }
  const variants = new Set(orders.map(nameSkeleton).filter(Boolean));
  for (const v of variants) {
    keys.push({ kind: 'variant', value: v });
  }
  const doc = p.idDocumentNumber?.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
  if (doc) {
    keys.push({ kind: 'id_document', value: doc });
  }
  return keys;
}

export const PERSON_KEY_KINDS = ['name', 'name_dob', 'variant', 'id_document'] as const;
export type PersonKeyKind = (typeof PERSON_KEY_KINDS)[number];
