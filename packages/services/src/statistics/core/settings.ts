import type { Database, Db } from '@ctip/db';
import {
  COUNTRY_FISCAL_START_MONTH,
  DEFAULT_DISCLOSURE,
  type DisclosureSettings,
  type StatSettingsInput,
  StatSettingsInputSchema,
  type StatSettingsView,
} from '@ctip/domain';
import type { Kysely, Transaction } from 'kysely';
import { appendAuditEvent } from '../../audit/append-audit-event';
import { auditEvent, authorize } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import { invalid } from './common';

/** Keys of stat_setting rows owned by the core area. */
export const STAT_SETTING_KEYS = {
  disclosure: 'disclosure',
  fiscalStartMonths: 'fiscal_start_months',
} as const;

type Reader = Db | Transaction<Database> | Kysely<Database>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseJson(v: unknown): unknown {
  if (typeof v === 'string') {
    try {
      return JSON.parse(v);
    } catch {
      return null;
    }
  }
  return v;
}

/**
 * The node's disclosure settings (threshold, suppressZeros), or the defaults (5, false) when none
 * were saved. Usable with the database or inside a transaction.
 */
export async function loadDisclosureSettings(db: Reader): Promise<DisclosureSettings> {
  const row = await db
    .selectFrom('stat_setting')
    .select('value')
    .where('key', '=', STAT_SETTING_KEYS.disclosure)
    .executeTakeFirst();
  const v = parseJson(row?.value);
  if (!isRecord(v)) {
    return { ...DEFAULT_DISCLOSURE };
  }
  const threshold =
    typeof v.threshold === 'number' && Number.isInteger(v.threshold) && v.threshold >= 1
      ? v.threshold
      : DEFAULT_DISCLOSURE.threshold;
  const suppressZeros =
    typeof v.suppressZeros === 'boolean' ? v.suppressZeros : DEFAULT_DISCLOSURE.suppressZeros;
  return { threshold, suppressZeros };
}

/**
 * First month of the fiscal year per country: the saved overrides on top of
 * COUNTRY_FISCAL_START_MONTH. A country not listed anywhere follows the calendar year (1).
 */
export async function loadFiscalStartMonths(db: Reader): Promise<Record<string, number>> {
  const row = await db
    .selectFrom('stat_setting')
    .select('value')
    .where('key', '=', STAT_SETTING_KEYS.fiscalStartMonths)
    .executeTakeFirst();
  const out: Record<string, number> = { ...COUNTRY_FISCAL_START_MONTH };
  const v = parseJson(row?.value);
  if (isRecord(v)) {
    for (const [country, month] of Object.entries(v)) {
      if (typeof month === 'number' && Number.isInteger(month) && month >= 1 && month <= 12) {
        out[country] = month;
      }
    }
  }
  return out;
}

/** The fiscal start month of one country (1 when unknown). */
export async function loadFiscalStartMonth(db: Reader, country: string): Promise<number> {
  const months = await loadFiscalStartMonths(db);
  return months[country] ?? 1;
}

/**
 * The statistics settings of this node.
 * @throws FORBIDDEN (audited) without statistic:read
 */
export async function getStatSettings(args: {
  ctx: ServiceContext;
  auth: AuthContext;
}): Promise<StatSettingsView> {
  const { ctx, auth } = args;
  await authorize(ctx, auth, 'read', 'statistic');
  const [disclosure, fiscalStartMonths] = await Promise.all([
    loadDisclosureSettings(ctx.db),
    loadFiscalStartMonths(ctx.db),
  ]);
  return { ...disclosure, fiscalStartMonths };
}

/**
 * Change the disclosure threshold, zero suppression and fiscal start months (fields left out keep
 * their value). Published snapshots keep the threshold they were made with; new outputs use the new
 * one. Changing a country's fiscal start month does not move values entered under the old one.
 * @throws INVALID_INPUT (field named), FORBIDDEN (audited) without settings:update
 */
export async function updateStatSettings(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: StatSettingsInput;
}): Promise<StatSettingsView> {
  const { ctx, auth } = args;
  const input = parseInput(StatSettingsInputSchema, args.input);
  await authorize(ctx, auth, 'update', 'settings');
  const countries = Object.keys(input.fiscalStartMonths ?? {});
  if (countries.length > 0) {
    const known = await ctx.db
      .selectFrom('country')
      .select('code')
      .where('code', 'in', countries)
      .execute();
    const have = new Set(known.map((k) => k.code));
    const unknown = countries.find((c) => !have.has(c));
    if (unknown) {
      throw invalid(`fiscalStartMonths.${unknown}`, 'is not a known country');
    }
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadDisclosureSettings(trx);
    const disclosure: DisclosureSettings = {
      threshold: input.threshold ?? before.threshold,
      suppressZeros: input.suppressZeros ?? before.suppressZeros,
    };
    await upsertSetting(trx, STAT_SETTING_KEYS.disclosure, disclosure, auth.actor.userId, now);
    if (input.fiscalStartMonths) {
      const row = await trx
        .selectFrom('stat_setting')
        .select('value')
        .where('key', '=', STAT_SETTING_KEYS.fiscalStartMonths)
        .executeTakeFirst();
      const saved = parseJson(row?.value);
      const merged = { ...(isRecord(saved) ? saved : {}), ...input.fiscalStartMonths };
      await upsertSetting(trx, STAT_SETTING_KEYS.fiscalStartMonths, merged, auth.actor.userId, now);
    }
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'statistics.settings_update',
        { type: 'stat_setting', id: null },
        {
          threshold: disclosure.threshold,
          suppressZeros: disclosure.suppressZeros,
          ...(input.fiscalStartMonths ? { fiscalStartMonths: input.fiscalStartMonths } : {}),
        },
      ),
      now,
    );
  });
  const [disclosure, fiscalStartMonths] = await Promise.all([
    loadDisclosureSettings(ctx.db),
    loadFiscalStartMonths(ctx.db),
  ]);
  return { ...disclosure, fiscalStartMonths };
}

async function upsertSetting(
  trx: Transaction<Database>,
  key: string,
  value: unknown,
  userId: string,
  now: Date,
): Promise<void> {
  await trx
    .insertInto('stat_setting')
    .values({ key, value: JSON.stringify(value), updated_by: userId, updated_at: now })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ value: JSON.stringify(value), updated_by: userId, updated_at: now }),
    )
    .execute();
}
