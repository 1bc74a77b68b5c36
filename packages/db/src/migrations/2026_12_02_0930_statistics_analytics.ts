import type { Kysely } from 'kysely';
import { runDdl } from './run-ddl';

// Statistics analytics (derived area):
// 1. An expression index on the "level" of a value: which dimensions it is broken down by, as a bit
//    mask (sex = 1, age_group = 2, … trainee_type = 512, province = 1024). A table query loads only
//    the levels it can use (subsets of its axes and filters), so a pivot over two dimensions reads a
//    few thousand index entries, not every cell of the element. The expression is repeated verbatim
//    by the query (services/src/statistics/derived/cell-store.ts): keep both identical.
// 2. A data version bumped by a statement-level trigger on every write to the tables the analytics
//    read (values, published values, violations, approvals, settings), so cached results are keyed by
//    (query, version) and never outlive the data. Statement-level: one bump per COPY or batch insert.
const DIMS = [
  'sex',
  'age_group',
  'nationality',
  'exploitation',
  'country_from',
  'country_to',
  'channel',
  'victim_category',
  'agency_type',
  'trainee_type',
  'province',
];
const LEVEL = `(${DIMS.map((d, i) => `(CASE WHEN ${d} <> '' THEN ${2 ** i} ELSE 0 END)`).join(' + ')})`;
const WATCHED = [
  'stat_value',
  'stat_published_value',
  'stat_violation',
  'stat_approval',
  'stat_setting',
];

export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    CREATE INDEX stat_value_level_idx ON stat_value (data_element, period_type, ${LEVEL}, country, period);
    CREATE INDEX stat_published_value_level_idx ON stat_published_value (data_element, period_type, ${LEVEL}, country, period);
    CREATE TABLE stat_data_version (
      id int PRIMARY KEY,
      version bigint NOT NULL
    );
    INSERT INTO stat_data_version (id, version) VALUES (1, 1);
    CREATE FUNCTION stat_data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE stat_data_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;
    ${WATCHED.map(
      (t) =>
        `CREATE TRIGGER ${t}_version_trg AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION stat_data_version_bump();`,
    ).join('\n    ')}
    `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    ${WATCHED.map((t) => `DROP TRIGGER ${t}_version_trg ON ${t};`).join('\n    ')}
    DROP FUNCTION stat_data_version_bump();
    DROP TABLE stat_data_version;
    DROP INDEX stat_published_value_level_idx;
    DROP INDEX stat_value_level_idx;
    `,
  );
}
