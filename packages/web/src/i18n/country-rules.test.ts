import { phaseMonths } from '@ctip/domain';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ruleText, serviceSlug, sourceText } from './country-rules';
import en from './locales/countryRules/en.json';

// The seed data is read as JSON through Vite (web may import only @ctip/domain as a package).
const data = import.meta.glob<unknown>('../../../db/src/seed/reference/data/thailand-*.json', {
  eager: true,
  import: 'default',
});

function dataset<T>(name: string): T[] {
  const found = Object.entries(data).find(([path]) => path.endsWith(`/${name}.json`));
  expect(found, name).toBeDefined();
  return (found?.[1] ?? []) as T[];
}

const fund = dataset<{ entitlement: string; cap_text_exact: string; approval: string }>(
  'thailand-fund-entitlements',
);
const phases = dataset<{ phase: string; services: string }>('thailand-shelter-service-phases');
const steps = dataset<{ step_no: string; step: string }>('thailand-work-outside-shelter-steps');
const texts = en.countryRules as Record<string, Record<string, string> | string>;

/** The English text of `countryRules.<kind>.<key>`, if there is one. */
function english(kind: string, key: string): string | undefined {
  const group = texts[kind];
  return typeof group === 'object' ? group[key] : undefined;
}

describe('country rules texts', () => {
  it('reads the three Thailand data files', () => {
    expect(fund.length).toBe(10);
    expect(phases.length).toBe(2);
    expect(steps.length).toBe(4);
  });

  it('has the name and cap of every fund entitlement, keyed by the rule key', () => {
    for (const e of fund) {
      const key = serviceSlug(e.entitlement);
      expect(english('fund', key), key).toBe(e.entitlement);
      expect(english('cap', key), key).toBe(e.cap_text_exact);
      expect(english('approval', serviceSlug(e.approval)), e.approval).toBe(e.approval);
    }
  });

  it('has every shelter phase (months_<from>_<to>) and every service of it', () => {
    for (const p of phases) {
      const [from, to] = phaseMonths(p.phase) ?? [0, 0];
      expect(english('phase', `months_${from}_${to}`), p.phase).toBe(p.phase);
      for (const service of p.services.split(';').map((s) => s.trim())) {
        expect(english('service', serviceSlug(service)), service).toBe(service);
      }
    }
    expect(Object.keys(texts.phase ?? {}).sort()).toEqual(['months_0_3', 'months_3_6']);
  });

  it('has a translated task title for every step to work outside the shelter', async () => {
    const protection = (await import('./locales/protection/en.json')).default as {
      tasks?: { step?: Record<string, string> };
    };
    const tasks = protection.tasks ?? {};
    for (const s of steps) {
      expect(tasks.step?.[`work_outside_shelter_${s.step_no}`], s.step).toBeTruthy();
    }
  });

  it('slugs like the dataset', () => {
    expect(serviceSlug('Healthcare services/ Physical Examination')).toBe(
      'healthcare_services_physical_examination',
    );
    expect(serviceSlug('Return and reintegration to family / place of origin')).toBe(
      'return_and_reintegration_to_family_place_of_origin',
    );
    expect(serviceSlug('(no cap stated)')).toBe('no_cap_stated');
  });

  it('shows the source text of a rule it has no translation for', () => {
    const t = ((key: string, options?: { defaultValue?: string }) =>
      key === 'countryRules.fund.cost_of_living'
        ? 'ค่าครองชีพ'
        : (options?.defaultValue ?? key)) as unknown as TFunction;
    expect(ruleText(t, 'fund', 'cost_of_living', 'Cost of living')).toBe('ค่าครองชีพ');
    expect(ruleText(t, 'fund', 'other_country_rule', 'Other rule')).toBe('Other rule');
    expect(ruleText(t, 'cap', undefined, 'Some cap')).toBe('Some cap');
    expect(sourceText(t, 'service', 'A new service')).toBe('A new service');
  });
});
