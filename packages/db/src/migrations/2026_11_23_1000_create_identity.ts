import type { Kysely } from 'kysely';
import { runDdl } from './run-ddl';

export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    CREATE TABLE agency (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      short_name text,
      type varchar(60) NOT NULL REFERENCES organisation_type(code),
      country_code char(2) NOT NULL REFERENCES country(code),
      parent_id uuid REFERENCES agency(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz
    );
    CREATE INDEX agency_country_idx ON agency(country_code);
    CREATE UNIQUE INDEX agency_name_country_uq ON agency(country_code, lower(name)) WHERE deleted_at IS NULL;
    CREATE TABLE role (
      id uuid PRIMARY KEY,
      key varchar(60) NOT NULL UNIQUE,
      name text NOT NULL,
      description text,
      country_code char(2) REFERENCES country(code),
      is_built_in boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE role_permission (
      role_id uuid NOT NULL REFERENCES role(id) ON DELETE CASCADE,
      resource varchar(40) NOT NULL,
      action varchar(20) NOT NULL,
      scope varchar(10) NOT NULL CHECK (scope IN ('own', 'agency', 'country', 'region')),
      PRIMARY KEY (role_id, resource, action, scope)
    );
    CREATE TABLE app_user (
      id uuid PRIMARY KEY,
      username varchar(64) NOT NULL UNIQUE,
      display_name text NOT NULL,
      email text,
      password_hash text NOT NULL,
      agency_id uuid NOT NULL REFERENCES agency(id),
      locale varchar(5) NOT NULL DEFAULT 'en',
      calendar varchar(10) NOT NULL DEFAULT 'gregory',
      is_disabled boolean NOT NULL DEFAULT false,
      totp_secret_enc text,
      totp_last_counter bigint,
      failed_login_count int NOT NULL DEFAULT 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX app_user_agency_idx ON app_user(agency_id);
    CREATE TABLE user_role (
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      role_id uuid NOT NULL REFERENCES role(id),
      PRIMARY KEY (user_id, role_id)
    );
    CREATE TABLE session (
      id char(64) PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      csrf_token varchar(64) NOT NULL,
      stage varchar(30) NOT NULL,
      pending_totp_secret_enc text,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      ip text,
      user_agent text
    );
    CREATE INDEX session_user_idx ON session(user_id);
    CREATE TABLE setting (
      key varchar(100) PRIMARY KEY,
      value jsonb NOT NULL
    );
  `,
  );
}
