import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0900 from './2026_11_23_0900_create_reference';
import * as m1000 from './2026_11_23_1000_create_identity';
import * as m1100 from './2026_11_23_1100_create_audit';
import * as m1200 from './2026_11_23_1200_index_user_list';
import * as c0900 from './2026_12_01_0900_create_cases';
import * as c1020 from './2026_12_01_1020_screening_hotline_referral';
import * as c1030 from './2026_12_01_1030_referrals_overdue_and_consent';
import * as c1050 from './2026_12_01_1050_case_transfer_import_job';
import * as x1200 from './2026_12_01_1200_create_crossborder';
import * as x1230 from './2026_12_01_1230_meeting_date_note';
import * as s0900 from './2026_12_02_0900_create_statistics';
import * as s0930 from './2026_12_02_0930_statistics_analytics';
import * as s1000 from './2026_12_02_1000_stat_value_write_path';
import * as p0900 from './2026_12_03_0900_create_plans';
import * as p0910 from './2026_12_03_0910_drop_spa_tables';
import * as p1000 from './2026_12_03_1000_participants_case_studies';

/** Every migration, by name. Names sort in the order they run; never rename or edit a shipped one. */
export const MIGRATIONS: Record<string, Migration> = {
  '2026_11_23_0900_create_reference': m0900,
  '2026_11_23_1000_create_identity': m1000,
  '2026_11_23_1100_create_audit': m1100,
  '2026_11_23_1200_index_user_list': m1200,
  '2026_12_01_0900_create_cases': c0900,
  '2026_12_01_1020_screening_hotline_referral': c1020,
  '2026_12_01_1030_referrals_overdue_and_consent': c1030,
  '2026_12_01_1050_case_transfer_import_job': c1050,
  '2026_12_01_1200_create_crossborder': x1200,
  '2026_12_01_1230_meeting_date_note': x1230,
  '2026_12_02_0900_create_statistics': s0900,
  '2026_12_02_0930_statistics_analytics': s0930,
  '2026_12_02_1000_stat_value_write_path': s1000,
  '2026_12_03_0900_create_plans': p0900,
  '2026_12_03_0910_drop_spa_tables': p0910,
  '2026_12_03_1000_participants_case_studies': p1000,
};

/** A static provider: no filesystem scanning, so it works bundled. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
