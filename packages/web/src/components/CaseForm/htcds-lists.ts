import {
  CASE_STATUSES,
  FORMS_OF_EXPLOITATION,
  GENDERS,
  IDENTIFICATION_STATUSES,
  LABOUR_EXPLOITATION_TYPES,
  LABOUR_INDUSTRIES,
  METHODS_OF_CONTROL,
  PERPETRATOR_ROLES,
  RECRUITMENT_METHODS,
  SEX_EXPLOITATION_TYPES,
  TRAFFICKING_EVENT_TYPES,
  VULNERABILITIES,
  WEBSITES_AND_APPS,
} from '@ctip/domain';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The HTCDS picklists the case screens show, by catalogue name: each value is labelled by
 * `htcds.<list>.<value>` (cases area catalogue, shared with the other areas).
 */
export const HTCDS_LISTS = {
  gender: GENDERS,
  caseStatus: CASE_STATUSES,
  identificationStatus: IDENTIFICATION_STATUSES,
  formOfExploitation: FORMS_OF_EXPLOITATION,
  recruitmentMethod: RECRUITMENT_METHODS,
  websiteOrApp: WEBSITES_AND_APPS,
  methodOfControl: METHODS_OF_CONTROL,
  labourExploitationType: LABOUR_EXPLOITATION_TYPES,
  labourIndustry: LABOUR_INDUSTRIES,
  sexExploitationType: SEX_EXPLOITATION_TYPES,
  vulnerability: VULNERABILITIES,
  perpetratorRole: PERPETRATOR_ROLES,
  eventType: TRAFFICKING_EVENT_TYPES,
} as const;
export type HtcdsList = keyof typeof HTCDS_LISTS;

/** A picklist value's label in the current language (the value itself if the catalogue lacks it). */
export function htcdsLabel(
  t: TFunction,
  list: HtcdsList,
  value: string | null | undefined,
): string {
  return value ? t(`htcds.${list}.${value}`, { defaultValue: value }) : '';
}

/** Select/MultiSelect options of a picklist, labelled in the current language. */
export function useHtcdsOptions(list: HtcdsList): { value: string; label: string }[] {
  const { t } = useTranslation();
  return useMemo(
    () => HTCDS_LISTS[list].map((value) => ({ value, label: htcdsLabel(t, list, value) })),
    [t, list],
  );
}

/** Colour of a case status badge. */
export function caseStatusColor(status: string): string {
  switch (status) {
    case 'Active':
      return 'blue';
    case 'FollowUp':
      return 'teal';
    default:
      return 'gray';
  }
}

/** Colour of an identification status badge. */
export function identificationColor(status: string): string {
  switch (status) {
    case 'Identified':
      return 'red';
    case 'Possible':
      return 'orange';
    default:
      return 'gray';
  }
}

/** Empty text inputs mean "not given" (the schemas reject empty strings). */
export function emptyToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}
