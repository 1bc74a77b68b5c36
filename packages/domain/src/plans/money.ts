import { z } from 'zod';

/**
 * Currencies the COMMIT plans use: the six national currencies, USD, and JPY (Japan's
 * figures in S004). Sources spell the renminbi "RMB": it is stored as CNY.
 */
export const CURRENCIES = ['KHR', 'CNY', 'LAK', 'MMK', 'THB', 'VND', 'USD', 'JPY'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** The national currency of each COMMIT country. */
export const COUNTRY_CURRENCY: Readonly<Record<string, Currency>> = {
  KH: 'KHR',
  CN: 'CNY',
  LA: 'LAK',
  MM: 'MMK',
  TH: 'THB',
  VN: 'VND',
};

/** Spellings found in the sources, mapped to the ISO 4217 code. */
export const CURRENCY_ALIASES: Readonly<Record<string, Currency>> = { RMB: 'CNY' };

/** ISO code of a currency as written ("RMB" → CNY), or null when unknown. */
export function normaliseCurrency(written: string): Currency | null {
  const upper = written.trim().toUpperCase();
  if ((CURRENCIES as readonly string[]).includes(upper)) {
    return upper as Currency;
  }
  return CURRENCY_ALIASES[upper] ?? null;
}

/**
 * The USD value of an amount: `amount / usdRate`, the rate being national currency units per USD
 * as recorded for that allocation (USD amounts need no rate).
 * @returns Rounded to cents; null when the amount is null or a non-USD amount has no rate.
 */
export function toUsd(
  amount: number | null,
  currency: string,
  usdRate: number | null,
): number | null {
  if (amount === null) {
    return null;
  }
  if (currency === 'USD') {
    return Math.round(amount * 100) / 100;
  }
  if (usdRate === null || !(usdRate > 0)) {
    return null;
  }
  return Math.round((amount / usdRate) * 100) / 100;
}

export type MoneyIssue = { path: string; code: 'currency_not_allowed' | 'rate_required' };

/**
 * Check an amount against the country it belongs to: the currency must be the country's own or
 * USD, and a non-USD amount must carry its USD rate. `paths` names the fields in the caller's
 * payload, so the error points at them.
 */
export function checkMoney(
  input: {
    countryCode: string | null;
    currency: string;
    amount: number | null;
    usdRate: number | null;
  },
  paths: { currency: string; usdRate: string } = { currency: 'currency', usdRate: 'usdRate' },
): MoneyIssue[] {
  const issues: MoneyIssue[] = [];
  const own = input.countryCode ? COUNTRY_CURRENCY[input.countryCode] : undefined;
  if (input.currency !== 'USD' && own !== undefined && input.currency !== own) {
    issues.push({ path: paths.currency, code: 'currency_not_allowed' });
  }
  if (input.amount !== null && input.currency !== 'USD' && input.usdRate === null) {
    issues.push({ path: paths.usdRate, code: 'rate_required' });
  }
  return issues;
}

export const CurrencySchema = z.preprocess(
  (v) => (typeof v === 'string' ? (normaliseCurrency(v) ?? v) : v),
  z.enum(CURRENCIES),
);
/** National currency units per USD (> 0). */
export const UsdRateSchema = z.number().positive().max(1_000_000_000);
/** A money amount (≥ 0, two decimals at most). */
export const AmountSchema = z
  .number()
  .nonnegative()
  .max(1e18)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, {
    message: 'has more than two decimals',
  });
