/**
 * `npm run bench`: every benchmark row, each next to a baseline measured in the same run on the same machine
 * (these machines are noisy: compare ratios and medians). Prints one table and writes it, with the raw
 * figures, to bench/results.json.
 *
 *   BENCH_ONLY=machine,webhook,duplicate-storm,webhook-v3,notify-latency,conversation,invoice,qr-image,broadcast,startup   run some rows only
 *   BENCH_CALLBACKS=20000                                        callbacks in the webhook row (webhook-v3: a quarter)
 *   BENCH_CPU_PROF=/tmp/prof                                     CPU profiles of the processes the rows start
 *   BENCH_POSTGRES=0                                             the webhook row on SQLite only
 *   BENCH_SERVER_LOG=/tmp/server.log                             keep the server processes' logs (appended)
 */
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { join } from "node:path";
import { runConversationBench } from "./conversation.js";
import { runDuplicateStormBench } from "./duplicate-storm.js";
import type { InvoiceBenchResult } from "./invoice.js";
import { runNotifyLatencyBench } from "./notify-latency.js";
import { runQrImageBench } from "./qr-image.js";
import { root, runInOwnProcess, type LoadResult } from "./lib.js";
import { machineReferenceMs } from "./machine.js";
import { runStartupBench } from "./startup.js";
import { qrisScheme, runWebhookBench, type AppRow } from "./webhook.js";

interface Row {
  row: string;
  measured: string;
  baseline: string;
  target: string;
  /** null: nothing to judge (not run, or not available). */
  ok: boolean | null;
}

const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const wanted = (name: string) => !only || only.includes(name);
const f = (value: number, digits = 1) => value.toFixed(digits);
const rows: Row[] = [];
const raw: Record<string, unknown> = {};

async function section(name: string, run: () => void | Promise<void>): Promise<void> {
  if (!wanted(name)) return;
  process.stderr.write(`bench: ${name}…\n`);
  const started = Date.now();
  try {
    await run();
  } catch (error) {
    rows.push({ row: name, measured: `error: ${error instanceof Error ? error.message : String(error)}`, baseline: "", target: "", ok: false });
  }
  process.stderr.write(`bench: ${name} done in ${f((Date.now() - started) / 1000)} s\n`);
}

const callbacks = Number(process.env.BENCH_CALLBACKS ?? 20_000);
const perf = (load: LoadResult) => `${f(load.rps, 0)} req/s, p50 ${f(load.p50Ms)} ms, p99 ${f(load.p99Ms)} ms [${Object.entries(load.statuses).map(([status, n]) => `${status}×${n}`).join(" ")}]`;
const once = (row: AppRow): Row => ({
  row: "  … credited exactly once / notified exactly once",
  measured: `${row.resent > 0 ? `${row.resent} resent after the load; ` : ""}ledger ${row.credited} rows: ${row.creditedOnce ? "once each" : "WRONG"}; outbox sent ${row.notificationsSent}: ${row.notifiedOnce ? "one sendMessage each" : "WRONG"} (${row.sentAtPace} at Telegram's pace during the load, the rest after a restart; all ${f(row.notifyDrainMs / 1000)} s after load start)`,
  baseline: "—",
  target: "every top-up once, every notification sent once",
  ok: row.creditedOnce && row.notifiedOnce,
});

await section("machine", () => {
  const ms = machineReferenceMs();
  raw.machineReferenceMs = ms;
  rows.push({ row: "Machine speed now (fixed JSON + deflate work, bench/machine.ts)", measured: `${f(ms, 2)} ms`, baseline: "compare across runs", target: "—", ok: null });
});

await section("webhook", async () => {
  const r = await runWebhookBench({ callbacks, postgres: process.env.BENCH_POSTGRES !== "0" });
  raw.webhook = r;
  const { sqlite, bare } = r;
  rows.push({
    row: `Webhook confirmations, SQLite (${callbacks} SUCCEEDED, ${r.connections} conns)`,
    measured: perf(sqlite.load),
    baseline: `bare express ${f(bare.rps, 0)} req/s, p50 ${f(bare.p50Ms)} ms, p99 ${f(bare.p99Ms)} ms`,
    target: `≥ 0.7× bare (got ${f(sqlite.ratio, 2)}×), p99 ≤ 40 ms`,
    ok: sqlite.ratio >= 0.7 && sqlite.load.p99Ms <= 40,
  });
  rows.push(once(sqlite));
  if ("skipped" in r.postgres) {
    rows.push({ row: "Webhook confirmations, PostgreSQL", measured: `skipped: ${r.postgres.skipped}`, baseline: "—", target: "—", ok: null });
    return;
  }
  // No target: one machine runs the database, every instance, the balancer and the load; the rows say what
  // PostgreSQL costs beside SQLite here, not what a cluster of machines would do.
  for (const [label, row] of [["1 instance", r.postgres.oneInstance], ["3 instances behind a load balancer", r.postgres.threeInstances]] as const) {
    rows.push({
      row: `Webhook confirmations, PostgreSQL, ${label}`,
      measured: perf(row.load),
      baseline: `SQLite ${f(sqlite.load.rps, 0)} req/s (${f(row.load.rps / sqlite.load.rps, 2)}× of it); bare ${f(bare.rps, 0)} req/s`,
      target: "— (same machine; reported)",
      ok: null,
    });
    rows.push(once(row));
  }
});

await section("duplicate-storm", async () => {
  const r = await runDuplicateStormBench();
  raw.duplicateStorm = r;
  rows.push({
    row: `Duplicate storm: one credited payment's callback for ${f(r.durationMs / 1000, 0)} s, ${r.connections} keep-alive conns, SQLite`,
    measured: perf(r.app),
    baseline: `bare node:http ${f(r.bare.rps, 0)} req/s, p50 ${f(r.bare.p50Ms)} ms, p99 ${f(r.bare.p99Ms)} ms`,
    target: `≥ 0.6× bare (got ${f(r.ratio, 2)}×)`,
    ok: r.ratio >= 0.6,
  });
  rows.push({
    row: "  … nothing changed, merchant told once, every repeat counted",
    measured: `balance, ledger, outbox, invoice, top-up, exceptions ${r.unchanged ? "unchanged" : "CHANGED"}; told ${r.toldTimes}×; counted ${r.counted} of ${r.answered} answered`,
    baseline: "—",
    target: "0 changes, told once, counted = answered",
    ok: r.unchanged && r.toldTimes === 1 && r.counted === r.answered,
  });
});

await section("webhook-v3", async () => {
  // A quarter of the OVO row's load: the same settlement path behind another body, so a shorter run tells enough.
  const r = await runWebhookBench({ callbacks: Math.ceil(callbacks / 4), warmup: 500, scheme: qrisScheme, postgres: false });
  raw.webhookV3 = r;
  const { sqlite, bare } = r;
  rows.push({
    row: `v3 callbacks, QRIS payment.capture, SQLite (${r.callbacks} SUCCEEDED, ${r.connections} conns)`,
    measured: perf(sqlite.load),
    baseline: `bare express ${f(bare.rps, 0)} req/s, p50 ${f(bare.p50Ms)} ms, p99 ${f(bare.p99Ms)} ms`,
    target: `≥ 0.5× bare (got ${f(sqlite.ratio, 2)}×), p99 ≤ 50 ms`,
    ok: sqlite.ratio >= 0.5 && sqlite.load.p99Ms <= 50,
  });
  rows.push(once(sqlite));
});

await section("notify-latency", async () => {
  const r = await runNotifyLatencyBench();
  raw.notifyLatency = r;
  rows.push({
    row: `Callback → its sendMessage at Telegram (${r.perSecond} callbacks/s for ${r.callbacks / r.perSecond} s, Telegram answering after ${r.telegramDelayMs} ms)`,
    measured: `p50 ${f(r.p50Ms)} ms, p99 ${f(r.p99Ms)} ms, max ${f(r.maxMs)} ms; ${r.failed} callbacks not 2xx; ${r.notifiedOnce ? "one sendMessage each" : "WRONG: not one sendMessage each"}`,
    baseline: `the callback's HTTP answer p50 ${f(r.answerP50Ms)} ms, p99 ${f(r.answerP99Ms)} ms; Telegram's round trip ${r.telegramDelayMs} ms`,
    target: "p99 ≤ 100 ms, every merchant told once",
    ok: r.p99Ms <= 100 && r.notifiedOnce && r.failed === 0,
  });
});

await section("conversation", async () => {
  const r = await runConversationBench();
  raw.conversation = r;
  rows.push({
    row: `Conversation cost (${r.conversations} top-ups × ${r.updatesPerConversation} updates)`,
    measured: `median ${f(r.medianMs, 2)} ms, p99 ${f(r.p99Ms, 2)} ms per update; steps ${r.stepMedianMs.map((m) => f(m, 2)).join(" / ")} ms`,
    baseline: `first step ${f(r.firstMs, 2)} ms; last ${f(r.lastMs, 2)} ms = ${f(r.lastToFirst, 2)}×`,
    target: "median ≤ 5 ms, last ≤ 2× first",
    ok: r.medianMs <= 5 && r.lastToFirst <= 2,
  });
});

await section("invoice", async () => {
  const r = await runInOwnProcess<InvoiceBenchResult>("invoice");
  raw.invoice = r;
  rows.push({
    row: "Invoice PDF (1,000 renders; RSS over 10,000)",
    measured: `median ${f(r.medianMs, 2)} ms, p99 ${f(r.p99Ms, 2)} ms, RSS ${r.rssGrowthMb < 0 ? "" : "+"}${f(r.rssGrowthMb)} MB`,
    baseline: "—",
    target: "median ≤ 5 ms, RSS growth ≤ 30 MB",
    ok: r.medianMs <= 5 && r.rssGrowthMb <= 30,
  });
});

await section("qr-image", async () => {
  const r = await runQrImageBench();
  raw.qrImage = r;
  rows.push({
    row: `QRIS image, PNG from a ${r.qrLength}-character QR string (${r.renders} renders, ${f(r.pngBytes / 1024)} KB each)`,
    measured: `median ${f(r.medianMs, 2)} ms, p99 ${f(r.p99Ms, 2)} ms`,
    baseline: `QR encoding alone (QRCode.create, no pixels): median ${f(r.encodeMedianMs, 2)} ms, p99 ${f(r.encodeP99Ms, 2)} ms; the PNG is ${f(r.medianMs / r.encodeMedianMs, 1)}× it`,
    target: "median ≤ 10 ms, p99 ≤ 50 ms (it runs on the bot's event loop)",
    ok: r.medianMs <= 10 && r.p99Ms <= 50,
  });
});

await section("broadcast", async () => {
  // Another part of the project; imported by name so this runner works without it.
  const path = "./broadcast.js";
  let mod: { runBroadcastBench?: () => Promise<Record<string, number>> } | undefined;
  try {
    mod = (await import(path)) as typeof mod;
  } catch {
    mod = undefined;
  }
  if (!mod?.runBroadcastBench) {
    rows.push({ row: "Broadcast delivery", measured: "not available", baseline: "—", target: "—", ok: null });
    return;
  }
  const r = await mod.runBroadcastBench();
  raw.broadcast = r;
  const { achievedRate = Number.NaN, maxPerSecondWindow = Number.NaN, duplicates = Number.NaN, limit = Number.NaN } = r;
  rows.push({
    row: `Broadcast delivery (${r.recipients ?? "?"} recipients)`,
    measured: `${f(achievedRate, 0)} msg/s (${f((100 * achievedRate) / limit)}%), max ${maxPerSecondWindow} in any 1 s, ${duplicates} duplicates, ${r.delivered ?? "?"} delivered, event loop busy ${f(r.loopMsPerCopy ?? Number.NaN, 2)} ms per copy`,
    baseline: `limit ${limit} msg/s`,
    target: "≥ 97% of the limit, never above it in any 1 s window, no duplicates",
    ok: achievedRate >= 0.97 * limit && maxPerSecondWindow <= limit && duplicates === 0,
  });
});

await section("startup", async () => {
  const r = await runStartupBench();
  raw.startup = r;
  rows.push({
    row: `Start-up to ready, idle RSS (npm start: ${r.command}, median of ${r.runs})`,
    measured: `ready ${f(r.readyMs, 0)} ms (first run ${f(r.firstReadyMs, 0)} ms), RSS ${f(r.idleRssMb)} MB after 2 s idle`,
    baseline: `bare express, same node flags: ready ${f(r.baselineReadyMs, 0)} ms, RSS ${f(r.baselineRssMb)} MB`,
    target: "ready ≤ 1 s, idle RSS ≤ 100 MB",
    ok: r.readyMs <= 1_000 && r.idleRssMb <= 100,
  });
});

const headers: Row = { row: "Row", measured: "Measured", baseline: "Baseline (same run)", target: "Target", ok: null };
const cells = (r: Row) => [r.row, r.measured, r.baseline, r.target, r === headers ? "OK?" : r.ok === null ? "—" : r.ok ? "yes" : "NO"];
const widths = cells(headers).map((_, i) => Math.max(...[headers, ...rows].map((r) => cells(r)[i]!.length)));
const line = (r: Row) => `| ${cells(r).map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
console.log([line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n"));

const machine = { node: process.version, cpus: availableParallelism(), cpu: cpus()[0]?.model ?? "unknown", at: new Date().toISOString() };
writeFileSync(join(root, "bench", "results.json"), `${JSON.stringify({ machine, rows, raw }, null, 2)}\n`);
console.log(`\nWritten to bench/results.json (${machine.cpus} CPUs, Node ${machine.node}).`);
if (rows.some((r) => r.ok === false)) process.exitCode = 1;
