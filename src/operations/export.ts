import { mkdtemp, rm } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Database } from "../../db/database.js";
import type { AdjustmentRow, MerchantRow, TopupStatus } from "../../db/rows.js";
import type { ExportCursor, TopupExportRow } from "../../db/stores.js";
import { formatWibTimestamp, startOfWibMonth } from "../format.js";
import { methodOfChannel } from "../payments/methods.js";
import { maskPhone } from "../payments/phone.js";

/** A calendar month in Jakarta time; `month` is 1–12. */
export interface Month {
  year: number;
  month: number;
}

/** "2026-11": how the admin types a month and how the file is named. */
export const monthLabel = ({ year, month }: Month): string => `${year}-${String(month).padStart(2, "0")}`;

/** "2026-11" → the month; anything else (2026-13, 11-2026, 2026-1) → undefined. */
export function parseMonth(text: string): Month | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text.trim());
  return match ? { year: Number(match[1]), month: Number(match[2]) } : undefined;
}

/** The Jakarta month `date` falls in. */
export const wibMonthOf = (date: Date): Month => parseMonth(formatWibTimestamp(date).slice(0, 7))!;

export const previousMonth = ({ year, month }: Month): Month => (month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 });

const monthIndex = ({ year, month }: Month) => year * 12 + month;
export const isAfter = (a: Month, b: Month): boolean => monthIndex(a) > monthIndex(b);

/** [from, to) of the month in Jakarta: 2026-11 is 2026-10-31T17:00Z up to 2026-11-30T17:00Z. */
export const monthBounds = ({ year, month }: Month): { from: Date; to: Date } => ({ from: startOfWibMonth(year, month), to: startOfWibMonth(year, month + 1) });

/**
 * One header for both kinds of row, so a spreadsheet filters and sums them in one table: `type` says which (top-ups
 * first, then adjustments, each oldest first). For an adjustment `status` holds its kind (credit or debit),
 * `reference` its id (ADJ-…), `amount` its signed rupiah; method, phone, gateway id and invoice number stay empty.
 * A top-up's `method` is the method's id as PAYMENT_METHODS names it (OVO, DANA, QRIS, BCA_VA…): it names the bank.
 */
export const EXPORT_COLUMNS = [
  "type",
  "date_wib",
  "merchant_id",
  "merchant_name",
  "store_name",
  "method",
  "phone",
  "amount",
  "status",
  "reference",
  "gateway_id",
  "invoice_number",
  "reason",
  "operator_id",
  "operator_name",
] as const;

type ExportRecord = Partial<Record<(typeof EXPORT_COLUMNS)[number], string | number | null>>;

export interface ExportTotals {
  /** Top-ups created in the month, by their status now. */
  topups: Record<TopupStatus, number>;
  /** Rupiah of the succeeded ones. */
  paid: number;
  adjustments: { credits: number; credit: number; debits: number; debit: number; net: number };
}

export const isEmpty = (totals: ExportTotals): boolean =>
  Object.values(totals.topups).every((n) => n === 0) && totals.adjustments.credits + totals.adjustments.debits === 0;

/** A month's CSV, written where `use` can send it, and removed after. */
export interface ExportFile {
  path: string;
  filename: string;
  totals: ExportTotals;
}

const merchantName = (merchant: Pick<MerchantRow, "firstName" | "lastName"> | undefined) =>
  merchant ? [merchant.firstName, merchant.lastName].filter(Boolean).join(" ") : null;

function topupRecord(row: TopupExportRow): ExportRecord {
  return {
    type: "topup",
    date_wib: formatWibTimestamp(row.createdAt),
    merchant_id: row.merchantId,
    merchant_name: merchantName(row),
    store_name: row.storeName,
    method: methodOfChannel(row.channelCode).id,
    phone: row.phone ? maskPhone(row.phone) : "",
    amount: row.amount,
    status: row.status,
    reference: row.referenceId,
    gateway_id: row.chargeId,
    invoice_number: row.invoiceNumber,
  };
}

function adjustmentRecord(row: AdjustmentRow, merchant: MerchantRow | undefined): ExportRecord {
  return {
    type: "adjustment",
    date_wib: formatWibTimestamp(row.createdAt),
    merchant_id: row.merchantId,
    merchant_name: merchantName(merchant),
    store_name: merchant?.storeName ?? null,
    amount: row.amount,
    status: row.amount < 0 ? "debit" : "credit",
    reference: `ADJ-${row.id}`,
    reason: row.reason,
    operator_id: row.actorId,
    operator_name: row.actorName,
  };
}

const noTotals = (): ExportTotals => ({
  topups: { creating: 0, pending: 0, succeeded: 0, failed: 0, expired: 0 },
  paid: 0,
  adjustments: { credits: 0, credit: 0, debits: 0, debit: 0, net: 0 },
});

/**
 * The month's top-ups and adjustments for the accountant, as CSV: UTF-8 with a BOM (spreadsheet apps then read names
 * and "Rp" right), CRLF line ends, RFC 4180 quoting, and text that starts with = + - @ tab or CR prefixed with a
 * single quote so that no cell runs as a formula (csv-stringify's escape_formulas; numbers stay numbers, a debit's
 * -20000 too). The totals are counted from the very rows written, so the message and the file always agree.
 */
export class MonthExport {
  constructor(
    private readonly database: Database,
    /** Top-ups read per query: a month of any size is streamed, never held whole. */
    private readonly pageSize = 500,
  ) {}

  async writeCsv(month: Month, out: Writable): Promise<ExportTotals> {
    const totals = noTotals();
    // Loaded on the first export: an idle bot has no use for it.
    const { stringify } = await import("csv-stringify");
    const csv = stringify({ bom: true, header: true, columns: [...EXPORT_COLUMNS], record_delimiter: "windows", escape_formulas: true });
    await pipeline(Readable.from(this.records(month, totals)), csv, out);
    return totals;
  }

  /** Writes the month to a file of its own for `use`, then removes it, whatever `use` did. */
  async withFile<T>(month: Month, use: (file: ExportFile) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(join(tmpdir(), "cp-export-"));
    try {
      const filename = `coin-premium-${monthLabel(month)}.csv`;
      const path = join(dir, filename);
      const totals = await this.writeCsv(month, createWriteStream(path));
      return await use({ path, filename, totals });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async *records(month: Month, totals: ExportTotals): AsyncGenerator<ExportRecord> {
    const { from, to } = monthBounds(month);
    const { stores } = this.database;
    let after: ExportCursor | null = null;
    for (;;) {
      const page = await stores.exports.topupsBetween(from, to, after, this.pageSize);
      for (const row of page) {
        totals.topups[row.status] += 1;
        if (row.status === "succeeded") totals.paid += row.amount;
        yield topupRecord(row);
      }
      if (page.length < this.pageSize) break;
      after = page.at(-1)!;
    }
    // Adjustments are an operator's manual acts, a handful a month: read at once, their merchants looked up once each.
    const merchants = new Map<number, MerchantRow | undefined>();
    for (const adjustment of await stores.adjustments.between(from, to)) {
      if (!merchants.has(adjustment.merchantId)) merchants.set(adjustment.merchantId, await stores.merchants.byId(adjustment.merchantId));
      countAdjustment(totals, adjustment.amount);
      yield adjustmentRecord(adjustment, merchants.get(adjustment.merchantId));
    }
  }
}

function countAdjustment(totals: ExportTotals, amount: number): void {
  const { adjustments } = totals;
  if (amount < 0) {
    adjustments.debits += 1;
    adjustments.debit += -amount;
  } else {
    adjustments.credits += 1;
    adjustments.credit += amount;
  }
  adjustments.net += amount;
}
