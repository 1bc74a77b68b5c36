import type { Selectable } from 'kysely';
import type { Db } from '../connect';
import type {
  CountryTable,
  LanguageTable,
  MouArticleTable,
  OrganisationTypeTable,
} from '../tables/database';

/** A country (ISO 3166-1) with its names in the interface languages. */
export type Country = {
  /** ISO 3166-1 alpha-2, e.g. `TH`. */
  code: string;
  alpha3: string;
  /** ISO 3166-1 numeric, three digits with leading zeros, e.g. `004`. */
  numericCode: string;
  /** English name, COMMIT spelling for the six ("Lao PDR", "Viet Nam"). */
  name: string;
  /** Names keyed by interface language (`en`, `km`, `zh`, `lo`, `my`, `th`, `vi`). */
  names: Record<string, string>;
  isCommit: boolean;
};

/** An ISO 639-1 language. */
export type Language = { code: string; name: string; nativeName: string };

/** A type of organisation or agency (`agency.type`). */
export type OrganisationType = {
  code: string;
  name: string;
  description: string | null;
  sortOrder: number;
};

/** An article of the 2004 COMMIT MoU. */
export type MouArticle = { article: number; section: string; text: string };

/** A Sub-Regional Plan of Action activity; `isPriority` is SPA III's ★. */
export type SpaActivity = {
  code: string;
  title: string;
  description: string | null;
  isPriority: boolean;
  targetNumbers: string[];
};

/** An area of a Sub-Regional Plan of Action with its MoU articles, targets and activities. */
export type SpaArea = {
  number: number;
  name: string;
  activityCodePrefix: string;
  mouSection: string | null;
  /** MoU articles the area implements, with the wording the plan uses. */
  mouArticles: { article: number; textAsListed: string }[];
  targets: { number: string; text: string }[];
  activities: SpaActivity[];
};

/** A Sub-Regional Plan of Action (e.g. `SPA3`), nested. */
export type SpaFramework = {
  id: string;
  title: string;
  version: string | null;
  /** First year covered. */
  periodStart: number;
  /** Last year covered, extensions included. */
  periodEnd: number;
  areas: SpaArea[];
};

// Sorting here, not in SQL: the database collation differs between servers (C, en_US, …) and
// PGlite, and "Åland Islands" or "P&C 10" should sort the same everywhere.
const byText = new Intl.Collator('en').compare;
const byNatural = new Intl.Collator('en', { numeric: true }).compare;

/**
 * Map a `country` row to a Country.
 * @param row - The row as selected.
 * @returns The domain object.
 */
export function countryRowToCountry(row: Selectable<CountryTable>): Country {
  return {
    code: row.code,
    alpha3: row.alpha3,
    numericCode: row.numeric_code,
    name: row.name,
    names: row.names,
    isCommit: row.is_commit,
  };
}

/**
 * Map a `language` row to a Language.
 * @param row - The row as selected.
 * @returns The domain object.
 */
export function languageRowToLanguage(row: Selectable<LanguageTable>): Language {
  return { code: row.code, name: row.name, nativeName: row.native_name };
}

/**
 * Map an `organisation_type` row to an OrganisationType.
 * @param row - The row as selected.
 * @returns The domain object.
 */
export function organisationTypeRowToOrganisationType(
  row: Selectable<OrganisationTypeTable>,
): OrganisationType {
  return {
    code: row.code,
    name: row.name,
    description: row.description,
    sortOrder: row.sort_order,
  };
}

/**
 * Map a `mou_article` row to a MouArticle.
 * @param row - The row as selected.
 * @returns The domain object.
 */
export function mouArticleRowToMouArticle(row: Selectable<MouArticleTable>): MouArticle {
  return { article: row.article, section: row.section, text: row.text };
}

/**
 * List every country.
 * @param db - The database (or a transaction).
 * @returns Countries ordered by English name (English collation, the same on every engine).
 */
export async function listCountries(db: Db): Promise<Country[]> {
  const rows = await db.selectFrom('country').selectAll().execute();
  return rows.map(countryRowToCountry).sort((a, b) => byText(a.name, b.name));
}

/**
 * List every ISO 639-1 language.
 * @param db - The database (or a transaction).
 * @returns Languages ordered by English name.
 */
export async function listLanguages(db: Db): Promise<Language[]> {
  const rows = await db.selectFrom('language').selectAll().execute();
  return rows.map(languageRowToLanguage).sort((a, b) => byText(a.name, b.name));
}

/**
 * List the organisation types.
 * @param db - The database (or a transaction).
 * @returns Types ordered by sort order, then code.
 */
export async function listOrganisationTypes(db: Db): Promise<OrganisationType[]> {
  const rows = await db
    .selectFrom('organisation_type')
    .selectAll()
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  return rows.map(organisationTypeRowToOrganisationType);
}

/**
 * List the articles of the 2004 COMMIT MoU.
 * @param db - The database (or a transaction).
 * @returns The articles ordered by number.
 */
export async function listMouArticles(db: Db): Promise<MouArticle[]> {
  const rows = await db.selectFrom('mou_article').selectAll().orderBy('article').execute();
  return rows.map(mouArticleRowToMouArticle);
}

/**
 * Get a Sub-Regional Plan of Action with its areas, MoU articles, targets and activities, read
 * from the framework tree (plan_framework/plan_node) of an `areas`-structured framework.
 * @param db - The database (or a transaction).
 * @param id - Framework id, e.g. `SPA3`.
 * @returns The framework, areas by number, targets and activities in natural order (`1.2` before
 *   `1.10`, `P&C 2` before `P&C 10`); `periodEnd` includes an extension; `version` is the change
 *   note of the latest published revision. Null when there is no such framework.
 */
export async function getSpaFramework(db: Db, id: string): Promise<SpaFramework | null> {
  const framework = await db
    .selectFrom('plan_framework')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!framework) {
    return null;
  }
  const [nodes, articles, links, revision] = await Promise.all([
    db.selectFrom('plan_node').selectAll().where('framework_id', '=', id).execute(),
    db
      .selectFrom('plan_node_mou_article')
      .innerJoin('plan_node', 'plan_node.id', 'plan_node_mou_article.node_id')
      .select([
        'plan_node_mou_article.node_id',
        'plan_node_mou_article.article',
        'plan_node_mou_article.text_as_listed',
      ])
      .where('plan_node.framework_id', '=', id)
      .orderBy('plan_node_mou_article.article')
      .execute(),
    db
      .selectFrom('plan_node_link')
      .innerJoin('plan_node', 'plan_node.id', 'plan_node_link.activity_id')
      .select(['plan_node_link.activity_id', 'plan_node_link.target_id'])
      .where('plan_node.framework_id', '=', id)
      .execute(),
    db
      .selectFrom('plan_framework_revision')
      .select('change_note')
      .where('framework_id', '=', id)
      .orderBy('revision', 'desc')
      .executeTakeFirst(),
  ]);
  const codeById = new Map(nodes.map((n) => [n.id, n.code]));
  const targetCodesByActivity = new Map<string, string[]>();
  for (const link of links) {
    const list = targetCodesByActivity.get(link.activity_id) ?? [];
    list.push(codeById.get(link.target_id) ?? '');
    targetCodesByActivity.set(link.activity_id, list);
  }
  const areas = nodes
    .filter((n) => n.kind === 'area')
    .sort((a, b) => a.position - b.position || byNatural(a.code, b.code));
  return {
    id: framework.id,
    title: framework.title,
    version: revision?.change_note ?? null,
    periodStart: framework.period_start,
    periodEnd: framework.extended_to ?? framework.period_end,
    areas: areas.map((area) => ({
      number: Number(area.code),
      name: area.title ?? '',
      activityCodePrefix: area.activity_code_prefix ?? '',
      mouSection: area.mou_section,
      mouArticles: articles
        .filter((a) => a.node_id === area.id)
        .map((a) => ({ article: a.article, textAsListed: a.text_as_listed })),
      targets: nodes
        .filter((t) => t.parent_id === area.id && t.kind === 'target')
        .sort((a, b) => byNatural(a.code, b.code))
        .map((t) => ({ number: t.code, text: t.title ?? '' })),
      activities: nodes
        .filter((a) => a.parent_id === area.id && a.kind === 'activity')
        .sort((a, b) => byNatural(a.code, b.code))
        .map((a) => ({
          code: a.code,
          title: a.title ?? '',
          description: a.description,
          isPriority: a.is_priority,
          targetNumbers: (targetCodesByActivity.get(a.id) ?? []).sort(byNatural),
        })),
    })),
  };
}
