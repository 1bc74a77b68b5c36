import type { TFunction } from 'i18next';

/**
 * Which text of a country rule: an entitlement's name (`fund`), its cap (`cap`), who approves it
 * (`approval`), a shelter phase's name (`phase`) or one of a phase's services (`service`).
 */
export type RuleTextKind = 'fund' | 'cap' | 'approval' | 'phase' | 'service';

/**
 * The key of a rule's source text, made as the country-rules dataset makes its rule keys
 * (packages/db/src/seed/reference/country-rules.dataset.ts `slug`): lower case, every run of
 * other characters than a-z and 0-9 turned into `_`, trimmed of `_`, at most 80 characters.
 * @param text - The source text, e.g. "Advise/counsel".
 * @returns The slug, e.g. "advise_counsel".
 */
export function serviceSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 80);
}

/**
 * A country rule's text in the current language (`countryRules.<kind>.<key>`); a rule that has no
 * translation (e.g. another country configured later) shows its source text.
 * @param t - Translation function.
 * @param kind - Which text of the rule.
 * @param key - The rule key (fund, cap, phase) or the slug of the text (approval, service).
 * @param fallback - The source text, shown when there is no translation.
 * @returns The translated text, else the source text.
 */
export function ruleText(
  t: TFunction,
  kind: RuleTextKind,
  key: string | null | undefined,
  fallback: string,
): string {
  if (!key) {
    return fallback;
  }
  return t(`countryRules.${kind}.${key}`, { defaultValue: fallback });
}

/**
 * Text of a rule config value keyed by its own slug (a phase's service, the approving body).
 * @param t - Translation function.
 * @param kind - 'service' or 'approval'.
 * @param text - The source text.
 * @returns The translated text, else the source text.
 */
export function sourceText(t: TFunction, kind: 'service' | 'approval', text: string): string {
  return ruleText(t, kind, serviceSlug(text), text);
}
