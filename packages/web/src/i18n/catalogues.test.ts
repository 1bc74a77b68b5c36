import {
  ACTIONS,
  AUDIT_ACTIONS,
  BUILT_IN_ROLES,
  CALENDARS,
  type DomainErrorCode,
  LOCALES,
  RESOURCES,
  SCOPES,
} from '@ctip/domain';
import { describe, expect, it } from 'vitest';
import type { ClientErrorCode } from '../api/client';
import { ADMIN_PAGES, MODULES } from '../modules';

type Tree = { [key: string]: string | Tree };

const files = import.meta.glob<Tree>(['./locales/*.json', './locales/*/*.json'], {
  eager: true,
  import: 'default',
});
/** Per language: the core catalogue merged with every module area's file. */
const catalogues = new Map<string, Tree>();
/** Top-level keys per area file, to catch two areas defining the same namespace. */
const topLevelOwners = new Map<string, string[]>();
for (const [path, tree] of Object.entries(files)) {
  const lng = path.replace(/^.*\/(\w+)\.json$/, '$1');
  catalogues.set(lng, { ...(catalogues.get(lng) ?? {}), ...tree });
  if (lng === 'en') {
    for (const key of Object.keys(tree)) {
      topLevelOwners.set(key, [...(topLevelOwners.get(key) ?? []), path]);
    }
  }
}

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      out.set(path, value);
    } else {
      for (const [k, v] of flatten(value, path)) {
        out.set(k, v);
      }
    }
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

const en = flatten(catalogues.get('en') ?? {});

/** Every error code the UI can show; `satisfies` + the check below keep it complete. */
const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'MFA_REQUIRED',
  'MFA_ENROLLMENT_REQUIRED',
  'CSRF_INVALID',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'CONSENT_REQUIRED',
] as const satisfies readonly DomainErrorCode[];
// Fails to compile when DomainErrorCode gains a code that ERROR_CODES lacks.
const errorCodesComplete: Exclude<DomainErrorCode, (typeof ERROR_CODES)[number]> extends never
  ? true
  : false = true;
const CLIENT_CODES = [
  'NETWORK_ERROR',
  'UNKNOWN_ERROR',
] as const satisfies readonly ClientErrorCode[];

/** Values that are the same in every language (brand names). */
const SAME_IN_EVERY_LANGUAGE = new Set(['app.name']);

describe('i18n catalogues', () => {
  it('has one catalogue per interface language', () => {
    expect([...catalogues.keys()].sort()).toEqual([...LOCALES].sort());
  });

  it('has every top-level namespace in one file only', () => {
    expect([...topLevelOwners.entries()].filter(([, owners]) => owners.length > 1)).toEqual([]);
  });

  it('has the same area files for every language', () => {
    const areas = (lng: string) =>
      Object.keys(files)
        .filter((p) => p.endsWith(`/${lng}.json`))
        .map((p) => p.replace(/\/\w+\.json$/, ''))
        .sort();
    for (const locale of LOCALES) {
      expect(areas(locale)).toEqual(areas('en'));
    }
  });

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    describe(locale, () => {
      const other = flatten(catalogues.get(locale) ?? {});

      it('has every key of en, none empty', () => {
        const missing = [...en.keys()].filter((k) => !other.get(k)?.trim());
        expect(missing).toEqual([]);
      });

      it('has no key that en lacks', () => {
        expect([...other.keys()].filter((k) => !en.has(k))).toEqual([]);
      });

      it('keeps the placeholders of en', () => {
        const differing = [...en.entries()]
          .filter(
            ([k, v]) =>
              other.has(k) && placeholders(other.get(k) ?? '').join() !== placeholders(v).join(),
          )
          .map(([k]) => k);
        expect(differing).toEqual([]);
      });

      it('is translated, not a copy of English', () => {
        const copied = [...en.entries()]
          .filter(([k, v]) => other.get(k) === v && !SAME_IN_EVERY_LANGUAGE.has(k))
          .map(([k]) => k);
        expect(copied).toEqual([]);
      });
    });
  }

  it('has no empty English text', () => {
    expect([...en.entries()].filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
  });

  it('translates every literal key used in the source', () => {
    const sources = import.meta.glob<string>(['../**/*.tsx', '../**/*.ts', '!../**/*.test.*'], {
      eager: true,
      query: '?raw',
      import: 'default',
    });
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\bt\(\s*(['"`])([\w.-]+)\1/g)) {
        used.add(m[2] ?? '');
      }
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !en.has(k)).sort()).toEqual([]);
  });

  it('translates every organisation type of the reference data (orgType.<code>)', () => {
    // The seed dataset is read as text (web may import only @ctip/domain), its codes by regex.
    const datasets = import.meta.glob<string>(
      '../../../db/src/seed/reference/organisation-types.dataset.ts',
      { eager: true, query: '?raw', import: 'default' },
    );
    const text = Object.values(datasets)[0] ?? '';
    const codes = [...text.matchAll(/\bcode:\s*(['"])(\w+)\1/g)].map((m) => m[2] ?? '');
    expect(codes.length).toBeGreaterThanOrEqual(21);
    const keys = [...en.keys()]
      .filter((k) => k.startsWith('orgType.'))
      .map((k) => k.slice('orgType.'.length));
    expect(codes.filter((c) => !keys.includes(c))).toEqual([]);
    expect(keys.filter((k) => !codes.includes(k))).toEqual([]);
  });

  it('translates the lists of @ctip/domain and the app (keys built at run time)', () => {
    expect(errorCodesComplete).toBe(true);
    const required = [
      ...RESOURCES.map((r) => `resource.${r}`),
      ...ACTIONS.map((a) => `action.${a}`),
      ...SCOPES.map((s) => `scope.${s}`),
      'scope.none',
      ...BUILT_IN_ROLES.flatMap((r) => [`role.${r.key}.name`, `role.${r.key}.description`]),
      ...ERROR_CODES.map((c) => `error.${c}`),
      ...CLIENT_CODES.map((c) => `error.${c}`),
      'error.ACCOUNT_LOCKED_retry',
      'error.RATE_LIMITED_retry',
      ...AUDIT_ACTIONS.map((a) => `auditAction.${a.replace(/\./g, '_')}`),
      ...['success', 'denied', 'failure'].map((o) => `outcome.${o}`),
      ...CALENDARS.map((c) => `calendar.${c}`),
      ...MODULES.flatMap((m) => [`module.${m.key}.name`, `module.${m.key}.description`]),
      ...ADMIN_PAGES.map((p) => `nav.${p.key}`),
      ...[
        'required',
        'too_small',
        'too_big',
        'invalid_format',
        'invalid_type',
        'invalid_value',
      ].map((v) => `validation.${v}`),
    ];
    expect(required.filter((k) => !en.has(k))).toEqual([]);
  });
});
