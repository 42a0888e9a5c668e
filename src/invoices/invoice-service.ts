import type { Database } from "../../db/database.js";
import type { InvoiceRow } from "../../db/rows.js";
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

/** Issues invoices when payments are credited, and hands them out to their owners only. */
export class InvoiceService {
  constructor(
    private readonly database: Database,
    private readonly seller: Config["invoiceSeller"],
    private readonly translator: (locale: InvoiceDocument["locale"]) => Translate,
  ) {}

  /**
   * Call it with the stores of the crediting transaction: the month's counter row is incremented there, so numbers
   * have no gaps and no duplicates however many payments are confirmed at once. The content is frozen here. The
   * amount is what was credited: the one asked for, or what an operator credited when the gateway captured another.
   */
  async issue(stores: Stores, topup: Topup, balanceAfter: number, amount = topup.amount): Promise<void> {
    const paidAt = topup.paidAt ?? topup.updatedAt;
    const period = wibYearMonth(paidAt);
    const lastValue = await stores.invoices.nextNumber(period);
    const number = `INV/CP/${period}/${String(lastValue).padStart(6, "0")}`;
    const merchant = await stores.merchants.byId(topup.merchantId);
    const method = methodOfChannel(topup.channelCode);
    const content: InvoiceDocument = {
      number,
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
    await stores.invoices.insert({ topupId: topup.id, merchantId: topup.merchantId, number, issuedAt: paidAt, content });
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
