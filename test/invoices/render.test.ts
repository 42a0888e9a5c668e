import { I18n } from "@grammyjs/i18n";
import { describe, expect, it } from "vitest";
import type { InvoiceDocument } from "../../src/invoices/document.js";
import { renderInvoicePdf, type Translate } from "../../src/invoices/render.js";
import { extractPdfText } from "../helpers/pdf.js";

const i18n = new I18n({ defaultLocale: "id", directory: "locales", fluentBundleOptions: { useIsolating: false } });
const translator = (locale: "id" | "en"): Translate => (key, vars) => i18n.t(locale, key, vars);

function invoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    number: "INV/CP/202611/000123",
    issuedAt: "2026-11-26T03:00:00.000Z", // 10:00 WIB
    locale: "id",
    seller: {
      name: "PT Kasir Pintar Nusantara",
      address: "Jl. Jend. Sudirman Kav. 52-53, Gedung Equity Tower Lt. 20, Jakarta Selatan 12190",
      taxId: "01.234.567.8-901.000",
    },
    buyer: { name: "Sari Wulandari", storeName: "Toko Sembako Berkah", telegramUsername: "sariwulan" },
    item: { description: "coin_premium", quantity: 2, unitPrice: 50_000, amount: 100_000 },
    total: 100_000,
    paymentMethod: "ewallet_ovo",
    maskedPhone: "0812****7890",
    reference: "topup_01JD8ZQ3N4M5P6R7S8T9V0W1X2",
    gatewayChargeId: "ewc_65f1c0b2-3a4d-4e5f-8a9b-0c1d2e3f4a5b",
    paidAt: "2026-11-26T02:59:41.000Z", // 09:59 WIB
    balanceAfter: 250_000,
    ...overrides,
  };
}

async function render(doc: InvoiceDocument, t: Translate = translator(doc.locale)): Promise<Buffer> {
  return renderInvoicePdf(doc, t);
}

/** Every field of `invoice()` that must be readable, in the given locale. */
function expectAllFields(text: string, locale: "id" | "en", opts: { buyerName?: boolean } = {}): void {
  const t = translator(locale);
  const expected = [
    t("invoice-title"),
    "INV/CP/202611/000123",
    "26/11/2026 10:00 WIB",
    "26/11/2026 09:59 WIB",
    "PT Kasir Pintar Nusantara",
    "Jl. Jend. Sudirman Kav. 52-53, Gedung Equity Tower Lt. 20, Jakarta Selatan 12190",
    "01.234.567.8-901.000",
    t("invoice-seller-tax-id", { taxId: "01.234.567.8-901.000" }),
    t("invoice-buyer-store", { store: "Toko Sembako Berkah" }),
    "@sariwulan",
    t("invoice-item-coin-premium"),
    "Coin Premium",
    " 2 ",
    "Rp50.000",
    "Rp100.000",
    t("invoice-method-ewallet-ovo"),
    "E-Wallet OVO",
    "0812****7890",
    "topup_01JD8ZQ3N4M5P6R7S8T9V0W1X2",
    "ewc_65f1c0b2-3a4d-4e5f-8a9b-0c1d2e3f4a5b",
    locale === "id" ? "LUNAS" : "PAID",
    t("invoice-balance-after", { amount: "Rp250.000" }),
    t("invoice-footer"),
  ];
  if (opts.buyerName !== false) expected.push("Sari Wulandari");
  for (const piece of expected) expect(text, `missing ${JSON.stringify(piece)}`).toContain(piece);
}

describe("renderInvoicePdf", () => {
  it.each(["id", "en"] as const)("shows every field on one page (%s)", async (locale) => {
    const pdf = await render(invoice({ locale }));
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { pages, text } = await extractPdfText(pdf);
    expect(pages).toBe(1);
    expectAllFields(text, locale);
    // Labels really come from the locale, and rupiah stay Indonesian-formatted in English too.
    if (locale === "id") {
      expect(text).toContain("Saldo Coin Premium setelah top up: Rp250.000");
      expect(text).toContain("Ditagihkan kepada".toUpperCase());
    } else {
      expect(text).toContain("Coin Premium balance after top-up: Rp250.000");
      expect(text).toContain("BILLED TO");
      expect(text).not.toMatch(/Rp\d+,\d{3}/);
    }
  });

  it("has no NPWP line when the seller has no tax id", async () => {
    for (const locale of ["id", "en"] as const) {
      const doc = invoice({ locale, seller: { name: "Kasir Pintar", address: "Jl. Melati 1, Bandung" } });
      const { pages, text } = await extractPdfText(await render(doc));
      expect(pages).toBe(1);
      expect(text).not.toContain("NPWP");
      expect(text).toContain("Kasir Pintar");
      expect(text).toContain("Jl. Melati 1, Bandung");
    }
  });

  it("leaves out the store and username lines when they are absent", async () => {
    const { text } = await extractPdfText(await render(invoice({ locale: "en", buyer: { name: "Budi" } })));
    expect(text).toContain("Budi");
    expect(text).not.toContain("Store:");
    expect(text).not.toContain("Telegram:");
  });

  it("gives identical bytes for the same document", async () => {
    const doc = invoice();
    const [a, b] = [await render(doc), await render(structuredClone(doc))];
    expect(a.equals(b)).toBe(true);
    const c = await render(invoice({ locale: "en" }));
    expect(c.equals(await render(invoice({ locale: "en" })))).toBe(true);
    // The PDF dates come from the invoice, not from the clock.
    expect(a.toString("latin1")).toContain("D:20261126030000Z");
    expect(a.equals(c)).toBe(false);
  });

  it("survives characters the font lacks without garbling anything else", async () => {
    for (const locale of ["id", "en"] as const) {
      const doc = invoice({
        locale,
        buyer: { name: "Toko 😀 مرحبا 你好 Sari", storeName: "Toko Sembako Berkah", telegramUsername: "sariwulan" },
      });
      const { pages, text } = await extractPdfText(await render(doc));
      expect(pages).toBe(1);
      expect(text).toContain("Toko");
      expect(text).toContain("Sari");
      expect(text).toContain("?"); // 你好 → "??"
      expect(text).not.toMatch(/[你好]/);
      expectAllFields(text, locale, { buyerName: false });
    }
  });

  it("does not break on emoji sequences, control characters and Fluent's bidi isolates", async () => {
    const isolating = new I18n({ defaultLocale: "id", directory: "locales" }); // useIsolating: true
    const doc = invoice({
      locale: "en",
      buyer: { name: "Ayu\n\t👨‍👩‍👧 👍🏽\u0000 Lestari\u200b", storeName: "Warung\u2068 🇮🇩 \u2069Bu Ayu", telegramUsername: "@ayu" },
    });
    const { pages, text } = await extractPdfText(await render(doc, (k, v) => isolating.t("en", k, v)));
    expect(pages).toBe(1);
    expect(text).toContain("Ayu");
    expect(text).toContain("Lestari");
    expect(text).toContain("Warung");
    expect(text).toContain("Bu Ayu");
    expect(text).toContain("Telegram: @ayu");
    expect(text).not.toContain("@@");
    expect(text).toContain("Coin Premium balance after top-up: Rp250.000");
    expect(text).toContain("Tax ID (NPWP): 01.234.567.8-901.000");
  });

  it("keeps very long names on one page", async () => {
    const longWords = "Toko Serba Ada Sejahtera Makmur ".repeat(10).slice(0, 300);
    const noSpaces = "W".repeat(300);
    const emoji = "😀".repeat(300);
    for (const name of [longWords, noSpaces, emoji]) {
      const doc = invoice({
        locale: "id",
        seller: { name, address: `${longWords} ${longWords}`, taxId: "01.234.567.8-901.000" },
        buyer: { name, storeName: name, telegramUsername: "x".repeat(300) },
        reference: noSpaces,
        gatewayChargeId: noSpaces,
      });
      expect(name.length === 300 || [...name].length === 300).toBe(true);
      const { pages, text } = await extractPdfText(await render(doc));
      expect(pages).toBe(1);
      expect(text).toContain("…");
      expect(text).toContain("INV/CP/202611/000123");
      expect(text).toContain("Saldo Coin Premium setelah top up: Rp250.000");
      expect(text).toContain(translator("id")("invoice-footer"));
    }
  });

  it("rejects an invoice whose timestamps cannot be read", async () => {
    await expect(render(invoice({ issuedAt: "not a date" }))).rejects.toThrow(/issuedAt/);
  });
});
