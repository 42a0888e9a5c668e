import type { Database } from "../../db/database.js";
import type { InvoiceRow, MerchantRow } from "../../db/rows.js";
import type { Stores } from "../../db/stores.js";
import type { Config } from "../config.js";
import { wibYearMonth } from "../format.js";
import { languageOf } from "../merchants/merchant-service.js";
import { methodOfChannel } from "../payments/methods.js";
import { maskPhone } from "../payments/phone.js";
import type { Topup } from "../payments/topup-service.js";
import type { InvoiceDocument } from "./document.js";
import type { Translate } from "./render.js";

export type Invoice = InvoiceRow;

/** An invoice before its number (InvoiceService.draft, then issue). */
export interface InvoiceDraft {
  topupId: number;
  merchantId: number;
  issuedAt: Date;
  /** The WIB month it is numbered in. */
  period: string;
  content: Omit<InvoiceDocument, "number">;
}

/** Issues invoices when payments are credited, and hands them out to their owners only. */
export class InvoiceService {
  constructor(
    private readonly database: Database,
    private readonly seller: Config["invoiceSeller"],
    private readonly translator: (locale: InvoiceDocument["locale"]) => Translate,
  ) {}

  /**
   * The invoice of a credit but its number, from the rows of the crediting transaction: the content is frozen
   * here. The amount is what was credited: the one asked for, or what an operator credited when the gateway
   * captured another.
   */
  draft(topup: Topup, merchant: MerchantRow | undefined, balanceAfter: number, amount = topup.amount): InvoiceDraft {
    const paidAt = topup.paidAt ?? topup.updatedAt;
    const method = methodOfChannel(topup.channelCode);
    const content: Omit<InvoiceDocument, "number"> = {
      issuedAt: paidAt.toISOString(),
      locale: languageOf(merchant),
      seller: { name: this.seller.name, address: this.seller.address, ...(this.seller.taxId ? { taxId: this.seller.taxId } : {}) },
      buyer: {
        name: [merchant?.firstName, merchant?.lastName].filter(Boolean).join(" ") || String(topup.merchantId),
        ...(merchant?.storeName ? { storeName: merchant.storeName } : {}),
        ...(merchant?.username ? { telegramUsername: `@${merchant.username}` } : {}),
      },
      item: { description: "coin_premium", quantity: 1, unitPrice: amount, amount },
      total: amount,
      paymentMethod: method.id,
      channelCode: method.channelCode,
      methodGroup: method.group,
      methodName: method.name,
      ...(topup.phone ? { maskedPhone: maskPhone(topup.phone) } : {}),
      reference: topup.referenceId,
      gatewayChargeId: topup.chargeId ?? "",
      paidAt: paidAt.toISOString(),
      balanceAfter,
    };
    return { topupId: topup.id, merchantId: topup.merchantId, issuedAt: paidAt, period: wibYearMonth(paidAt), content };
  }

  /**
   * Numbers the drafts in their order and writes them, with the stores of their crediting transaction: each month's
   * counter is incremented there once for all of them, so numbers have no gaps and no duplicates however many
   * payments are confirmed at once. On PostgreSQL every confirmation of the month waits for that counter row until
   * the transaction holding it commits: call this last, just before the commit.
   */
  async issue(stores: Stores, drafts: readonly InvoiceDraft[]): Promise<void> {
    const byPeriod = new Map<string, InvoiceDraft[]>();
    for (const draft of drafts) byPeriod.set(draft.period, [...(byPeriod.get(draft.period) ?? []), draft]);
    // Counters locked in one order by every transaction: two that span the same months cannot deadlock.
    for (const period of [...byPeriod.keys()].sort()) {
      const group = byPeriod.get(period)!;
      const last = await stores.invoices.reserveNumbers(period, group.length);
      for (const [index, { topupId, merchantId, issuedAt, content }] of group.entries()) {
        const number = `INV/CP/${period}/${String(last - group.length + 1 + index).padStart(6, "0")}`;
        await stores.invoices.insert({ topupId, merchantId, number, issuedAt, content: { number, ...content } });
      }
    }
  }

  /** The invoice of a top-up, only for the merchant who paid it. */
  findOwned(merchantId: number, topupId: number): Promise<Invoice | undefined> {
    return this.database.stores.invoices.ofTopup(merchantId, topupId);
  }

  async pdf(invoice: Invoice): Promise<{ bytes: Buffer; filename: string }> {
    const content = invoice.content as InvoiceDocument;
    // Loaded on first use: pdfkit and the fonts are about 25 MB of memory that a bot which never renders a PDF
    // does not need at start-up (bench: idle RSS).
    const { renderInvoicePdf } = await import("./render.js");
    const bytes = await renderInvoicePdf(content, this.translator(content.locale));
    return { bytes, filename: invoiceFilename(invoice.number) };
  }

  /** After the first upload, Telegram's file_id is re-sent instead of the bytes: the same document every time. */
  rememberFileId(invoiceId: number, fileId: string): Promise<void> {
    return this.database.stores.invoices.rememberFileId(invoiceId, fileId);
  }
}

/** "INV/CP/202611/000123" → "INV-CP-202611-000123.pdf" (slashes are not allowed in file names). */
export function invoiceFilename(number: string): string {
  return `${number.replaceAll("/", "-")}.pdf`;
}
