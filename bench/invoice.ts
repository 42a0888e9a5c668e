/**
 * Invoice PDF rendering: latency and memory.
 *
 *   npx tsx bench/invoice.ts                      (RSS figure without a forced GC)
 *   node --expose-gc --import tsx bench/invoice.ts
 *
 * Targets on the 2-core box: median ≤ 5 ms per invoice, RSS growth ≤ 30 MB over 10,000 renders. `npm run bench`
 * runs it compiled, in a process of its own with `npm start`'s flags: in the bench's own process, the RSS figure
 * was mostly the garbage the rows before it had left (+23 to +63 MB, against −11 to +31 alone).
 */
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { I18n } from "@grammyjs/i18n";
import { projectRoot } from "../src/project-root.js";
import type { InvoiceDocument } from "../src/invoices/document.js";
import { renderInvoicePdf, type Translate } from "../src/invoices/render.js";

export interface InvoiceBenchResult {
  medianMs: number;
  p99Ms: number;
  rssGrowthMb: number;
}

const LATENCY_RUNS = 1_000;
const MEMORY_RUNS = 10_000;
const WARMUP_RUNS = 50;

function sampleInvoice(i: number): InvoiceDocument {
  const amount = 50_000 + (i % 20) * 25_000;
  return {
    number: `INV/CP/202611/${String(i + 1).padStart(6, "0")}`,
    issuedAt: new Date(Date.UTC(2026, 10, 26, 3, 0, 0) + i * 60_000).toISOString(),
    locale: i % 2 === 0 ? "id" : "en",
    seller: {
      name: "PT Kasir Pintar Nusantara",
      address: "Jl. Jend. Sudirman Kav. 52-53, Gedung Equity Tower Lt. 20, Senayan, Jakarta Selatan 12190",
      taxId: "01.234.567.8-901.000",
    },
    buyer: {
      name: i % 10 === 0 ? `Toko 😀 مرحبا 你好 Sari ${i}` : `Sari Wulandari ${i}`,
      storeName: `Toko Sembako Berkah ${i % 97}`,
      telegramUsername: `sari${i}`,
    },
    item: { description: "coin_premium", quantity: 1, unitPrice: amount, amount },
    total: amount,
    paymentMethod: "ewallet_ovo",
    maskedPhone: "0812****7890",
    reference: `topup_01JD8ZQ3N4M5P6R7S8T9${String(i).padStart(6, "0")}`,
    gatewayChargeId: `ewc_65f1c0b2-3a4d-4e5f-8a9b-${String(i).padStart(12, "0")}`,
    paidAt: new Date(Date.UTC(2026, 10, 26, 2, 59, 41) + i * 60_000).toISOString(),
    balanceAfter: amount * 3,
  };
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const mb = (bytes: number) => bytes / (1024 * 1024);
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

export async function runInvoiceBench(): Promise<InvoiceBenchResult> {
  const i18n = new I18n({ defaultLocale: "id", directory: resolve(projectRoot, "locales"), fluentBundleOptions: { useIsolating: false } });
  const translators: Record<"id" | "en", Translate> = {
    id: (key, vars) => i18n.t("id", key, vars),
    en: (key, vars) => i18n.t("en", key, vars),
  };
  const render = (i: number) => {
    const doc = sampleInvoice(i);
    return renderInvoicePdf(doc, translators[doc.locale]);
  };

  for (let i = 0; i < WARMUP_RUNS; i++) await render(i);

  const times: number[] = [];
  for (let i = 0; i < LATENCY_RUNS; i++) {
    const start = performance.now();
    await render(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);

  gc();
  const rssBefore = process.memoryUsage().rss;
  for (let i = 0; i < MEMORY_RUNS; i++) await render(i);
  gc();
  const rssAfter = process.memoryUsage().rss;

  return { medianMs: percentile(times, 50), p99Ms: percentile(times, 99), rssGrowthMb: mb(rssAfter - rssBefore) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const gcNote = typeof (globalThis as { gc?: unknown }).gc === "function" ? "after gc()" : "no --expose-gc";
  const result = await runInvoiceBench();
  if (process.send) {
    process.send(result);
    process.exit(0);
  }
  console.log(`invoice render, ${LATENCY_RUNS} runs: median ${result.medianMs.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms`);
  console.log(`invoice render, ${MEMORY_RUNS} runs: RSS growth ${result.rssGrowthMb.toFixed(1)} MB (${gcNote})`);
}
