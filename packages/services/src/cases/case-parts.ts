import type { Database } from '@ctip/db';
import type { Transaction } from 'kysely';
import { caseIsCrossBorder } from './case-presenter';

/** Touch a case and recompute its cross-border flag after its events changed. */
export async function touchCase(
  trx: Transaction<Database>,
  caseId: string,
  now: Date,
): Promise<void> {
  const row = await trx
    .selectFrom('case_record')
    .select(['country_code', 'nationality', 'country_of_exploitation'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const events = await trx
    .selectFrom('case_event')
    .select('country')
    .where('case_id', '=', caseId)
    .execute();
  await trx
    .updateTable('case_record')
    .set(() => ({
      updated_at: now,
      is_cross_border: caseIsCrossBorder(row.country_code, [
        row.nationality,
        row.country_of_exploitation,
        ...events.map((e) => e.country),
      ]),
    }))
    .where('id', '=', caseId)
    .execute();
}
