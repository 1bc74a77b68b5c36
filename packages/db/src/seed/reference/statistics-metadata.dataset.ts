import {
  BUILT_IN_DATA_ELEMENTS,
  BUILT_IN_DATA_SETS,
  BUILT_IN_INDICATORS,
  BUILT_IN_VALIDATION_RULES,
} from '@ctip/domain';
import type { Insertable } from 'kysely';
import type {
  StatDataElementTable,
  StatDataSetElementTable,
  StatDataSetTable,
  StatIndicatorTable,
  StatValidationRuleTable,
} from '../../tables/statistics.table';
import { contentVersion, type ReferenceDataset } from './dataset';

/** English names of the built-in elements (the web shows the translated `element.<code>`). */
const ELEMENT_NAMES: Readonly<Record<string, string>> = {
  VICTIMS_IDENTIFIED: 'Victims identified',
  VICTIMS_ASSISTED: 'Victims assisted',
  VICTIMS_REFERRED: 'Victims referred to services',
  NATIONALS_IDENTIFIED_ABROAD: 'Nationals identified as victims abroad',
  VICTIMS_REPATRIATED: 'Foreign victims repatriated',
  VICTIMS_RETURNED: 'Nationals returned from abroad',
  HOTLINE_CALLS: 'Hotline calls',
  INVESTIGATIONS: 'Trafficking cases investigated',
  SUSPECTS: 'Suspects',
  ARRESTS: 'Arrests',
  PROSECUTIONS: 'Persons prosecuted',
  CONVICTIONS: 'Persons convicted',
  BUDGET_USD: 'Anti-trafficking budget (USD)',
  PEOPLE_TRAINED: 'People trained',
  POPULATION: 'Population',
};
const SET_NAMES: Readonly<Record<string, string>> = {
  VICTIMS: 'Victims',
  REPATRIATION: 'Repatriation and return',
  JUSTICE: 'Criminal justice',
  HOTLINE: 'Hotlines',
  RESOURCES: 'Budget and training',
  POPULATION: 'Population',
};
const INDICATOR_NAMES: Readonly<Record<string, string>> = {
  SDG_16_2_2: 'Victims identified per 100,000 population (SDG 16.2.2)',
  CONVICTION_RATE: 'Convictions per 100 prosecutions',
  ASSISTED_SHARE: 'Share of identified victims assisted',
  SUSPECTS_PER_CASE: 'Suspects per investigated case',
};

/** Every row of the built-in statistics definitions, by table. */
export function buildStatisticsMetadataRows(): {
  elements: Insertable<StatDataElementTable>[];
  sets: Insertable<StatDataSetTable>[];
  setElements: Insertable<StatDataSetElementTable>[];
  indicators: Insertable<StatIndicatorTable>[];
  rules: Insertable<StatValidationRuleTable>[];
} {
  return {
    elements: BUILT_IN_DATA_ELEMENTS.map((e) => ({
      code: e.code,
      element_group: e.group,
      value_type: e.valueType,
      unit: e.unit,
      dimensions: JSON.stringify(e.dimensions),
      case_derived: e.caseDerived,
      name: ELEMENT_NAMES[e.code] ?? e.code,
      description: null,
      is_built_in: true,
    })),
    sets: BUILT_IN_DATA_SETS.map((s) => ({
      code: s.code,
      period_type: s.periodType,
      name: SET_NAMES[s.code] ?? s.code,
      is_built_in: true,
    })),
    setElements: BUILT_IN_DATA_SETS.flatMap((s) =>
      s.elements.map((e, i) => ({
        data_set: s.code,
        data_element: e.dataElement,
        form_dimensions: JSON.stringify(e.formDimensions),
        sort: i,
      })),
    ),
    indicators: BUILT_IN_INDICATORS.map((i) => ({
      code: i.code,
      name: INDICATOR_NAMES[i.code] ?? i.code,
      expression: i.expression,
      unit: i.unit,
      decimals: i.decimals,
      is_built_in: true,
    })),
    rules: BUILT_IN_VALIDATION_RULES.map((r) => {
      const { code, kind, dataElement, ...params } = r;
      return {
        code,
        kind,
        data_element: dataElement,
        params: JSON.stringify(params),
        is_built_in: true,
      };
    }),
  };
}

/**
 * The `statistics_metadata` dataset: the built-in data elements, data sets, indicators and
 * validation rules of @ctip/domain. Upserts built-in rows only; what an administrator added stays.
 */
export function statisticsMetadataDataset(): ReferenceDataset {
  const rows = buildStatisticsMetadataRows();
  return {
    name: 'statistics_metadata',
    version: contentVersion(rows),
    rowCount:
      rows.elements.length +
      rows.sets.length +
      rows.setElements.length +
      rows.indicators.length +
      rows.rules.length,
    load: async (trx) => {
      await trx
        .insertInto('stat_data_element')
        .values(rows.elements)
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            element_group: eb.ref('excluded.element_group'),
            value_type: eb.ref('excluded.value_type'),
            unit: eb.ref('excluded.unit'),
            dimensions: eb.ref('excluded.dimensions'),
            case_derived: eb.ref('excluded.case_derived'),
            name: eb.ref('excluded.name'),
            is_built_in: true,
          })),
        )
        .execute();
      await trx
        .insertInto('stat_data_set')
        .values(rows.sets)
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            period_type: eb.ref('excluded.period_type'),
            name: eb.ref('excluded.name'),
          })),
        )
        .execute();
      await trx
        .insertInto('stat_data_set_element')
        .values(rows.setElements)
        .onConflict((oc) =>
          oc.columns(['data_set', 'data_element']).doUpdateSet((eb) => ({
            form_dimensions: eb.ref('excluded.form_dimensions'),
            sort: eb.ref('excluded.sort'),
          })),
        )
        .execute();
      await trx
        .insertInto('stat_indicator')
        .values(rows.indicators)
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            expression: eb.ref('excluded.expression'),
            unit: eb.ref('excluded.unit'),
            decimals: eb.ref('excluded.decimals'),
          })),
        )
        .execute();
      await trx
        .insertInto('stat_validation_rule')
        .values(rows.rules)
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'),
            data_element: eb.ref('excluded.data_element'),
            params: eb.ref('excluded.params'),
          })),
        )
        .execute();
    },
  };
}
