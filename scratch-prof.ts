import { I18n } from "@grammyjs/i18n";
import { renderInvoicePdf } from "./src/invoices/render.js";
const i18n = new I18n({ defaultLocale: "id", directory: "locales", fluentBundleOptions: { useIsolating: false } });
const doc = { number: "INV/CP/202611/000123", issuedAt: "2026-11-26T03:00:00.000Z", locale: "id" as const,
  seller: { name: "PT Kasir Pintar Nusantara", address: "Jl. Jend. Sudirman Kav. 52-53, Gedung Equity Tower Lt. 20, Senayan, Jakarta Selatan 12190", taxId: "01.234.567.8-901.000" },
  buyer: { name: "Sari Wulandari", storeName: "Toko Sembako Berkah", telegramUsername: "sari" },
  item: { description: "coin_premium" as const, quantity: 1, unitPrice: 100000, amount: 100000 }, total: 100000,
  paymentMethod: "ewallet_ovo" as const, maskedPhone: "0812****7890", reference: "topup_01JD8ZQ3N4M5P6R7S8T9V0W1X2",
  gatewayChargeId: "ewc_65f1c0b2-3a4d-4e5f-8a9b-0c1d2e3f4a5b", paidAt: "2026-11-26T02:59:41.000Z", balanceAfter: 250000 };
const t = (k: string, v?: Record<string, string | number>) => i18n.t("id", k, v);
for (let i = 0; i < 50; i++) await renderInvoicePdf(doc, t);
const s = performance.now();
for (let i = 0; i < 500; i++) await renderInvoicePdf({...doc, buyer: {...doc.buyer, name: "Sari " + i}}, t);
console.log((performance.now() - s) / 500);
