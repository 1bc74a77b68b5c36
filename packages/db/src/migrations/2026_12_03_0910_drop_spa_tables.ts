import type { Kysely } from 'kysely';
import { runDdl } from './run-ddl';

// The SPA frameworks live in plan_framework/plan_node (2026_12_03_0900_create_plans); the first
// flat spa_* tables of the reference migration are read by nothing any more and go. Nodes are
// edited one by one in the framework browser: each gets a version for optimistic locking.
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    DROP TABLE spa_activity_target;
    DROP TABLE spa_activity;
    DROP TABLE spa_target;
    DROP TABLE spa_area_mou_article;
    DROP TABLE spa_area;
    DROP TABLE spa_framework;
    ALTER TABLE plan_node ADD COLUMN version int NOT NULL DEFAULT 1;
  `,
  );
}

// Down recreates the tables empty, as 2026_11_23_0900_create_reference defined them.
export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    ALTER TABLE plan_node DROP COLUMN version;
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
  `,
  );
}
