import type { Kysely } from 'kysely';
import { runDdl } from './run-ddl';

export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    CREATE TABLE country (
      code char(2) PRIMARY KEY,
      alpha3 char(3) NOT NULL UNIQUE,
      numeric_code char(3) NOT NULL,
      name text NOT NULL,
      names jsonb NOT NULL DEFAULT '{}',
      is_commit boolean NOT NULL DEFAULT false
    );
    CREATE TABLE language (
      code varchar(3) PRIMARY KEY,
      name text NOT NULL,
      native_name text NOT NULL
    );
    CREATE TABLE organisation_type (
      code varchar(60) PRIMARY KEY,
      name text NOT NULL,
      description text,
      sort_order int NOT NULL DEFAULT 0
    );
    CREATE TABLE mou_article (
      article int PRIMARY KEY,
      section text NOT NULL,
      text text NOT NULL
    );
    CREATE TABLE spa_framework (
      id varchar(20) PRIMARY KEY,
      title text NOT NULL,
      version text,
      period_start int NOT NULL,
      period_end int NOT NULL
    );
    CREATE TABLE spa_area (
      framework_id varchar(20) NOT NULL REFERENCES spa_framework(id),
      number int NOT NULL,
      name text NOT NULL,
      activity_code_prefix varchar(10) NOT NULL,
      mou_section text,
      PRIMARY KEY (framework_id, number)
    );
    CREATE TABLE spa_area_mou_article (
      framework_id varchar(20) NOT NULL,
      area_number int NOT NULL,
      article int NOT NULL REFERENCES mou_article(article),
      text_as_listed text NOT NULL,
      PRIMARY KEY (framework_id, area_number, article),
      FOREIGN KEY (framework_id, area_number) REFERENCES spa_area(framework_id, number)
    );
    CREATE TABLE spa_target (
      framework_id varchar(20) NOT NULL,
      number varchar(10) NOT NULL,
      area_number int NOT NULL,
      text text NOT NULL,
      PRIMARY KEY (framework_id, number),
      FOREIGN KEY (framework_id, area_number) REFERENCES spa_area(framework_id, number)
    );
    CREATE TABLE spa_activity (
      framework_id varchar(20) NOT NULL,
      code varchar(20) NOT NULL,
      area_number int NOT NULL,
      title text NOT NULL,
      description text,
      is_priority boolean NOT NULL DEFAULT false,
      PRIMARY KEY (framework_id, code),
      FOREIGN KEY (framework_id, area_number) REFERENCES spa_area(framework_id, number)
    );
    CREATE TABLE spa_activity_target (
      framework_id varchar(20) NOT NULL,
      activity_code varchar(20) NOT NULL,
      target_number varchar(10) NOT NULL,
      PRIMARY KEY (framework_id, activity_code, target_number),
      FOREIGN KEY (framework_id, activity_code) REFERENCES spa_activity(framework_id, code),
      FOREIGN KEY (framework_id, target_number) REFERENCES spa_target(framework_id, number)
    );
    CREATE TABLE reference_version (
      dataset varchar(60) PRIMARY KEY,
      version text NOT NULL,
      row_count int NOT NULL,
      loaded_at timestamptz NOT NULL
    );
  `,
  );
}
