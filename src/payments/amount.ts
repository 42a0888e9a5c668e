export const MIN_TOPUP = 10_000;
/** The largest top-up of any method (virtual accounts); each method has its own limits (methods.ts). */
export const MAX_TOPUP = 50_000_000;
export const PRESET_AMOUNTS = [50_000, 100_000, 250_000, 500_000, 1_000_000] as const;

export type AmountParseResult =
  | { ok: true; amount: number }
  | { ok: false; reason: "format" | "fraction" | "too_small" | "too_large" };

const multipliers: Record<string, number> = { rb: 1_000, ribu: 1_000, k: 1_000, jt: 1_000_000, juta: 1_000_000 };

export type RupiahParseResult = { ok: true; amount: number } | { ok: false; reason: "format" | "fraction" };

/**
 * Reads an amount the way Indonesian merchants type it: "150000", "150.000", "Rp 150.000", "150rb", "150k",
 * "1,5jt". Whole rupiah only: "150.000,50" is refused rather than rounded. No limits: see parseAmount.
 */
export function parseRupiah(input: string): RupiahParseResult {
  const text = input.trim().toLowerCase().replace(/^(rp\.?|idr)\s*/, "").replace(/\s+/g, "");
  const match = /^([\d.,]+)(rb|ribu|k|jt|juta)?$/.exec(text);
  if (!match) return { ok: false, reason: "format" };
  const [, number = "", suffix] = match;
  const value = suffix ? parseScaled(number, multipliers[suffix]!) : parseGrouped(number);
  if (value === undefined) return { ok: false, reason: "format" };
  if (Number.isNaN(value)) return { ok: false, reason: "fraction" };
  return { ok: true, amount: value };
}

/** A top-up amount: read as parseRupiah reads it, within the limits of the methods on offer. */
export function parseAmount(input: string, limits: { min: number; max: number } = { min: MIN_TOPUP, max: MAX_TOPUP }): AmountParseResult {
  const parsed = parseRupiah(input);
  if (!parsed.ok) return parsed;
  if (parsed.amount < limits.min) return { ok: false, reason: "too_small" };
  if (parsed.amount > limits.max) return { ok: false, reason: "too_large" };
  return parsed;
}

/** "150000", "150.000", "1.500.000" or "150,000": digits, optionally grouped by threes. */
function parseGrouped(number: string): number | undefined {
  if (/^\d+$/.test(number)) return Number(number);
  if (/^\d{1,3}(\.\d{3})+$/.test(number) || /^\d{1,3}(,\d{3})+$/.test(number)) return Number(number.replace(/[.,]/g, ""));
  if (/^\d+[.,]\d{1,2}$/.test(number)) return Number.NaN;
  return undefined;
}

/** "1,5" × 1.000.000: a decimal comma or point is allowed before "rb"/"jt"; exact integer arithmetic. */
function parseScaled(number: string, multiplier: number): number | undefined {
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(number);
  if (!match) return undefined;
  const [, whole = "", fraction = ""] = match;
  const scale = 10 ** fraction.length;
  const numerator = (Number(whole) * scale + Number(fraction || 0)) * multiplier;
  return numerator % scale === 0 ? numerator / scale : Number.NaN;
}
