import type { Database } from '@ctip/db';
import { type Envelope, isBelowThreshold, type MessageBody } from '@ctip/domain';
import type { Transaction } from 'kysely';
import { appendAuditEvent } from '../../audit/append-audit-event';
import type { ServiceContext } from '../../context';
import { federationAuditEvent } from '../../federation/federation-audit';
import { FederationRefusal } from '../../federation/inbound-types';
import { deletePublishedSet, storePublishedSet } from './snapshot';

/** What the regional node did with a statistics message. */
export type StatisticsApplyResult =
  | 'stored'
  | 'withdrawn'
  | 'ignored_older'
  | 'nothing_to_withdraw';

/**
 * Apply a verified statistics message on the regional node, inside the inbox's apply transaction
 * (the inbox already checked the signature, the schema, that this node is the regional node and
 * that the country is one the sending node holds):
 * - `stats.published`: store the set when its version is newer than the one held (an older or
 *   equal version is acknowledged and ignored);
 * - `stats.withdrawn`: remove the set unless a newer version is held.
 * Audits `statistics.push_received` (no figures in the details).
 * @throws FederationRefusal (malformed) when a reported cell lies below the sender's threshold
 */
export async function applyStatisticsMessage(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  env: Envelope,
): Promise<StatisticsApplyResult> {
  const body = env.body as MessageBody<'stats.published'> | MessageBody<'stats.withdrawn'>;
  const key = { dataSet: body.dataSet, country: body.country, period: body.period };
  const held = await trx
    .selectFrom('stat_published_set')
    .select(['version'])
    .where('data_set', '=', key.dataSet)
    .where('country', '=', key.country)
    .where('period', '=', key.period)
    .forUpdate()
    .executeTakeFirst();
  let result: StatisticsApplyResult;
  let cells: number | null = null;
  if (env.kind === 'stats.published') {
    const b = body as MessageBody<'stats.published'>;
    const exposed = b.cells.find((c) => isBelowThreshold(c.value, b.disclosure));
    if (exposed) {
      // Defence in depth: the sender's disclosure control must have withheld it.
      throw new FederationRefusal('malformed', 'a cell below the threshold is not suppressed');
    }
    if (held && held.version >= b.version) {
      result = 'ignored_older';
    } else {
      await storePublishedSet(
        trx,
        {
          ...key,
          periodType: b.periodType,
          disclosure: b.disclosure,
          sources: b.sources,
          cells: b.cells,
        },
        {
          version: b.version,
          originNode: env.from,
          approvedAt: new Date(b.approvedAt),
          receivedAt: ctx.now(),
        },
      );
      result = 'stored';
      cells = b.cells.length;
    }
  } else if (!held) {
    result = 'nothing_to_withdraw';
  } else if (held.version > body.version) {
    result = 'ignored_older';
  } else {
    await deletePublishedSet(trx, key);
    result = 'withdrawn';
  }
  await appendAuditEvent(
    trx,
    federationAuditEvent(
      'statistics.push_received',
      'success',
      { type: 'stat_published_set', id: `${key.country}:${key.dataSet}:${key.period}` },
      {
        peer: env.from,
        kind: env.kind,
        messageId: env.id,
        dataSet: key.dataSet,
        country: key.country,
        period: key.period,
        version: body.version,
        heldVersion: held?.version ?? null,
        result,
        cells,
      },
    ),
    ctx.now(),
  );
  return result;
}
