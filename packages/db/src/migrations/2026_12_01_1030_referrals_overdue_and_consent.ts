import type { Kysely } from 'kysely';
import { runDdl } from './run-ddl';

// Referrals: when the overdue notification went out (so listing notifies once per referral), the
// consent a share relied on (traceability; withdrawal revokes by re-checking coverage), and who
// recorded a rights notification. Indexes for the consent ledger and the notification inbox.
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    ALTER TABLE referral ADD COLUMN overdue_notified_at timestamptz;
    ALTER TABLE referral ADD COLUMN consent_id uuid REFERENCES consent(id);
    ALTER TABLE rights_notification ADD COLUMN recorded_by uuid REFERENCES app_user(id);
    CREATE INDEX referral_due_idx ON referral(status, due_on);
    CREATE INDEX service_provider_agency_idx ON service_provider(agency_id);
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    DROP INDEX service_provider_agency_idx;
    DROP INDEX referral_due_idx;
    ALTER TABLE rights_notification DROP COLUMN recorded_by;
    ALTER TABLE referral DROP COLUMN consent_id;
    ALTER TABLE referral DROP COLUMN overdue_notified_at;
  `,
  );
}
