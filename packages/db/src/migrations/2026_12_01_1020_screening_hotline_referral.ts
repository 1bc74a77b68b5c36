import type { Kysely } from 'kysely';
import { runDdl } from './run-ddl';

// Screening and hotline additions: the outcome the indicators suggested (kept next to the officer's
// decision, which may differ), and the agency a hotline call was referred to. A referral from a call
// carries nothing personal: the agency id and the time only.
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    ALTER TABLE screening ADD COLUMN suggested_outcome varchar(20);
    CREATE INDEX screening_case_idx ON screening(case_id);
    CREATE INDEX screening_hotline_call_idx ON screening(hotline_call_id);
    ALTER TABLE hotline_call ADD COLUMN referred_agency_id uuid REFERENCES agency(id);
    ALTER TABLE hotline_call ADD COLUMN referred_at timestamptz;
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    ALTER TABLE hotline_call DROP COLUMN referred_at;
    ALTER TABLE hotline_call DROP COLUMN referred_agency_id;
    DROP INDEX screening_hotline_call_idx;
    DROP INDEX screening_case_idx;
    ALTER TABLE screening DROP COLUMN suggested_outcome;
  `,
  );
}
